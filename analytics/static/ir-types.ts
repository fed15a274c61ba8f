/** The IR: plain-object statements and expressions the analyser reads (ir.ts builds them from tree-sitter trees). */

export type Expr =
  | { k: 'name'; id: string }
  | { k: 'attr'; obj: Expr; attr: string }
  | { k: 'call'; fn: Expr; args: Expr[]; kw: [string, Expr][]; splat: Expr[]; line: number }
  | { k: 'sub'; obj: Expr; idx: Expr[] }
  | { k: 'num'; v: number; val?: unknown }
  | { k: 'str'; v: string; parts: Expr[]; val?: unknown }
  | { k: 'const'; v: 'True' | 'False' | 'None' }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  /** ops: the comparison operators between the items ('<', '==', 'not in'...) */
  | { k: 'cmp'; items: Expr[]; ops?: string[] }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'seq'; items: Expr[] }
  | { k: 'dict'; keys: (Expr | null)[]; vals: Expr[] }
  | { k: 'lambda'; body: Expr; params?: string[] }
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
