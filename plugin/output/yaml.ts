import { stringify } from 'yaml';
import type { CheckReport } from '../policy/types';
import { canonicalReport } from './json';

/** `check -o yaml`: the same object as `-o json`, as one YAML document. */
export function renderYaml(report: CheckReport): string {
  // lineWidth 0: long messages stay on one line, greppable like the JSON; objects the engine shares between
  // projects or findings are written out each time rather than as YAML aliases, which many readers mishandle.
  return stringify(canonicalReport(report), { lineWidth: 0, aliasDuplicateObjects: false });
}
