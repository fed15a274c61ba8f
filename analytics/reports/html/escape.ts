/**
 * HTML with every value escaped: reports show what user programs recorded (parameter values, file
 * paths, exception messages), so no value may become markup. `html\`...\`` escapes each interpolated
 * value unless it is already `Html` (a fragment built the same way); arrays are joined.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value made safe: & < > " ' as entities. */
export function esc(value: unknown): string {
  return text(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The text a value shows: nothing for null/undefined, numbers as JavaScript prints them, objects as JSON. */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

function piece(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  if (value === false) return '';
  return esc(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += piece(v) + strings[i + 1]!));
  return new Html(out);
}

/** Markup written by labtrace itself (CSS, its script): never user values. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** A CSS class or id fragment from a free name (phase names, node kinds): letters, digits, '-' only. */
export function slug(value: unknown): string {
  return text(value).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
