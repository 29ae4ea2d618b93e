/** check's --exclude globs (plugin/gitops/exclude.ts), and a walk that leaves out what they match. */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CliError } from '../../plugin/errors';
import { excluder } from '../../plugin/gitops/exclude';
import { readInventory } from '../../plugin/gitops/read';
import { runInProcess } from '../helpers/in-process';
import { KUSTOMIZE } from '../helpers/kustomize';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const test = suite('gitops/exclude');

const cases: [string, string[], string[]][] = [
  // pattern, paths it matches, paths it does not
  ['ansible/**', ['ansible/site.yml', 'ansible/roles/x/tasks/main.yml'], ['ansible', 'apps/ansible/site.yml', 'ansible.yml']],
  ['ansible', ['ansible', 'apps/ansible', 'x/y/ansible'], ['ansible.yml', 'ansible2']],
  ['*.j2.yaml', ['a.j2.yaml', 'deep/er/b.j2.yaml'], ['a.yaml', 'a.j2.yaml.bak']],
  ['apps/*/values.yaml', ['apps/one/values.yaml'], ['apps/values.yaml', 'apps/one/two/values.yaml', 'xapps/one/values.yaml']],
  ['**/secrets/*.yaml', ['secrets/a.yaml', 'x/y/secrets/b.yaml'], ['secrets/deeper/c.yaml', 'mysecrets/a.yaml']],
  ['tenant-?.yaml', ['tenant-1.yaml', 'a/tenant-b.yaml'], ['tenant-10.yaml', 'tenant-.yaml']],
  ['./apps/', ['apps'], ['x/apps', 'apps/a.yaml']],
  ['a+b (1).yaml', ['a+b (1).yaml'], ['aab (1).yaml', 'a+b 1.yaml']],
];

test('globs match as .gitignore-like patterns relative to the checked folder', () => {
  for (const [pattern, yes, no] of cases) {
    const excluded = excluder([pattern]);
    for (const path of yes) assert.ok(excluded(path), `${pattern} should match ${path}`);
    for (const path of no) assert.not.ok(excluded(path), `${pattern} should not match ${path}`);
  }
  assert.not.ok(excluder([])('anything'));
});

test('a pattern that cannot name a path below the checked folder is refused with an example', () => {
  for (const pattern of ['', '/abs/**', '../up', 'a/../b', './']) {
    assert.throws(() => excluder([pattern]), (error: Error) => error instanceof CliError &&
      error.message === `--exclude ${JSON.stringify(pattern)}: give a glob relative to the checked folder, such as 'ansible/**' or '*.j2.yaml'`);
  }
});

let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

const TREE = {
  'apps/project.yaml': 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: iot1\n  namespace: ns1\n',
  'ansible/site.yml': '- hosts: all\n  tasks:\n  - ping:\n',
};

test('a walk leaves out what is excluded; without --exclude the playbook is a problem that names the flag, which works', async () => {
  writeTree(tmp.dir, TREE);
  const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default', excluded: excluder(['ansible']) });
  assert.equal(inventory.map(({ source }) => source?.file), ['apps/project.yaml']);
  const refused = await runInProcess(['check', '.'], { cwd: tmp.dir });
  assert.is(refused.code, 2);
  assert.is(refused.stderr, 'error: ansible/site.yml:1: the document is a sequence, not a mapping (a Kubernetes object); ' +
    'if the file is no manifest, leave it out with --exclude ansible/site.yml\n');
  // The flag it names, as named, leaves the file out.
  const flag = /leave it out with (--exclude \S+)$/m.exec(refused.stderr)![1].split(' ');
  const excludedAsNamed = await runInProcess(['check', ...flag, '.'], { cwd: tmp.dir });
  assert.is(excludedAsNamed.code, 1, excludedAsNamed.stderr);
  const checked = await runInProcess(['check', '--exclude', 'ansible/**', '--exclude', '*.j2.yaml', '.', '-o', 'json'], { cwd: tmp.dir });
  assert.is(checked.code, 1, checked.stderr);
  assert.equal(JSON.parse(checked.stdout).projects.map((p: { name: string }) => p.name), ['iot1']);
  const bad = await runInProcess(['check', '--exclude', join(tmp.dir, 'ansible'), '.'], { cwd: tmp.dir });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /^error: --exclude ".*ansible": give a glob relative to the checked folder/);
});

test.run();
