/**
 * `check -o yaml`: the same object as `-o json`, as one YAML document, written in pieces like the JSON: the summary,
 * runs of projects, the findings. A batch's projects are written where the batch was evaluated (batch-render.ts),
 * so a report of a million projects is never one YAML document in memory (the `yaml` package's document of 100,000
 * projects took 2 GB). Each top-level key's text, and each project's as an item of the list, is what the `yaml`
 * package writes for it inside the whole document (test/output/yaml.test.ts holds it to that).
 */
import { stringify } from 'yaml';
import type { CheckReport, Finding, ProjectStatus } from '../policy/types';
import { orderedFinding, orderedProject, orderedSummary } from './json';
import { plainYaml } from './manifest-yaml';

// lineWidth 0: long messages stay on one line, greppable like the JSON; objects the engine shares between
// projects or findings are written out each time rather than as YAML aliases, which many readers mishandle.
const OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;
const PROJECTS_A_PIECE = 256;

/**
 * A mapping's text as the `yaml` package writes it with OPTIONS: by hand where manifest-yaml.ts's plainYaml can
 * (about twenty times faster on a report), else by the package.
 */
export function reportYaml(value: Record<string, unknown>): string {
  return plainYaml(value, { aliases: false }) ?? stringify(value, OPTIONS);
}

export function renderYaml(report: CheckReport): string {
  return [...yamlChunks(report)].join('');
}

/** renderYaml's text in pieces of at most PROJECTS_A_PIECE projects. */
export function* yamlChunks(report: CheckReport): Generator<string> {
  const { projects } = report;
  yield* streamedYamlChunks(report.summary, (function* () {
    for (let start = 0; start < projects.length; start += PROJECTS_A_PIECE) {
      yield projectsYaml(projects.slice(start, start + PROJECTS_A_PIECE));
    }
  })(), report.results);
}

/**
 * The same text, for a report whose projects were written batch by batch (projectsYaml) and kept aside: the
 * pieces of `projects` are those texts, in order, and `summary.projects` says how many projects they hold.
 */
export function* streamedYamlChunks(summary: CheckReport['summary'], projects: Iterable<string>, results: Finding[]): Generator<string> {
  yield reportYaml({ summary: orderedSummary(summary) });
  if (summary.projects === 0) yield 'projects: []\n';
  else {
    yield 'projects:\n';
    yield* projects;
  }
  yield reportYaml({ results: results.map(orderedFinding) });
}

/** Projects as items of the report's list: as the `yaml` package writes them under `projects:`, without that line. */
export function projectsYaml(projects: ProjectStatus[]): string {
  if (projects.length === 0) return '';
  const text = reportYaml({ projects: projects.map(orderedProject) });
  return text.slice(text.indexOf('\n') + 1);
}
