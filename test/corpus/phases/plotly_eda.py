import pandas as pd  # phase: setup
import plotly.express as px  # phase: setup
import plotly.graph_objects as go  # phase: setup

gap = pd.read_csv("gapminder.csv")  # phase: data_loading
gap = gap[gap["year"] >= 1990]  # phase: data_cleaning
fig = px.scatter(gap, x="gdpPercap", y="lifeExp", color="continent", size="pop", log_x=True)  # phase: data_exploration
fig.show()  # phase: data_exploration
fig2 = px.histogram(gap, x="lifeExp", nbins=40)  # phase: data_exploration
fig2.update_layout(title="life expectancy")  # phase: data_exploration
fig2.show()  # phase: data_exploration
summary = gap.groupby("continent")["lifeExp"].agg(["mean", "median", "std"])  # phase: data_exploration
print(summary)  # phase: data_exploration
bar = go.Figure(go.Bar(x=summary.index, y=summary["mean"]))  # phase: data_exploration
bar.write_html("life_expectancy.html")  # phase: data_exploration
