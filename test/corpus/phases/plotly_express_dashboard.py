import pandas as pd  # phase: setup
import plotly.express as px  # phase: setup
import plotly.graph_objects as go  # phase: setup

gap = px.data.gapminder()  # phase: data_loading
print(gap.head())  # phase: data_exploration
latest = gap[gap["year"] == 2007]  # phase: data_exploration
fig = px.scatter(latest, x="gdpPercap", y="lifeExp", size="pop", color="continent", log_x=True, hover_name="country")  # phase: visualization
fig.show()  # phase: visualization
fig = px.line(gap[gap["continent"] == "Oceania"], x="year", y="lifeExp", color="country")  # phase: visualization
fig.show()  # phase: visualization
by_continent = gap.groupby(["continent", "year"], as_index=False)["pop"].sum()  # phase: data_exploration
fig = go.Figure()  # phase: visualization
for cont, part in by_continent.groupby("continent"):  # phase: visualization
    fig.add_trace(go.Scatter(x=part["year"], y=part["pop"], name=cont, stackgroup="one"))
fig.update_layout(title="Population by continent")  # phase: visualization
fig.write_html("population.html")  # phase: visualization
