/** Renders query results as an aligned table, CSV or JSON. */

export type OutputFormat = 'table' | 'csv' | 'json';

/** Column names and rows, as a query returns them. */
export interface ResultRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export function formatResult(result: ResultRows, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]]))), null, 2) + '\n';
    case 'csv':
      return [result.columns, ...result.rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
    case 'table':
      return formatTable(result.columns, result.rows.map((row) => row.map(cellText)));
  }
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  return out.join('\n') + `\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}
