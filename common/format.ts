/** Renders query results as an aligned table, CSV or JSON; records (show, diff, status) as field/value rows. */
import { stringifyJson, toJsonValue } from './json.js';

export type OutputFormat = 'table' | 'csv' | 'json';

/** Column names and rows, as a query returns them. */
export interface ResultRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export function formatResult(result: ResultRows, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return stringifyJson(result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]]))), 2) + '\n';
    case 'csv':
      return [result.columns, ...result.rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
    case 'table':
      return formatTable(result.columns, result.rows.map((row) => row.map(cellText)));
  }
}

/**
 * A record (nested objects and arrays) as `field,value` rows, one per leaf: `run.script`,
 * `metrics[0].value`. What `--format csv` prints for commands whose output is one record.
 */
export function recordRows(record: unknown): ResultRows {
  const rows: [string, unknown][] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      if (value.length === 0) rows.push([path, '[]']);
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
      const entries = Object.entries(value);
      if (entries.length === 0 && path) rows.push([path, '{}']);
      for (const [k, v] of entries) walk(v, path ? `${path}.${k}` : k);
    } else rows.push([path, value]);
  };
  walk(toJsonValue(record), '');
  return { columns: ['field', 'value'], rows };
}

/** A record in a format: json as is, csv as field/value rows, table by the command's own renderer. */
export function formatRecord(record: unknown, format: OutputFormat, table: () => string): string {
  if (format === 'json') return stringifyJson(record, 2) + '\n';
  if (format === 'csv') return formatResult(recordRows(record), 'csv');
  return table();
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return stringifyJson(value);
  return String(value);
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A value on one line: whitespace collapsed (a multi-line repr such as a Pipeline's); with `max`, cut there, the last character an ellipsis. */
export function oneLine(text: string, max?: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return max !== undefined && flat.length > max ? `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…` : flat;
}

/** A table of aligned columns. A line break in a cell would break the alignment: its whitespace becomes one space. */
export function formatTable(columns: readonly string[], rawRows: readonly (readonly string[])[]): string {
  const rows = rawRows.map((r) => r.map((c) => (/[\r\n]/.test(c) ? c.replace(/[ \t]*[\r\n]\s*/g, ' ').trim() : c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  return out.join('\n') + `\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}

/**
 * The one time format of the CLI: UTC, ISO 8601 with Z, to the second (stored timestamps are UTC).
 * Takes a Date, an ISO string (the daemon's JSON) or DuckDB's `YYYY-MM-DD HH:MM:SS[.fff]` text.
 */
export function isoTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(text);
  return m ? `${m[1]}T${m[2]}Z` : text;
}
