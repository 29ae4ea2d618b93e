/**
 * Golden-file comparison: `UPDATE_GOLDEN=1` rewrites the file instead of comparing. `npm run test:update-goldens`
 * rewrites them all in order: first the printers' report (the engine's output, test/fixtures/report.ts), then what
 * the printers make of it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as assert from 'uvu/assert';

const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'golden');

/** Asserts `actual` equals test/fixtures/golden/<name>, showing a diff when it does not. */
export function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) assert.unreachable(`golden file ${name} is missing: run the test with UPDATE_GOLDEN=1`);
  assert.fixture(actual, readFileSync(path, 'utf8'), `differs from golden file ${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
