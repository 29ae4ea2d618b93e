/**
 * What the manifest reader's document paths (parse.ts, parse-json.ts, parse-careful.ts) share: how a document's
 * problems are reported, what a read document is, and the problems' wording, so every path says the same thing.
 */
import { formatBytes, LIMITS } from './limits';

export type Report = (line: number | undefined, message: string) => void;

export interface ReadDocument {
  value: unknown;
  line: number;
}

export function tooDeep(): string {
  return `nesting deeper than allowed: exceeds the limit of ${LIMITS.depth} nested mappings and sequences; flatten the data`;
}

export function tooLarge(length: number): string {
  return `a value of ${length} characters exceeds the limit of ${formatBytes(LIMITS.scalarBytes)} per value; ` +
    'keep large data out of manifests';
}

export function duplicateKey(name: string, firstLine: number): string {
  const shown = name.length > 60 ? `${name.slice(0, 60)}...` : name;
  return `duplicate key ${JSON.stringify(shown)} (first at line ${firstLine}); kubectl and kustomize reject duplicate keys`;
}

export function firstMessageLine(text: string): string {
  return text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** What a problem in a document holding `{{` adds. */
export function unrenderedTemplate(): string {
  return ' (the document holds "{{": an unrendered Helm or Go template? Check what it renders, as in helm template CHART | kubectl iot check -)';
}
