/**
 * A worker thread's `report` task (threads/pool.ts ReportTask): evaluate one batch, make its part of the report
 * (policy/batch-report.ts) and render its projects for the streamed report (output/batch-render.ts), so the main
 * thread receives text, or only where the text was written, instead of a batch of objects to parse and render.
 */
import { threadId } from 'node:worker_threads';
import { appendSegment } from '../output/spool';
import { renderBatch } from '../output/batch-render';
import { renderedPart } from '../policy/batch-report';
import { evaluateToText, reportOf, type CompiledModule } from '../policy/engine';
import type { RenderedBatch } from '../policy/evaluate';
import type { ReportTask } from './pool';

export function reportTask(module: CompiledModule, task: ReportTask, encoder: { encode(text: string): Uint8Array }): RenderedBatch {
  const raw = reportOf(JSON.parse(evaluateToText(module, encoder.encode(task.json))));
  const { text, ...rendered } = renderedPart(raw, task.sources, task.clusterCount, task.first,
    (projects) => renderBatch(task.format, projects));
  return task.folder === undefined ? { ...rendered, text } : { ...rendered, segment: appendSegment(task.folder, `worker-${threadId}`, text) };
}
