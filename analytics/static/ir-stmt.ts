/** tree-sitter statement nodes → IR statements (a chunk's top-level statements and their bodies). */
import type ParserT from 'tree-sitter';
import type { Expr, Param, Stmt, StmtKind } from './ir-types.js';
import { ExprConverter } from './ir-expr.js';

type SyntaxNode = ParserT.SyntaxNode;

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

export class Converter extends ExprConverter {
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
}

const STATEMENT_TYPES = new Set([
  'import_statement', 'import_from_statement', 'future_import_statement', 'expression_statement', 'print_statement', 'return_statement',
  'decorated_definition', 'function_definition', 'class_definition', 'if_statement', 'while_statement', 'for_statement', 'with_statement',
  'try_statement', 'match_statement', ...Object.keys(OTHER_STMT),
]);
function isStatementType(t: string): boolean {
  return STATEMENT_TYPES.has(t);
}
