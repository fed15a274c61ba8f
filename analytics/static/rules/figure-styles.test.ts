// Issue 13: a figure style set in a cell that draws (sns.set(font_scale=1.25) before sns.heatmap, the classic
// house-prices exploration's zoomed heatmap) styles that cell's figures: visualization; in the imports cell it is setup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../index.js';
import { phasesAt } from '../../../test/support/phases-at.js';

const notebook = (...cells: string[]): string => JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source })), nbformat: 4 });

test('a style call in a plotting cell without imports is visualization; in the imports cell it stays setup', () => {
  const a = analyzeSource(
    notebook(
      "import pandas as pd\nimport seaborn as sns\nimport matplotlib.pyplot as plt\nsns.set_style('whitegrid')\n",
      "df = pd.read_csv('train.csv')\n",
      "sns.set(font_scale=1.25)\nsns.heatmap(df.corr(), annot=True)\nplt.show()\n",
      "plt.style.use('ggplot')\nplt.rcParams['figure.figsize'] = (12, 8)\ndf['price'].hist(bins=50)\n",
      "sns.set()\ndf.describe()\n",
    ),
    'styles.ipynb',
  );
  assert.deepEqual(phasesAt(a, 4, 0), ['setup'], 'style of the whole notebook, next to the imports');
  assert.deepEqual(phasesAt(a, 1, 2), ['visualization']);
  assert.deepEqual(phasesAt(a, 1, 3), ['visualization']);
  assert.deepEqual(phasesAt(a, 2, 3), ['visualization']);
  assert.deepEqual(phasesAt(a, 1, 4), ['setup'], 'a cell that draws nothing');
});
