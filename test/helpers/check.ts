/** `kubectl iot check -o json DIR`, for suites that run fixes and check again: through the built binary, or in-process. */
import * as assert from 'uvu/assert';
import type { CheckReport } from '../../plugin/policy/types';
import { runCli, type CliResult } from './cli';
import { runInProcess } from './in-process';

/** The report of checking `dir`; check must have judged it (exit 0 or 1), not failed to (exit 2). */
export function checkJson(dir: string): CheckReport {
  return judged(runCli(['check', '-o', 'json', dir]));
}

/** The same, in-process on the sources (test/helpers/in-process.ts). */
export async function checkJsonInProcess(dir: string): Promise<CheckReport> {
  return judged(await runInProcess(['check', '-o', 'json', dir]));
}

function judged(result: CliResult): CheckReport {
  assert.ok(result.code === 0 || result.code === 1, `check exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as CheckReport;
}
