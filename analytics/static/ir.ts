/**
 * Python source → a small, plain-object intermediate representation (IR) of statements and expressions.
 *
 * Parsing is incremental by *chunks*: the source is cut at top-level statement boundaries with a cheap
 * lexer, each chunk is parsed by tree-sitter separately and its IR is cached by the chunk's text
 * (a content hash, kept in a bounded map). Re-analysing a file after an edit only re-parses the chunks
 * whose text changed; everything else is reused, which is what keeps a 5,000-line file well under 100 ms.
 */
import { createRequire } from 'node:module';
import type ParserT from 'tree-sitter';

const require = createRequire(import.meta.url);

type SyntaxNode = ParserT.SyntaxNode;

export type Expr =
  | { k: 'name'; id: string }
  | { k: 'attr'; obj: Expr; attr: string }
  | { k: 'call'; fn: Expr; args: Expr[]; kw: [string, Expr][]; splat: Expr[]; line: number }
  | { k: 'sub'; obj: Expr; idx: Expr[] }
  | { k: 'num'; v: number; val?: unknown }
  | { k: 'str'; v: string; parts: Expr[]; val?: unknown }
  | { k: 'const'; v: 'True' | 'False' | 'None' }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'cmp'; items: Expr[] }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'seq'; items: Expr[] }
  | { k: 'dict'; keys: (Expr | null)[]; vals: Expr[] }
  | { k: 'lambda'; body: Expr }
  | { k: 'comp'; parts: Expr[]; targets: Expr[]; filter: boolean }
  | { k: 'slice'; parts: Expr[] }
  | { k: 'other'; parts: Expr[] };

export interface Param {
  name: string;
  dflt: Expr | null;
}

export type StmtKind =
  | { k: 'import'; names: { qual: string; alias: string }[]; star: string | null }
  | { k: 'assign'; targets: Expr[]; value: Expr | null; op: string | null }
  | { k: 'expr'; e: Expr }
  | { k: 'def'; name: string; params: Param[]; body: Stmt[]; decorators: Expr[] }
  | { k: 'class'; name: string; bases: Expr[]; body: Stmt[] }
  | { k: 'block'; kind: string; heads: Expr[]; targets: Expr[]; body: Stmt[] }
  | { k: 'return'; e: Expr | null }
  | { k: 'other'; kw: string; exprs: Expr[] }
  | { k: 'magic'; text: string };

export interface Stmt {
  /** 0-based rows relative to the chunk (the analyser adds the chunk's offset). */
  start: number;
  end: number;
  s: StmtKind;
  /** true when the statement came out of (or contains) a tree-sitter ERROR node. */
  err?: boolean;
  /** the analyser's memo of this statement (IR chunks are cached across analyses); opaque here */
  memo?: unknown;
}

export interface Chunk {
  /** 0-based line of the chunk in its source. */
  line: number;
  text: string;
  stmts: Stmt[];
  errors: number;
}

// ---------------------------------------------------------------------------------------------------
// tree-sitter, loaded once (CommonJS native modules)

let parser: ParserT | null = null;
function getParser(): ParserT {
  if (!parser) {
    const Parser = require('tree-sitter') as typeof ParserT;
    const Python = require('tree-sitter-python') as ParserT.Language;
    parser = new Parser();
    parser.setLanguage(Python);
  }
  return parser;
}

/** Loads the parser eagerly (so that benchmarks can separate start-up from analysis). */
export function warmParser(): void {
  getParser();
}

// ---------------------------------------------------------------------------------------------------
// chunking

const CONTINUATION_KW = /^(else|elif|except|finally)\b/;

/** Splits source into lines and returns the 0-based line numbers where top-level statements start. */
export function chunkStarts(lines: readonly string[]): number[] {
  const starts: number[] = [0];
  let depth = 0;
  let triple: string | null = null;
  let contLine = false;
  let prevDecorator = false;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    const atTop = depth === 0 && triple === null && !contLine;
    if (atTop && li > 0 && line.length > 0) {
      const c = line.charCodeAt(0);
      // not whitespace, not a comment
      if (c !== 32 && c !== 9 && c !== 35 && c !== 13 && !CONTINUATION_KW.test(line) && !prevDecorator) {
        if (starts[starts.length - 1] !== li) starts.push(li);
      }
    }
    if (atTop) {
      const t = line.trimStart();
      if (t.length > 0 && t[0] !== '#') prevDecorator = line[0] === '@';
    }
    // lex the line
    contLine = false;
    let i = 0;
    const n = line.length;
    while (i < n) {
      const ch = line[i]!;
      if (triple !== null) {
        if (ch === '\\') {
          i += 2;
          continue;
        }
        if (ch === triple[0] && line.startsWith(triple, i)) {
          i += 3;
          triple = null;
          continue;
        }
        i++;
        continue;
      }
      if (ch === '#') break;
      if (ch === '"' || ch === "'") {
        if (line.startsWith(ch + ch + ch, i)) {
          triple = ch + ch + ch;
          i += 3;
          continue;
        }
        // single-line string
        i++;
        while (i < n && line[i] !== ch) {
          if (line[i] === '\\') i++;
          i++;
        }
        i++;
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
      else if (ch === '\\' && i === n - 1) contLine = true;
      i++;
    }
  }
  return starts;
}

