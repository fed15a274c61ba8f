/**
 * Static-analysis benchmark: generates a realistic 5,000-line data-science script, then measures
 *   cold          first analysis in the process (loads the knowledge base and the tree-sitter parser)
 *   cold_parsed   full analysis with parser/KB loaded but nothing cached (every chunk parsed)
 *   warm_changed  re-analysis after a one-line edit (parser + KB loaded; unchanged chunks reused) — median
 *   cache_hit     unchanged content through AnalysisCache (sha256 lookup) — median
 * Run: node build/bench/static-analysis.js   (exports runStaticAnalysisBench for the main benchmark)
 */
import { pathToFileURL } from 'node:url';
import { AnalysisCache, analyzeSource, clearChunkCache } from '../analytics/static/index.js';

export interface StaticAnalysisBenchResult {
  lines: number;
  bytes: number;
  statements: number;
  cold_ms: number;
  cold_parsed_ms: number;
  warm_changed_ms: number;
  warm_changed_max_ms: number;
  cache_hit_ms: number;
  budget_ms: number;
  within_budget: boolean;
}

const BLOCKS: ((i: number) => string)[] = [
  (i) => `
# --- experiment ${i}: load and inspect
df_${i} = pd.read_csv("data/apartments_${i}.csv", sep=",")
print(df_${i}.shape)
df_${i}.head()
df_${i}.describe()
df_${i}.info()
print(df_${i}.isnull().sum())
df_${i}['price'].value_counts().head(10)
`,
  (i) => `
# cleaning ${i}
df_${i} = df_${i}.drop_duplicates()
df_${i}['size'] = df_${i}['size'].fillna(df_${i}['size'].median())
df_${i} = df_${i}[df_${i}['price'] > 0]
df_${i}['date'] = pd.to_datetime(df_${i}['date'])
df_${i}.dropna(subset=['price', 'rooms'], inplace=True)
df_${i} = df_${i}.rename(columns={'sz': 'size'})
`,
  (i) => `
# exploration plots ${i}
plt.figure(figsize=(10, 6))
sns.histplot(df_${i}['price'], bins=50)
plt.title("Price distribution ${i}")
plt.show()
sns.heatmap(df_${i}.corr(numeric_only=True), annot=True, cmap="coolwarm")
plt.show()
for col in ['size', 'rooms', 'age']:
    plt.scatter(df_${i}[col], df_${i}['price'], alpha=0.3)
    plt.xlabel(col)
    plt.show()
`,
  (i) => `
# features ${i}
df_${i}['price_per_m2'] = df_${i}['price'] / df_${i}['size']
df_${i}['year'] = df_${i}['date'].dt.year
df_${i}['log_size'] = np.log1p(df_${i}['size'])
df_${i} = pd.get_dummies(df_${i}, columns=['district'], drop_first=True)
X_${i} = df_${i}.drop(columns=['price', 'date'])
y_${i} = df_${i}['price']
X_train_${i}, X_test_${i}, y_train_${i}, y_test_${i} = train_test_split(X_${i}, y_${i}, test_size=0.2, random_state=${i})
scaler_${i} = StandardScaler()
X_train_${i} = scaler_${i}.fit_transform(X_train_${i})
X_test_${i} = scaler_${i}.transform(X_test_${i})
`,
  (i) => `
def train_model_${i}(X, y, n_estimators=100, max_depth=None):
    model = RandomForestRegressor(n_estimators=n_estimators, max_depth=max_depth, random_state=0)
    model.fit(X, y)
    return model

def evaluate_${i}(model, X, y):
    pred = model.predict(X)
    rmse = np.sqrt(mean_squared_error(y, pred))
    print("RMSE:", rmse)
    return rmse
`,
  (i) => `
rf_${i} = train_model_${i}(X_train_${i}, y_train_${i}, 200, 8)
score_${i} = evaluate_${i}(rf_${i}, X_test_${i}, y_test_${i})
lr_${i} = LinearRegression()
lr_${i}.fit(X_train_${i}, y_train_${i})
y_pred_${i} = lr_${i}.predict(X_test_${i})
print("MAE", mean_absolute_error(y_test_${i}, y_pred_${i}))
print("R2", r2_score(y_test_${i}, y_pred_${i}))
grid_${i} = GridSearchCV(Ridge(), {'alpha': [0.1, 1.0, 10.0]}, cv=5, scoring='neg_mean_squared_error')
grid_${i}.fit(X_train_${i}, y_train_${i})
print(grid_${i}.best_params_)
plt.scatter(y_test_${i}, y_pred_${i})
plt.plot([0, 1e6], [0, 1e6], 'r--')
plt.show()
joblib.dump(grid_${i}.best_estimator_, "model_${i}.joblib")
`,
];

