/**
 * How one batch's projects are written for a streamed report (policy/evaluate.ts evaluateInventoryStreamed), the
 * same in a worker thread (threads/report-task.ts) and in this one: as the JSON or YAML report lists them, or as
 * records of the text report's table. `facts` are what the whole report needs of them (output/text.ts projectRecords).
 */
import type { BatchFormat, ProjectStatus } from '../policy/types';
import { projectsText } from './json';
import { projectsYaml } from './yaml';
import { combineRecordFacts, projectRecords } from './text';

export function renderBatch(format: BatchFormat, projects: ProjectStatus[]): { text: string; facts: number[] } {
  if (format === 'json') return { text: projectsText(projects), facts: [] };
  return format === 'yaml' ? { text: projectsYaml(projects), facts: [] } : projectRecords(projects);
}

/** The facts of two batches' written projects, together. */
export function combineFacts(format: BatchFormat, a: number[], b: number[]): number[] {
  return format === 'text' ? combineRecordFacts(a, b) : [];
}
