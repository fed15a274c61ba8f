/** tree-sitter expression nodes → IR expressions (ir-stmt.ts builds statements on top). */
import type ParserT from 'tree-sitter';
import type { Expr } from './ir-types.js';

type SyntaxNode = ParserT.SyntaxNode;

export class ExprConverter {
  /** tree-sitter ERROR regions met */
  errors = 0;

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
        return { k: 'cmp', items: n.namedChildren.map((c) => this.expr(c)), ops: n.children.filter((c) => !c.isNamed).map((c) => c.type) };
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
        // lambda x, n=2, *rest: the names the body binds (x, n, rest)
        const params = (n.childForFieldName('parameters')?.namedChildren ?? [])
          .map((p) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'))?.text ?? ''))
          .filter((x) => x !== '');
        return { k: 'lambda', body: b ? this.expr(b) : { k: 'other', parts: [] }, params };
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
