/**
 * JSON for query results and records: BigInt as number where exact, else as a decimal string; dates as
 * ISO strings (UTC, `Z`); the floats JSON has no literal for as the strings "NaN", "Infinity" and
 * "-Infinity" (JSON.stringify would make them null, indistinguishable from a missing value).
 */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value;
}

export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(toJsonValue(value), null, indent);
}
