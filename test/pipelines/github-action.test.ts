/**
 * action.yml, its steps run as GitHub's runner would (test/helpers/actions.ts: bash, expressions substituted,
 * GITHUB_* files), on a workspace with a failing tree and on a healthy one.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { CheckReport } from '../../plugin/policy/types';
import { runAction } from '../helpers/actions';
import { ROOT, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const action = suite('action.yml (steps run as the GitHub runner would)');
const ACTION = join(ROOT, 'action.yml');
let tmp: ReturnType<typeof tempDir>;
let workspace: string;
action.before(() => {
  runCli(['version']); // builds dist/, so the install step finds this checkout built
});
action.before.each(() => {
  tmp = tempDir();
  workspace = join(tmp.dir, 'workspace');
  cpSync(join(ROOT, 'examples', 'broken'), join(workspace, 'broken'), { recursive: true });
  cpSync(join(ROOT, 'examples', 'gitops'), join(workspace, 'healthy'), { recursive: true });
});
action.after.each(() => tmp.cleanup());

const run = (inputs: Record<string, string>) => runAction(ACTION, workspace, join(tmp.dir, 'temp'), inputs);

action('a failing tree: exit 1, annotations, SARIF at the output path, findings and projects in the summary', () => {
  const result = run({ paths: 'broken' });
  assert.is(result.code, 1, result.stderr);
  assert.equal(result.outputs, { 'sarif-file': 'kubectl-iot.sarif', 'exit-code': '1' });
  // Annotations point at the workspace's files.
  assert.ok(result.stdout.includes('::error file=broken/ns-no-tenant/iot-project.yaml,line=7,title='), result.stdout);
  assert.is(result.stdout.split('\n').filter((line) => /^::(error|warning) /.test(line)).length, 5);
  const sarif = JSON.parse(readFileSync(join(workspace, 'kubectl-iot.sarif'), 'utf8'));
  assert.is(sarif.version, '2.1.0');
  assert.is(sarif.runs[0].results.length, 5);
  assert.ok(result.summary.startsWith('## kubectl iot check\n\n**2 errors**, **3 warnings**'), result.summary);
  assert.ok(result.summary.includes('<code>broken/ns-no-tenant/iot-project.yaml:7</code>'));
  assert.match(result.summary, /\| ns-no-tenant\/sensors \| ns-no-tenant\.sensors \| Failed \|/);
  // The bin folder is on PATH for the job's later steps.
  assert.equal(result.path, [join(ROOT, 'bin')]);
});

action('a healthy tree: exit 0, no annotations, an empty SARIF run and a clean summary', () => {
  const result = run({ paths: 'healthy', 'sarif-file': 'iot.sarif' });
  assert.is(result.code, 0, result.stderr);
  assert.equal(result.outputs, { 'sarif-file': 'iot.sarif', 'exit-code': '0' });
  assert.is(result.stdout, '');
  assert.equal(JSON.parse(readFileSync(join(workspace, 'iot.sarif'), 'utf8')).runs[0].results, []);
  assert.ok(result.summary.includes('No findings.'));
  assert.match(result.summary, /\| ns1\/iot1 \| ns1\.iot1 \| Active \|/);
});

action('several paths, a baseline and a JSON report: known findings pass, and the report can be the next baseline', () => {
  const first = run({ paths: 'broken', 'json-file': 'base.json' });
  assert.is(first.code, 1);
  const base = JSON.parse(readFileSync(join(workspace, 'base.json'), 'utf8')) as CheckReport;
  assert.is(base.results.length, 5);
  // The same files as several paths: findings' files are now relative to the workspace, yet still match.
  const second = run({ paths: 'broken/infrastructure.yaml\nbroken/ns-no-iot  broken/ns-no-tenant', baseline: 'base.json' });
  assert.is(second.code, 0, second.stderr);
  assert.is(second.stdout.split('\n').filter((line) => line.startsWith('::notice ')).length, 5);
  assert.ok(second.summary.includes('(0 new, 5 known from the baseline)'));
  const states = JSON.parse(readFileSync(join(workspace, 'kubectl-iot.sarif'), 'utf8')).runs[0].results
    .map((r: { baselineState: string }) => r.baselineState);
  assert.equal([...new Set(states)], ['unchanged']);
});

action('fail-on warning fails on warnings alone', () => {
  // The baseline knows the errors only: the three warnings are new.
  const first = run({ paths: 'broken', 'json-file': 'base.json' });
  assert.is(first.code, 1);
  const base = JSON.parse(readFileSync(join(workspace, 'base.json'), 'utf8')) as CheckReport;
  base.results = base.results.filter((f) => f.severity === 'error');
  writeFileSync(join(workspace, 'base.json'), JSON.stringify(base));
  assert.is(run({ paths: 'broken', baseline: 'base.json' }).code, 0);
  assert.is(run({ paths: 'broken', baseline: 'base.json', 'fail-on': 'warning' }).code, 1);
});

action('a check that cannot run: exit 2, no sarif-file output, and the summary says so', () => {
  const result = run({ paths: 'broken', baseline: 'missing.json' });
  assert.is(result.code, 2);
  assert.equal(result.outputs, { 'sarif-file': '', 'exit-code': '2' });
  assert.match(result.stderr, /error: --baseline missing\.json: no such file or directory/);
  assert.ok(result.summary.includes('could not check'));
  assert.not.ok(existsSync(join(workspace, 'kubectl-iot.sarif')));
});

action('an input cannot inject shell code: it reaches the script as a variable', () => {
  const result = run({ paths: 'broken', 'fail-on': 'error"; echo INJECTED; "' });
  assert.is(result.code, 2);
  assert.not.match(result.stdout, /INJECTED/);
  assert.match(result.stderr, /fail-on/);
});

action('the documented workflow passes only inputs the action has, and uploads the SARIF it names', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples', 'github', 'workflow.yml'), 'utf8'));
  const { inputs } = parse(readFileSync(ACTION, 'utf8'));
  const steps: { id?: string; uses?: string; with?: Record<string, string>; if?: string }[] = workflow.jobs.check.steps;
  const check = steps.find((step) => step.uses?.endsWith('/kubectl-iot@REF'))!;
  for (const name of Object.keys(check.with ?? {})) assert.ok(name in inputs, `input ${name}`);
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.is(upload.with?.sarif_file, `\${{ steps.${check.id}.outputs.sarif-file }}`);
  assert.match(upload.if ?? '', /!cancelled\(\)/);
  assert.is(workflow.permissions['security-events'], 'write');
});

action.run();