const chunkCache = new Map<string, { stmts: Stmt[]; errors: number }>();
const CHUNK_CACHE_MAX = 50_000;

export interface ParseStats {
  chunks: number;
  parsed: number;
}

/** Parses `source` into chunks of IR, reusing cached chunks whose text is unchanged. */
export function parseChunks(source: string, stats?: ParseStats): Chunk[] {
  const lines = source.split('\n');
  const starts = chunkStarts(lines);
  const out: Chunk[] = [];
  // character offset of each chunk start (the chunk text is a substring of the source, not a re-join of its lines)
  const offs: number[] = new Array(starts.length);
  let pos = 0;
  let si = 0;
  for (let li = 0; li < lines.length && si < starts.length; li++) {
    while (si < starts.length && starts[si] === li) offs[si++] = pos;
    pos += lines[li]!.length + 1;
  }
  for (let ci = 0; ci < starts.length; ci++) {
    const a = starts[ci]!;
    const text = source.substring(offs[ci]!, ci + 1 < starts.length ? offs[ci + 1]! - 1 : source.length);
    let hit = chunkCache.get(text);
    if (!hit) {
      hit = parseChunk(text);
      if (chunkCache.size >= CHUNK_CACHE_MAX) chunkCache.clear();
      chunkCache.set(text, hit);
      if (stats) stats.parsed++;
    }
    if (stats) stats.chunks++;
    out.push({ line: a, text, stmts: hit.stmts, errors: hit.errors });
  }
  return out;
}

export function clearChunkCache(): void {
  chunkCache.clear();
}

