/** `kubectl iot check -o json DIR` through the built binary, for suites that run fixes and check again. */
import * as assert from 'uvu/assert';
import type { CheckReport } from '../../plugin/policy/types';
import { runCli } from './cli';

/** The report of checking `dir`; check must have judged it (exit 0 or 1), not failed to (exit 2). */
export function checkJson(dir: string): CheckReport {
  const result = runCli(['check', '-o', 'json', dir]);
  assert.ok(result.code === 0 || result.code === 1, `check exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as CheckReport;
}
