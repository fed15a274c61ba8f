import matplotlib.pyplot as plt  # phase: setup
import seaborn as sns  # phase: setup


def churn_by(frame, col):  # phase: visualization
    fig, ax = plt.subplots(figsize=(8, 4))
    sns.countplot(data=frame, x=col, hue="Churn", ax=ax)
    ax.set_title(f"Churn by {col}")
    plt.tight_layout()
    plt.show()


def tenure_spread(frame):  # phase: visualization
    frame.boxplot(column="tenure", by="Churn", figsize=(6, 4))
    plt.suptitle("")
    plt.show()


def importance_bars(names, values, top=15):  # phase: visualization
    order = values.argsort()[::-1][:top]
    plt.figure(figsize=(8, 6))
    plt.barh([names[i] for i in order], values[order])
    plt.gca().invert_yaxis()
    plt.show()
