/**
 * A small JSON Schema validator for the keywords the knowledge-base schema uses (analytics/knowledge/schema.json):
 * type, required, properties, additionalProperties, propertyNames, pattern, minLength, enum and local $ref
 * ("#/$defs/x"). Unknown keywords are ignored, as JSON Schema does. Returns the list of violations (empty = valid).
 */
export type JsonSchema = { [k: string]: unknown };

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;
}

export function validate(root: JsonSchema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (s: JsonSchema): JsonSchema => {
    const ref = s['$ref'];
    if (typeof ref !== 'string') return s;
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const defs = root['$defs'] as Record<string, JsonSchema> | undefined;
    const target = m ? defs?.[m[1]!] : undefined;
    if (!target) throw new Error(`json-schema: unresolvable $ref ${ref}`);
    return resolve(target);
  };
  const check = (schema: JsonSchema, v: unknown, at: string): void => {
    const s = resolve(schema);
    const t = s['type'];
    if (typeof t === 'string' && typeOf(v) !== t && !(t === 'number' && typeOf(v) === 'integer')) {
      errors.push(`${at}: expected ${t}, got ${typeOf(v)}`);
      return;
    }
    if (Array.isArray(s['enum']) && !(s['enum'] as unknown[]).includes(v)) errors.push(`${at}: ${JSON.stringify(v)} not one of ${JSON.stringify(s['enum'])}`);
    if (typeof v === 'string') {
      if (typeof s['minLength'] === 'number' && v.length < s['minLength']) errors.push(`${at}: shorter than ${s['minLength']}`);
      if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(v)) errors.push(`${at}: ${JSON.stringify(v)} does not match ${s['pattern']}`);
    }
    if (typeOf(v) !== 'object') return;
    const obj = v as Record<string, unknown>;
    for (const r of (s['required'] as string[] | undefined) ?? []) if (!(r in obj)) errors.push(`${at}: missing required '${r}'`);
    const props = (s['properties'] as Record<string, JsonSchema> | undefined) ?? {};
    const extra = s['additionalProperties'];
    const names = s['propertyNames'] as JsonSchema | undefined;
    for (const [k, x] of Object.entries(obj)) {
      if (names) check(names, k, `${at}/${k} (name)`);
      if (k in props) check(props[k]!, x, `${at}/${k}`);
      else if (extra === false) errors.push(`${at}: unexpected property '${k}'`);
      else if (extra && typeof extra === 'object') check(extra as JsonSchema, x, `${at}/${k}`);
    }
  };
  check(root, value, '#');
  return errors;
}
