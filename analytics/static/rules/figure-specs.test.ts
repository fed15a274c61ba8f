// Issue 13 (plotly tutorials): a figure's parts built before it is drawn (traces gathered in a list, settings written
// as a literal dict) belong to the figure when every later use draws, directly or through the figure made of them.
import { test } from 'node:test';
import { assertPhases } from '../../../test/support/phases-at.js';

const HEAD = [
  'import pandas as pd',
  'import plotly.graph_objs as go',
  'from plotly.offline import iplot',
  'df = pd.read_csv("rankings.csv")',
  'trace1 = go.Scatter(x=df.world_rank, y=df.citations, mode="lines")',
  'trace2 = go.Scatter(x=df.world_rank, y=df.teaching, mode="lines")',
];

test('traces gathered in a list and a literal layout dict, drawn through fig = dict(data=..., layout=...), are visualization', () => {
  assertPhases('plotly_parts.py', [
    ...HEAD,
    ['data = [trace1, trace2]', ['visualization'], 'traces gathered for the figure'],
    ['layout = dict(title="Citation vs rank", xaxis=dict(title="World Rank", ticklen=5, zeroline=False))', ['visualization'], 'the figure settings'],
    ['fig = dict(data=data, layout=layout)', ['visualization']],
    'iplot(fig)',
    ['bars = [trace1]', ['visualization'], 'drawn directly by go.Figure'],
    ['settings = {"barmode": "group", "title": "Top 3"}', ['visualization']],
    'iplot(go.Figure(data=bars, layout=settings))',
  ]);
});

test('frames gathered for cleaning loops and constant dicts given to a model are not figure parts', () => {
  assertPhases('not_parts.py', [
    'import pandas as pd',
    'from xgboost import XGBClassifier',
    'train = pd.read_csv("train.csv")',
    'test = pd.read_csv("test.csv")',
    ['combine = [train, test]', { not: ['visualization'] }],
    'for dataset in combine:',
    '    dataset["Age"] = dataset["Age"].fillna(dataset["Age"].median())',
    ['params = dict(n_estimators=300, max_depth=4)', { not: ['visualization'] }],
    'model = XGBClassifier(**params)',
    ['options = {"sep": ";", "decimal": ","}', { not: ['visualization'] }, 'a literal dict only shown is no figure part'],
    'print(options)',
  ]);
});

test('a column picked out and drawn only through the figure dict made of it is visualization, even named like labels', () => {
  assertPhases('plotly_pie.py', [
    ...HEAD,
    'top7 = df.iloc[:7, :]',
    ['labels = top7.university_name', ['visualization'], 'only read by the figure dict, itself only drawn'],
    'fig = {"data": [{"values": top7.num_students, "labels": labels, "type": "pie"}], "layout": {"title": "Students"}}',
    'iplot(fig)',
    ['names = top7.university_name', { not: ['visualization'] }, 'also made into a column: not only drawn'],
    'fig = {"data": [{"values": top7.num_students, "labels": names, "type": "pie"}]}',
    'iplot(fig)',
    "df['name_len'] = names.str.len()",
  ]);
});
