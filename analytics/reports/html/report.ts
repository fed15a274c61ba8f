/**
 * `labtrace report`: one self-contained HTML page. One run: its header, phase timeline, parameters,
 * models, metrics, data, lineage, environment (and cell executions for a notebook). Several runs: the
 * comparison page. The data comes from the reports `show`, `diff` and `lineage` use.
 */
import { loadRunRecord, type RunRecord } from '../run-record.js';
import { buildLineage, type Lineage } from '../lineage.js';
import type { SqlRunner } from '../../../common/sql-source.js';
import { basename } from 'node:path';
import { cellsSection } from './cells.js';
import { compareSections } from './compare.js';
import { dataSection } from './data.js';
import { environmentSection } from './environment.js';
import { headerSection, runName } from './header.js';
import { lineageSection } from './lineage-svg.js';
import { page } from './page.js';
import { metricsSection, modelsSection, parametersSection } from './parameters.js';
import { timelineSection } from './timeline.js';

export interface RunReportData { record: RunRecord; lineage: Lineage }

export async function renderRunReport(data: RunReportData, generatedAt: Date = new Date()): Promise<string> {
  const { record, lineage } = data;
  const sections = [
    headerSection(record),
    ...(record.run.kind === 'notebook' ? [cellsSection(record.cells, record.run.status)] : []),
    timelineSection(record),
    parametersSection(record),
    modelsSection(record),
    metricsSection(record),
    dataSection(record),
    await lineageSection(lineage),
    environmentSection(record),
  ];
  return page(`labtrace: ${basename(runName(record.run))}`, `run ${String(record.run.run_id ?? '')} · report generated ${generatedAt.toISOString()}`, sections);
}

export function renderCompareReport(records: readonly RunRecord[], generatedAt: Date = new Date()): string {
  return page(`labtrace: ${records.length} runs compared`, `report generated ${generatedAt.toISOString()}`, compareSections(records));
}

/** The page for these run ids (already resolved): a run report for one, a comparison for several. */
export async function buildReport(sql: SqlRunner, runIds: readonly string[]): Promise<string> {
  if (runIds.length === 1) {
    const record = await loadRunRecord(sql, runIds[0]!);
    return await renderRunReport({ record, lineage: await buildLineage(sql, runIds[0]!) });
  }
  const records: RunRecord[] = [];
  for (const id of runIds) records.push(await loadRunRecord(sql, id));
  return renderCompareReport(records);
}
