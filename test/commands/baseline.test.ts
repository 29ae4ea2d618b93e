/** `check --baseline FILE` through the built binary: known findings do not fail; new ones do, alone. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CheckReport } from '../../plugin/policy/types';
import { ROOT, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';

const baseline = suite('check --baseline (in-process, on the sources)');
let tmp: ReturnType<typeof tempDir>;
let tree: string;
let base: string;
// The baseline is the report of examples/broken (5 findings), made once; each test gets its own copy of both.
let baseText: string;
baseline.before(async () => {
  const first = await runInProcess(['check', '-o', 'json', join(ROOT, 'examples', 'broken')]);
  assert.is(first.code, 1, first.stderr);
  baseText = first.stdout;
});
baseline.before.each(() => {
  tmp = tempDir();
  tree = join(tmp.dir, 'tree');
  cpSync(join(ROOT, 'examples', 'broken'), tree, { recursive: true });
  base = join(tmp.dir, 'base.json');
  writeFileSync(base, baseText);
});
baseline.after.each(() => tmp.cleanup());

/** A project in a namespace with no tenant: one new error. */
const NEW_PROJECT = 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: extra\n  namespace: ns-new\n';

const report = async (args: string[]) => {
  const result = await runInProcess(['check', '-o', 'json', '--baseline', base, ...args]);
  return { ...result, report: JSON.parse(result.stdout) as CheckReport };
};

baseline('only known findings: exit 0, every finding marked "unchanged" in JSON', async () => {
  const { code, report: r } = await report([tree]);
  assert.is(code, 0);
  assert.is(r.results.length, 5);
  assert.equal([...new Set(r.results.map((f) => f.baseline))], ['unchanged']);
  assert.equal(Object.keys(r.results[0]).at(-1), 'baseline');
});

baseline('a new finding: exit 1, and it is the only one marked "new"', async () => {
  writeFileSync(join(tree, 'new.yaml'), NEW_PROJECT);
  const { code, report: r } = await report([tree]);
  assert.is(code, 1);
  const fresh = r.results.filter((f) => f.baseline === 'new');
  assert.equal(fresh.map((f) => [f.policy, f.resource.name, f.file]), [['project-requires-messaging-tenant', 'extra', 'new.yaml']]);
  assert.is(r.results.filter((f) => f.baseline === 'unchanged').length, 5);
});

baseline('lines moved by an unrelated edit above a finding: still known (matching ignores lines)', async () => {
  const file = join(tree, 'ns-no-tenant', 'iot-project.yaml');
  writeFileSync(file, `# a comment\n# and another\n${readFileSync(file, 'utf8')}`);
  const { code, report: r } = await report([tree]);
  assert.is(code, 0);
  const sensors = r.results.find((f) => f.resource.name === 'sensors')!;
  assert.equal([sensors.line, sensors.baseline], [9, 'unchanged']);
});

baseline('a changed message is a new finding: matching is by policy, resource and message', async () => {
  const changed = JSON.parse(readFileSync(base, 'utf8')) as CheckReport;
  changed.results[0].message += ' (older wording)';
  writeFileSync(base, JSON.stringify(changed));
  const { code, report: r } = await report([tree]);
  // The changed finding is a warning: new, but the exit code needs --fail-on warning to count it.
  assert.is(code, 0);
  assert.equal(r.results.map((f) => f.baseline), ['new', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
  assert.is((await runInProcess(['check', '--fail-on', 'warning', '--baseline', base, tree])).code, 1);
});

baseline('text marks known findings and counts new ones; a new one is not marked', async () => {
  writeFileSync(join(tree, 'new.yaml'), NEW_PROJECT);
  const { code, stdout } = await runInProcess(['check', '--baseline', base, tree]);
  assert.is(code, 1);
  const findingLines = stdout.split('\n').filter((line) => /^ {2}(error|warning) /.test(line));
  assert.is(findingLines.length, 6);
  assert.equal(findingLines.filter((line) => !/^ {2}(error|warning) +known {2}/.test(line)).map((l) => l.includes('new.yaml')), [true]);
  assert.match(stdout, /; 5 known \(in the baseline\), 1 new\n$/);
});

baseline('SARIF carries baselineState unchanged and new; GitHub annotations turn known ones into notices', async () => {
  writeFileSync(join(tree, 'new.yaml'), NEW_PROJECT);
  const sarif = JSON.parse((await runInProcess(['check', '-o', 'sarif', '--baseline', base, tree])).stdout);
  const states = sarif.runs[0].results.map((r: { baselineState: string; ruleId: string }) => r.baselineState);
  assert.equal(states.filter((s: string) => s === 'new').length, 1);
  assert.equal(states.filter((s: string) => s === 'unchanged').length, 5);
  const github = (await runInProcess(['check', '-o', 'github', '--baseline', base, tree])).stdout.trimEnd().split('\n');
  assert.equal(github.map((line) => line.split(' ')[0]).sort(), ['::error', '::notice', '::notice', '::notice', '::notice', '::notice']);
  assert.ok(github.find((line) => line.startsWith('::error'))!.includes('new.yaml'));
});

baseline('without --baseline, findings carry no baseline mark', async () => {
  const result = await runInProcess(['check', '-o', 'json', tree]);
  assert.not.ok((JSON.parse(result.stdout) as CheckReport).results.some((f) => 'baseline' in f));
});

for (const [name, content, problem] of [
  ['missing', undefined, /no such file or directory/],
  ['not JSON', '{"results": [', /not JSON \(/],
  ['not a report', '[1, 2]', /has no "results" list/],
  ['a finding of the wrong shape', '{"results": [{"policy": "p", "message": "m", "resource": {"kind": "K"}}]}',
    /results\[0\] has no "resource\.kind" and "resource\.name" strings/],
] as const) {
  baseline(`a bad baseline (${name}): one line on stderr, exit 2, nothing on stdout`, async () => {
    const file = join(tmp.dir, 'bad.json');
    if (content !== undefined) writeFileSync(file, content);
    const { code, stdout, stderr } = await runInProcess(['check', '--baseline', file, tree]);
    assert.is(code, 2);
    assert.is(stdout, '');
    assert.is(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.match(stderr, new RegExp(`^error: --baseline ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    assert.match(stderr, problem);
  });
}

baseline.run();
