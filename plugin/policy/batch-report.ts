/**
 * One batch's part of the `check` report, made where the batch was evaluated (a worker thread, or this one): its
 * projects with their sources, sorted, and its findings, of which those on cluster-level objects count only in the
 * first batch (every batch holds those objects, see partition.ts). The rest of the report is their concatenation
 * in batch order, and the findings sorted once more.
 */
import { buildReport, type RawReport } from './report';
import type { Finding, ProjectStatus, SourceRef } from './types';

export interface BatchPart {
  projects: ProjectStatus[];
  results: Finding[];
}

/**
 * `raw` is the answer for a batch whose resources had `sources`, the first `clusterCount` of them cluster-level;
 * `first`: whether this is the first batch.
 */
export function batchPart(raw: RawReport, sources: readonly (SourceRef | undefined)[], clusterCount: number, first: boolean): BatchPart {
  const findings = first ? raw.findings : raw.findings.filter((finding) => finding.index >= clusterCount);
  const { projects, results } = buildReport({ projects: raw.projects, findings }, sources.map((source) => ({ source })));
  return { projects, results };
}

/**
 * batchPart with its projects written by `render` (output/batch-render.ts): what a batch of a streamed report
 * hands on, made alike in a worker thread (threads/report-task.ts) and in this one (evaluate.ts).
 */
export function renderedPart(raw: RawReport, sources: readonly (SourceRef | undefined)[], clusterCount: number, first: boolean,
  render: (projects: ProjectStatus[]) => { text: string; facts: number[] }): { projects: number; results: Finding[]; text: string; facts: number[] } {
  const part = batchPart(raw, sources, clusterCount, first);
  return { projects: part.projects.length, results: part.results, ...render(part.projects) };
}
