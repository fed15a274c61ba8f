/** A notebook session's cell executions, in the order they ran. */
import type { CellExecution } from '../cell-executions.js';
import { html, text, type Html } from './escape.js';
import { empty, section, table } from './page.js';

export function cellsSection(cells: readonly CellExecution[], runStatus: unknown): Html {
  if (cells.length === 0) return section('cells', 'Cell executions', empty('No cell executed yet.'));
  const outcome = (c: CellExecution): string => {
    if (c.outcome === 'running') return runStatus === 'running' ? 'running' : 'killed';
    return c.exception_type ? `${c.outcome} (${c.exception_type})` : c.outcome;
  };
  return section('cells', 'Cell executions', table(['n', 'in', 'cell', 'phase', 'seconds', 'outcome', 'metrics', 'code'], cells.map((c) => html`<tr class="cell-${c.outcome}">
<td class="num">${c.ordinal}</td><td>${c.execution_count ? `[${text(c.execution_count)}]` : ''}</td><td>${c.cell_index ? `#${text(c.cell_index)}` : '?'}</td><td>${c.phase}</td>
<td class="num">${c.seconds === null ? '' : Number(c.seconds).toFixed(3)}</td><td>${outcome(c)}</td><td>${c.metrics}</td><td><code>${text(c.first_line).trim()}</code></td></tr>`)));
}
