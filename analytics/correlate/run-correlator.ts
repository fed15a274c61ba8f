/** The correlation the daemon runs after each run: the static analyser and the knowledge base's runtime phases. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RunCorrelator } from '../../daemon/runs/analysis-queue.js';
import { analyzeSource } from '../static/index.js';
import { RunAnalyzer } from './run-analyzer.js';
import { knowledgeRuntimePhases } from './runtime-phases.js';

export function runCorrelator(connection: DuckDBConnection): RunCorrelator {
  return new RunAnalyzer(connection, (source, file) => analyzeSource(source, file), knowledgeRuntimePhases());
}
