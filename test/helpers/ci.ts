/**
 * One reading of CI for every suite, and one way to need a tool.
 *
 * CI is on when the variable is set, non-empty, and not "false" or "0" (any case, blanks ignored): GitHub and
 * GitLab set "true", some runners "1", and `CI=false` must mean what it says. scripts/test.sh reads it the same way.
 *
 * A suite that needs a tool asks `requireTools`: when something is missing, outside CI it registers one skipped test
 * naming what is missing and how to install it (scripts/test.sh counts skips in its last line); under CI, which
 * installs every tool, it registers one failing test instead. Either way it never passes silently.
 */
import { suite, type Callback, type Test } from 'uvu';

/** Whether the tests run under CI (see above for the reading of `CI`). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').replace(/\s+/g, '').toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/**
 * Whether nothing in `missing` is missing. Otherwise registers, in `test`, one test for `what`: skipped outside CI
 * (the reason names the tools and `install`), failing under CI. The caller registers its own tests only when true.
 */
export function requireTools<T>(test: Test<T>, what: string, missing: string[], install = 'scripts/install-tools.sh'): boolean {
  if (missing.length === 0) return true;
  const reason = `${missing.join(', ')} missing; ${install}`;
  if (underCi()) test(`${what}: needs ${missing.join(', ')} (CI installs every tool: ${install})`, () => {
    throw new Error(reason);
  });
  else test.skip(`${what} (skipped: ${reason})`, () => undefined);
  return false;
}

/**
 * `test` itself when `ready`, else a registrar that adds nothing: for suites whose tests all need what
 * `requireTools` reported missing (it already registered the skip or the failure for them).
 */
export function whenReady<T>(test: Test<T>, ready: boolean): (name: string, fn: Callback<T>) => void {
  return ready ? test : () => undefined;
}

/**
 * Runs `test` when nothing is missing. Otherwise runs, instead, a suite of the same title holding only
 * `requireTools`' skip or failure, so hooks needing the tools never start.
 */
export function runIfReady<T>(test: Test<T>, title: string, what: string, missing: string[], install?: string): void {
  if (missing.length === 0) return test.run();
  const absent = suite(title);
  requireTools(absent, what, missing, install);
  absent.run();
}
