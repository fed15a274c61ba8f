/**
 * Loads the API → phase knowledge base (analytics/knowledge/*.json) and answers look-ups by fully
 * qualified name, by (type, method) and by (type, attribute). See analytics/knowledge/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPhase, type Phase } from './phases.js';

/** A phase, or one of the pseudo-phases resolved by the analyser: `plot` and `display`. */
export type KPhase = Phase | 'plot' | 'display';

export interface Spec {
  phases: KPhase[];
  /** a type name, `self`, `arg0`, `args` (all the arguments together: zip), or null */
  returns: string | null;
}

export type Role = 'data' | 'model' | 'transformer' | 'splitter' | 'search' | 'pred' | 'metric' | 'figure' | 'other';
const ROLES = new Set<string>(['data', 'model', 'transformer', 'splitter', 'search', 'pred', 'metric', 'figure', 'other']);

export interface TypeDef {
  name: string;
  extends: string | null;
  role: Role | null;
  construct: Spec | null;
  methods: Map<string, Spec>;
  attributes: Map<string, Spec>;
}

export type Callable =
  | { kind: 'function'; name: string; spec: Spec }
  | { kind: 'class'; name: string; type: string; spec: Spec };

interface KbFile {
  library?: string;
  canonical?: Record<string, string>;
  functions?: Record<string, string>;
  prefixes?: Record<string, string>;
  classes?: Record<string, string>;
  class_prefixes?: Record<string, string>;
  types?: Record<string, { extends?: string; role?: string; construct?: string; methods?: Record<string, string>; attributes?: Record<string, string> }>;
}

export function parseSpec(s: string, where: string): Spec {
  const [left, right] = s.split('=>');
  const phases: KPhase[] = [];
  for (const p of (left ?? '').split(',')) {
    const t = p.trim();
    if (!t) continue;
    if (t === 'plot' || t === 'display' || isPhase(t)) phases.push(t);
    else throw new Error(`knowledge base: unknown phase '${t}' in ${where}`);
  }
  const r = right?.trim();
  return { phases, returns: r ? r : null };
}

export function defaultKnowledgeDir(): string {
  // build/analytics/static/knowledge.js → <repo>/analytics/knowledge ; analytics/static/knowledge.ts → ../knowledge
  const here = dirname(fileURLToPath(import.meta.url));
  const fromBuild = resolve(here, '../../../analytics/knowledge');
  const fromSrc = resolve(here, '../knowledge');
  try {
    readdirSync(fromBuild);
    return fromBuild;
  } catch {
    return fromSrc;
  }
}

export class KnowledgeBase {
  readonly functions = new Map<string, Spec>();
  readonly classes = new Map<string, string>();
  readonly types = new Map<string, TypeDef>();
  private prefixes: [string, Spec][] = [];
  private classPrefixes: [string, string][] = [];
  private canonical: [string, string][] = [];
  readonly libraries: string[] = [];
  /** first segments of every known name (`pandas`, `sklearn`, ...) */
  readonly roots = new Set<string>();
  private memo = new Map<string, Callable | null>();

  static load(dir: string = defaultKnowledgeDir()): KnowledgeBase {
    const kb = new KnowledgeBase();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort();
    for (const f of files) kb.add(JSON.parse(readFileSync(join(dir, f), 'utf8')) as KbFile, f);
    kb.finish();
    return kb;
  }

  add(file: KbFile, where: string): void {
    if (file.library) this.libraries.push(file.library);
    for (const [k, v] of Object.entries(file.canonical ?? {})) this.canonical.push([k, v]);
    for (const [k, v] of Object.entries(file.functions ?? {})) {
      this.functions.set(k, parseSpec(v, `${where}:functions.${k}`));
      this.roots.add(k.split('.')[0]!);
    }
    for (const [k, v] of Object.entries(file.prefixes ?? {})) {
      this.prefixes.push([k, parseSpec(v, `${where}:prefixes.${k}`)]);
      this.roots.add(k.split('.')[0]!);
    }
    for (const [k, v] of Object.entries(file.classes ?? {})) {
      this.classes.set(k, v);
      this.roots.add(k.split('.')[0]!);
    }
    for (const [k, v] of Object.entries(file.class_prefixes ?? {})) this.classPrefixes.push([k, v]);
    for (const [name, t] of Object.entries(file.types ?? {})) {
      if (t.role && !ROLES.has(t.role)) throw new Error(`knowledge base: unknown role '${t.role}' in ${where}:types.${name}`);
      const def: TypeDef = {
        name,
        extends: t.extends ?? null,
        role: (t.role as Role | undefined) ?? null,
        construct: t.construct ? parseSpec(t.construct, `${where}:types.${name}.construct`) : null,
        methods: new Map(Object.entries(t.methods ?? {}).map(([m, s]) => [m, parseSpec(s, `${where}:types.${name}.methods.${m}`)])),
        attributes: new Map(Object.entries(t.attributes ?? {}).map(([m, s]) => [m, parseSpec(s, `${where}:types.${name}.attributes.${m}`)])),
      };
      this.types.set(name, def);
    }
  }