const HEADER = `import os
import warnings
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import seaborn as sns
import joblib
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_error, mean_absolute_error, r2_score

warnings.filterwarnings("ignore")
np.random.seed(42)
`;

export function generateScript(targetLines = 5000): string {
  let src = HEADER;
  let n = src.split('\n').length;
  for (let i = 0; n < targetLines; i++) {
    for (const b of BLOCKS) {
      const text = b(i);
      src += text;
      n += text.split('\n').length - 1;
      if (n >= targetLines) break;
    }
  }
  return src.split('\n').slice(0, targetLines).join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function runStaticAnalysisBench(opts: { lines?: number; runs?: number } = {}): StaticAnalysisBenchResult {
  const lines = opts.lines ?? 5000;
  const runs = opts.runs ?? 15;
  const src = generateScript(lines);
  const file = 'bench_5000.py';

  let t = performance.now();
  const first = analyzeSource(src, file);
  const cold = performance.now() - t;

  clearChunkCache();
  t = performance.now();
  analyzeSource(src + '\n# v2\n', file);
  const coldParsed = performance.now() - t;

  // warm: a different one-line edit each run, somewhere in the middle
  const srcLines = src.split('\n');
  const warm: number[] = [];
  for (let r = 0; r < runs; r++) {
    const copy = [...srcLines];
    const at = Math.floor((copy.length * (r + 1)) / (runs + 2));
    let k = at;
    while (k < copy.length && (copy[k]!.startsWith(' ') || copy[k]!.trim() === '' || copy[k]!.startsWith('#'))) k++;
    copy.splice(k, 0, `df_edit_${r} = df_0.dropna()  # edit ${r}`);
    const edited = copy.join('\n');
    t = performance.now();
    analyzeSource(edited, file);
    warm.push(performance.now() - t);
  }

  const cache = new AnalysisCache();
  cache.analyzeSource(src, file);
  const hits: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    cache.analyzeSource(src, file);
    hits.push(performance.now() - t);
  }
  const warmMed = median(warm);
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    lines,
    bytes: Buffer.byteLength(src),
    statements: first.statements.length,
    cold_ms: round(cold),
    cold_parsed_ms: round(coldParsed),
    warm_changed_ms: round(warmMed),
    warm_changed_max_ms: round(Math.max(...warm)),
    cache_hit_ms: round(median(hits)),
    budget_ms: 100,
    within_budget: warmMed < 100 && median(hits) < 100,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = runStaticAnalysisBench();
  console.log(`static analysis of a ${r.lines}-line script (${(r.bytes / 1024).toFixed(0)} KiB, ${r.statements} statements)`);
  console.log(`  cold (incl. loading KB + parser): ${r.cold_ms} ms`);
  console.log(`  cold, nothing cached:             ${r.cold_parsed_ms} ms`);
  console.log(`  warm, one-line edit (median):     ${r.warm_changed_ms} ms (max ${r.warm_changed_max_ms} ms)`);
  console.log(`  warm, unchanged (cache hit):      ${r.cache_hit_ms} ms`);
  console.log(`  budget ${r.budget_ms} ms: ${r.within_budget ? 'OK' : 'EXCEEDED'}`);
  console.log(JSON.stringify(r));
}
