/** The public result shapes: exactly the JSON of `labtrace analyze --json` (plus the internal `detail`). */
import type { Phase } from '../phases.js';

export interface StatementResult {
  start_line: number;
  end_line: number;
  cell: number | null;
  phases: Phase[];
  evidence: string[];
  confidence: number;
}

export interface FunctionResult {
  name: string;
  start_line: number;
  end_line: number;
  phases: Phase[];
}

export type LiteralValue = number | string | (number | string)[];

export interface ParameterResult {
  name: string | null;
  value: LiteralValue;
  line: number;
  cell: number | null;
  call: string;
}

export interface AnalysisDetail {
  /** number of tree-sitter ERROR regions (0 for a clean parse) */
  syntax_errors: number;
  /** cell of each function in `functions` (same order), for notebooks */
  function_cells: (number | null)[];
  chunks: number;
  parsed_chunks: number;
  elapsed_ms: number;
  /** the user's modules the analysis read (modules.ts), with the sha256 of their text: a cached analysis holds while they do */
  modules: { path: string; sha256: string }[];
}

export interface FileAnalysis {
  file: string;
  sha256: string;
  statements: StatementResult[];
  functions: FunctionResult[];
  parameters: ParameterResult[];
  /** internal detail, not part of the JSON output */
  detail?: AnalysisDetail;
}
