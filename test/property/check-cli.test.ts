/**
 * `check` never throws on random YAML-shaped input, through the built binary: `bin/kubectl-iot check FILE` exits
 * 0, 1 or 2, prints no stack trace, says why (one problem a line, each `error: `) when it exits 2, never hangs.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { OUTPUT_FORMATS } from '../../plugin/output';
import { BIN, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { PARAMS } from '../helpers/arbitraries';
import { yamlishText } from '../helpers/arbitraries-check';
import { assertCleanReport } from './oracle';

/** Processes started (fewer than the in-process suite's runs: each one costs ~0.2 s). */
const RUNS = 200;
/** Longer than any honest run; a run killed at this limit is a hang. */
const TIMEOUT_MS = 20_000;
/** What stderr may hold: the one-line error, and Node's own warnings (see the report: yaml's complex keys). */
const STDERR_LINE = /^(error: [^\n]*|\(node:\d+\) Warning: [^\n]*|\(Use `node --trace-warnings \.\.\.` [^\n]*)$/;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary without blocking, killing it after TIMEOUT_MS. */
function run(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const cli = suite('property: bin/kubectl-iot check on YAML-shaped input');
let tmp: ReturnType<typeof tempDir>;

cli.before(() => {
  runCli(['version']); // builds dist/ if it is missing
  tmp = tempDir('kubectl-iot-property-');
});

cli.after(() => tmp.cleanup());

/** Checks one text in a fresh process and asserts the contract. */
async function checkFile(text: string, output: string, file: string): Promise<void> {
  writeFileSync(file, text);
  const { code, signal, stdout, stderr } = await run(['check', file, '-o', output]);
  assert.is(signal, null, `killed by ${signal} (hang?)`);
  assert.ok(code === 0 || code === 1 || code === 2, `exit code ${code}; stderr: ${stderr}`);
  const lines = stderr.split('\n').filter((line) => line !== '');
  for (const line of lines) assert.match(line, STDERR_LINE, `stderr: ${stderr}`);
  const errors = lines.filter((line) => line.startsWith('error: '));
  if (code === 2) {
    assert.ok(errors.length >= 1, `exit 2 says why, one problem a line: ${stderr}`);
  } else {
    assert.is(errors.length, 0, stderr);
    // -o github prints only annotations, so nothing when there are no findings.
    if (output !== 'github') assert.ok(stdout.length > 0, 'a report on stdout');
    if (output === 'json') assertCleanReport(JSON.parse(stdout));
    if (output === 'yaml') assertCleanReport(parse(stdout));
  }
}

cli(`exit code 0, 1 or 2, no stack trace, error lines only, no hang (${RUNS} processes)`, async () => {
  // Two processes at a time (the machine has two cores): each run checks a pair of texts.
  const input = fc.tuple(yamlishText, fc.constantFrom(...OUTPUT_FORMATS));
  let counter = 0;
  await fc.assert(fc.asyncProperty(input, input, async (a, b) => {
    const files = [join(tmp.dir, `manifest-${counter++}.yaml`), join(tmp.dir, `manifest-${counter++}.yaml`)];
    await Promise.all([checkFile(...a, files[0]), checkFile(...b, files[1])]);
  }), { ...PARAMS, numRuns: RUNS / 2, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true });
});

cli.run();