  private finish(): void {
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
    this.classPrefixes.sort((a, b) => b[0].length - a[0].length);
    this.canonical.sort((a, b) => b[0].length - a[0].length);
  }

  private canonMemo = new Map<string, string>();
  canonicalize(q: string): string {
    let r = this.canonMemo.get(q);
    if (r === undefined) {
      r = this.canonicalizeUncached(q);
      this.canonMemo.set(q, r);
    }
    return r;
  }

  private canonicalizeUncached(q: string): string {
    for (const [from, to] of this.canonical) {
      // 'lightning' -> 'lightning.pytorch' must leave 'lightning.pytorch.Trainer' alone
      if (to.startsWith(from + '.') && (q === to || q.startsWith(to + '.'))) return q;
      if (q === from) return to;
      if (q.startsWith(from + '.')) return to + q.slice(from.length);
    }
    return q;
  }

  /** Resolves a fully-qualified callable (after import resolution) to a function spec or a class. */
  lookup(qualified: string): Callable | null {
    const m = this.memo.get(qualified);
    if (m !== undefined) return m;
    const r = this.lookupUncached(this.canonicalize(qualified));
    this.memo.set(qualified, r);
    return r;
  }

  private lookupUncached(q: string): Callable | null {
    const f = this.functions.get(q);
    if (f) return { kind: 'function', name: q, spec: f };
    const last = q.slice(q.lastIndexOf('.') + 1);
    const isClassName = /^_?[A-Z]/.test(last);
    const cls = this.classes.get(q) ?? (isClassName ? this.classPrefixes.find(([p]) => q.startsWith(p))?.[1] : undefined);
    if (cls) {
      const td = this.type(cls);
      const construct = this.construct(cls);
      return { kind: 'class', name: q, type: cls, spec: { phases: construct?.phases ?? [], returns: cls } , ...(td ? {} : {}) };
    }
    // Class.method (static/class methods such as ConfusionMatrixDisplay.from_estimator)
    const dot = q.lastIndexOf('.');
    if (dot > 0) {
      const owner = q.slice(0, dot);
      const ownerLast = owner.slice(owner.lastIndexOf('.') + 1);
      if (/^[A-Z]/.test(ownerLast)) {
        const oc = this.classes.get(owner) ?? this.classPrefixes.find(([p]) => owner.startsWith(p))?.[1];
        if (oc) {
          const ms = this.method(oc, last);
          if (ms) return { kind: 'function', name: q, spec: { phases: ms.phases, returns: ms.returns === 'self' ? oc : ms.returns } };
        }
      }
    }
    for (const [p, s] of this.prefixes) if (q.startsWith(p)) return { kind: 'function', name: q, spec: s };
    return null;
  }

  type(name: string): TypeDef | undefined {
    return this.types.get(name);
  }

  construct(name: string): Spec | null {
    for (let t = this.types.get(name), guard = 0; t && guard < 10; t = t.extends ? this.types.get(t.extends) : undefined, guard++) {
      if (t.construct) return t.construct;
    }
    return null;
  }

  role(name: string | null): Role | null {
    for (let t = name ? this.types.get(name) : undefined, guard = 0; t && guard < 10; t = t.extends ? this.types.get(t.extends) : undefined, guard++) {
      if (t.role) return t.role;
    }
    return null;
  }

  /** Method spec for a type, walking `extends`; `*` entries match any name. Does not consult `any`. */
  method(typeName: string, name: string): Spec | null {
    return this.member(typeName, name, 'methods');
  }

  attribute(typeName: string, name: string): Spec | null {
    return this.member(typeName, name, 'attributes');
  }

  private member(typeName: string, name: string, which: 'methods' | 'attributes'): Spec | null {
    let star: Spec | null = null;
    for (let t = this.types.get(typeName), guard = 0; t && guard < 10; t = t.extends ? this.types.get(t.extends) : undefined, guard++) {
      const s = t[which].get(name);
      if (s) return s;
      if (!star) star = t[which].get('*') ?? null;
    }
    return star;
  }
}

let shared: KnowledgeBase | null = null;
/** The knowledge base of the repository, loaded once per process. */
export function getKnowledgeBase(): KnowledgeBase {
  if (!shared) shared = KnowledgeBase.load();
  return shared;
}
