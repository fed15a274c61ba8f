import pandas as pd  # phase: setup
import plotly.express as px  # phase: setup
import plotly.graph_objects as go  # phase: setup

gap = pd.read_csv("gapminder.csv")  # phase: data_loading
gap = gap[gap["year"] >= 1990]  # phase: data_cleaning
fig = px.scatter(gap, x="gdpPercap", y="lifeExp", color="continent", size="pop", log_x=True)  # phase: visualization
fig.show()  # phase: visualization
fig2 = px.histogram(gap, x="lifeExp", nbins=40)  # phase: visualization
fig2.update_layout(title="life expectancy")  # phase: visualization
fig2.show()  # phase: visualization
summary = gap.groupby("continent")["lifeExp"].agg(["mean", "median", "std"])  # phase: data_exploration
print(summary)  # phase: data_exploration
bar = go.Figure(go.Bar(x=summary.index, y=summary["mean"]))  # phase: visualization
bar.write_html("life_expectancy.html")  # phase: visualization