function parseChunk(text: string): { stmts: Stmt[]; errors: number } {
  if (text.trim() === '') return { stmts: [], errors: 0 };
  const tree = getParser().parse(text, null, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
  const root = tree.rootNode;
  const conv = new Converter();
  const stmts = conv.block(root.namedChildren);
  return { stmts, errors: Math.max(conv.errors, root.hasError ? 1 : 0) };
}

// ---------------------------------------------------------------------------------------------------
// tree-sitter node → IR

const OTHER_STMT: Record<string, string> = {
  pass_statement: 'pass',
  break_statement: 'break',
  continue_statement: 'continue',
  delete_statement: 'del',
  raise_statement: 'raise',
  assert_statement: 'assert',
  global_statement: 'global',
  nonlocal_statement: 'nonlocal',
  exec_statement: 'exec',
  type_alias_statement: 'type',
};

class Converter {
  errors = 0;

  block(nodes: SyntaxNode[]): Stmt[] {
    const out: Stmt[] = [];
    for (const n of nodes) this.stmt(n, out);
    return out;
  }

  private blockOf(n: SyntaxNode | null): Stmt[] {
    if (!n) return [];
    return this.block(n.namedChildren);
  }

  stmt(n: SyntaxNode, out: Stmt[]): void {
    const start = n.startPosition.row;
    const end = n.endPosition.row - (n.endPosition.column === 0 && n.endPosition.row > start ? 1 : 0);
    const push = (s: StmtKind, err?: boolean): void => {
      out.push(err ? { start, end, s, err } : { start, end, s });
    };
    switch (n.type) {
      case 'comment':
        return;
      case 'ERROR': {
        this.errors++;
        // label what parses: statements inside the error node are kept, stray expressions become statements
        const inner: Stmt[] = [];
        for (const c of n.namedChildren) {
          if (c.type === 'comment') continue;
          if (isStatementType(c.type)) this.stmt(c, inner);
          else if (c.type !== 'ERROR' && c.isNamed) {
            const e = this.expr(c);
            inner.push({ start: c.startPosition.row, end: c.endPosition.row, s: { k: 'expr', e }, err: true });
          } else if (c.type === 'ERROR') this.stmt(c, inner);
        }
        for (const s of inner) out.push({ ...s, err: true });
        return;
      }
      case 'import_statement': {
        const names: { qual: string; alias: string }[] = [];
        for (const c of n.namedChildren) {
          if (c.type === 'dotted_name') names.push({ qual: c.text, alias: c.text.split('.')[0]! });
          else if (c.type === 'aliased_import') {
            const q = c.childForFieldName('name')?.text ?? '';
            names.push({ qual: q, alias: c.childForFieldName('alias')?.text ?? q });
          }
        }
        push({ k: 'import', names, star: null });
        return;
      }
      case 'future_import_statement':
        push({ k: 'import', names: [], star: null });
        return;
      case 'import_from_statement': {
        const modNode = n.childForFieldName('module_name');
        const mod = modNode ? modNode.text.replace(/^\.+/, '') : '';
        const names: { qual: string; alias: string }[] = [];
        let star: string | null = null;
        for (const c of n.namedChildren) {
          if (c === modNode || c.id === modNode?.id) continue;
          if (c.type === 'wildcard_import') star = mod;
          else if (c.type === 'dotted_name') names.push({ qual: mod ? `${mod}.${c.text}` : c.text, alias: c.text });
          else if (c.type === 'aliased_import') {
            const q = c.childForFieldName('name')?.text ?? '';
            names.push({ qual: mod ? `${mod}.${q}` : q, alias: c.childForFieldName('alias')?.text ?? q });
          }
        }
        push({ k: 'import', names, star });
        return;
      }
      case 'expression_statement': {
        const kids = n.namedChildren.filter((c) => c.type !== 'comment');
        if (kids.length === 1) {
          const c = kids[0]!;
          if (c.type === 'assignment' || c.type === 'augmented_assignment') {
            push(this.assignment(c), c.hasError);
            return;
          }
          push({ k: 'expr', e: this.expr(c) }, c.hasError);
          return;
        }
        push({ k: 'expr', e: { k: 'seq', items: kids.map((c) => this.expr(c)) } });
        return;
      }
      case 'print_statement': {
        const args = n.namedChildren.filter((c) => c.type !== 'chevron').map((c) => this.expr(c));
        push({ k: 'expr', e: { k: 'call', fn: { k: 'name', id: 'print' }, args, kw: [], splat: [], line: start } });
        return;
      }
      case 'return_statement': {
        const c = n.namedChildren[0];
        push({ k: 'return', e: c ? this.expr(c) : null });
        return;
      }
      case 'decorated_definition': {
        const decorators = n.namedChildren.filter((c) => c.type === 'decorator').map((d) => this.expr(d.namedChildren[0] ?? d));
        const def = n.childForFieldName('definition');
        if (!def) return;
        const tmp: Stmt[] = [];
        this.stmt(def, tmp);
        for (const s of tmp) {
          if (s.s.k === 'def') s.s.decorators = decorators;
          out.push({ ...s, start });
        }
        return;
      }
      case 'function_definition': {
        const params: Param[] = [];
        const ps = n.childForFieldName('parameters');
        if (ps) {
          for (const p of ps.namedChildren) {
            if (p.type === 'identifier') params.push({ name: p.text, dflt: null });
            else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
              const v = p.childForFieldName('value');
              params.push({ name: p.childForFieldName('name')?.text ?? '', dflt: v ? this.expr(v) : null });
            } else if (p.type === 'typed_parameter') {
              const id = p.namedChildren.find((x) => x.type === 'identifier');
              if (id) params.push({ name: id.text, dflt: null });
            }
          }
        }
        push({ k: 'def', name: n.childForFieldName('name')?.text ?? '?', params, body: this.blockOf(n.childForFieldName('body')), decorators: [] }, n.hasError);
        return;
      }
      case 'class_definition': {
        const sup = n.childForFieldName('superclasses');
        const bases = sup ? sup.namedChildren.filter((c) => c.type !== 'keyword_argument').map((c) => this.expr(c)) : [];
        push({ k: 'class', name: n.childForFieldName('name')?.text ?? '?', bases, body: this.blockOf(n.childForFieldName('body')) }, n.hasError);
        return;
      }
      case 'if_statement':
      case 'while_statement':
      case 'for_statement':
      case 'with_statement':
      case 'try_statement':
      case 'match_statement': {
        const kind = n.type.replace('_statement', '');
        const heads: Expr[] = [];
        const targets: Expr[] = [];
        const body: Stmt[] = [];
        this.compound(n, kind, heads, targets, body);
        push({ k: 'block', kind, heads, targets, body }, n.hasError);
        return;
      }
      default: {
        const kw = OTHER_STMT[n.type];
        if (kw !== undefined) {
          push({ k: 'other', kw, exprs: n.namedChildren.map((c) => this.expr(c)) });
          return;
        }
        if (n.isNamed) push({ k: 'expr', e: this.expr(n) }, n.hasError);
      }
    }
  }

  private compound(n: SyntaxNode, kind: string, heads: Expr[], targets: Expr[], body: Stmt[]): void {
    for (const c of n.namedChildren) {
      switch (c.type) {
        case 'block':
          body.push(...this.block(c.namedChildren));
          break;
        case 'comment':
          break;
        case 'elif_clause':
        case 'else_clause':
        case 'except_clause':
        case 'except_group_clause':
        case 'finally_clause':
        case 'case_clause':
        case 'with_clause':
          this.compound(c, kind, heads, targets, body);
          break;
        case 'with_item': {
          const v = c.childForFieldName('value') ?? c.namedChildren[0];
          if (v && v.type === 'as_pattern') {
            const e = v.namedChildren[0];
            const t = v.namedChildren[1];
            if (e) heads.push(this.expr(e));
            if (t) targets.push(this.expr(t.type === 'as_pattern_target' ? (t.namedChildren[0] ?? t) : t));
          } else if (v) heads.push(this.expr(v));
          break;
        }
        default: {
          if (kind === 'for' && c.id === n.childForFieldName('left')?.id) targets.push(this.expr(c));
          else if (c.type === 'ERROR') {
            this.errors++;
          } else heads.push(this.expr(c));
        }
      }
    }
  }

  private assignment(n: SyntaxNode): StmtKind {
    const targets: Expr[] = [];
    let cur: SyntaxNode | null = n;
    let op: string | null = null;
    let value: Expr | null = null;
    if (n.type === 'augmented_assignment') {
      op = n.childForFieldName('operator')?.text ?? '+=';
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (l) targets.push(this.expr(l));
      return { k: 'assign', targets, value: r ? this.expr(r) : null, op };
    }
    while (cur && cur.type === 'assignment') {
      const l = cur.childForFieldName('left');
      if (l) targets.push(this.expr(l));
      const r: SyntaxNode | null = cur.childForFieldName('right');
      if (r && r.type === 'assignment') cur = r;
      else {
        value = r ? this.expr(r) : null;
        cur = null;
      }
    }
    return { k: 'assign', targets, value, op };
  }

  expr(n: SyntaxNode): Expr {
    switch (n.type) {
      case 'identifier':
        return { k: 'name', id: n.text };
      case 'attribute': {
        const o = n.childForFieldName('object');
        return { k: 'attr', obj: o ? this.expr(o) : { k: 'other', parts: [] }, attr: n.childForFieldName('attribute')?.text ?? '' };
      }
      case 'call': {
        const f = n.childForFieldName('function');
        const a = n.childForFieldName('arguments');
        const args: Expr[] = [];
        const kw: [string, Expr][] = [];
        const splat: Expr[] = [];
        if (a) {
          if (a.type === 'generator_expression') args.push(this.expr(a));
          else
            for (const c of a.namedChildren) {
              if (c.type === 'keyword_argument') {
                const v = c.childForFieldName('value');
                kw.push([c.childForFieldName('name')?.text ?? '', v ? this.expr(v) : { k: 'other', parts: [] }]);
              } else if (c.type === 'dictionary_splat' || c.type === 'list_splat') {
                const v = c.namedChildren[0];
                if (v) splat.push(this.expr(v));
              } else if (c.type !== 'comment') args.push(this.expr(c));
            }
        }
        return { k: 'call', fn: f ? this.expr(f) : { k: 'other', parts: [] }, args, kw, splat, line: n.startPosition.row };
      }
      case 'subscript': {
        const v = n.childForFieldName('value');
        const idx = n.namedChildren.slice(1).filter((c) => c.type !== 'comment').map((c) => this.expr(c));
        return { k: 'sub', obj: v ? this.expr(v) : { k: 'other', parts: [] }, idx };
      }
      case 'integer':
      case 'float': {
        const t = n.text.replace(/_/g, '').replace(/[jJlL]$/, '');
        const v = Number(t);
        return { k: 'num', v: Number.isFinite(v) ? v : 0 };
      }
      case 'string': {
        const parts: Expr[] = [];
        let v = '';
        for (const c of n.namedChildren) {
          if (c.type === 'string_content') v += c.text;
          else if (c.type === 'interpolation') {
            const e = c.namedChildren[0];
            if (e) parts.push(this.expr(e));
          }
        }
        return { k: 'str', v, parts };
      }
      case 'concatenated_string': {
        const items = n.namedChildren.map((c) => this.expr(c));
        let v = '';
        const parts: Expr[] = [];
        for (const it of items) if (it.k === 'str') {
          v += it.v;
          parts.push(...it.parts);
        }
        return { k: 'str', v, parts };
      }
      case 'true':
        return { k: 'const', v: 'True' };
      case 'false':
        return { k: 'const', v: 'False' };
      case 'none':
        return { k: 'const', v: 'None' };
      case 'binary_operator':
      case 'boolean_operator': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        return {
          k: 'bin',
          op: n.childForFieldName('operator')?.text ?? (n.type === 'boolean_operator' ? 'and' : '?'),
          l: l ? this.expr(l) : { k: 'other', parts: [] },
          r: r ? this.expr(r) : { k: 'other', parts: [] },
        };
      }
      case 'comparison_operator':
        return { k: 'cmp', items: n.namedChildren.map((c) => this.expr(c)) };
      case 'unary_operator':
      case 'not_operator': {
        const a = n.childForFieldName('argument') ?? n.namedChildren[0];
        return { k: 'unary', op: n.type === 'not_operator' ? 'not' : (n.childForFieldName('operator')?.text ?? '-'), e: a ? this.expr(a) : { k: 'other', parts: [] } };
      }
      case 'parenthesized_expression': {
        const c = n.namedChildren.find((x) => x.type !== 'comment');
        return c ? this.expr(c) : { k: 'other', parts: [] };
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
        return { k: 'seq', items: n.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c)) };
      case 'list_splat_pattern':
      case 'list_splat': {
        const c = n.namedChildren[0];
        return c ? this.expr(c) : { k: 'other', parts: [] };
      }
      case 'dictionary': {
        const keys: (Expr | null)[] = [];
        const vals: Expr[] = [];
        for (const c of n.namedChildren) {
          if (c.type === 'pair') {
            const kk = c.childForFieldName('key');
            const vv = c.childForFieldName('value');
            keys.push(kk ? this.expr(kk) : null);
            vals.push(vv ? this.expr(vv) : { k: 'other', parts: [] });
          } else if (c.type === 'dictionary_splat') {
            keys.push(null);
            const vv = c.namedChildren[0];
            vals.push(vv ? this.expr(vv) : { k: 'other', parts: [] });
          }
        }
        return { k: 'dict', keys, vals };
      }
      case 'lambda': {
        const b = n.childForFieldName('body');
        return { k: 'lambda', body: b ? this.expr(b) : { k: 'other', parts: [] } };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        const parts: Expr[] = [];
        const targets: Expr[] = [];
        let filter = false;
        for (const c of n.namedChildren) {
          if (c.type === 'for_in_clause') {
            const l = c.childForFieldName('left');
            const r = c.childForFieldName('right');
            if (l) targets.push(this.expr(l));
            if (r) parts.push(this.expr(r));
          } else if (c.type === 'if_clause') {
            filter = true;
            for (const x of c.namedChildren) parts.push(this.expr(x));
          } else if (c.type === 'pair') {
            for (const x of c.namedChildren) parts.push(this.expr(x));
          } else if (c.type !== 'comment') parts.push(this.expr(c));
        }
        return { k: 'comp', parts, targets, filter };
      }
      case 'keyword_argument': {
        const v = n.childForFieldName('value');
        return v ? this.expr(v) : { k: 'other', parts: [] };
      }
      case 'slice':
        return { k: 'slice', parts: n.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c)) };
      case 'ERROR':
        this.errors++;
        return { k: 'other', parts: n.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c)) };
      default:
        if (n.namedChildCount === 0) return { k: 'other', parts: [] };
        return { k: 'other', parts: n.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c)) };
    }
  }
}

const STATEMENT_TYPES = new Set([
  'import_statement', 'import_from_statement', 'future_import_statement', 'expression_statement', 'print_statement', 'return_statement',
  'decorated_definition', 'function_definition', 'class_definition', 'if_statement', 'while_statement', 'for_statement', 'with_statement',
  'try_statement', 'match_statement', ...Object.keys(OTHER_STMT),
]);
function isStatementType(t: string): boolean {
  return STATEMENT_TYPES.has(t);
}
