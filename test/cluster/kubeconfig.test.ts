import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { contextNamespace, kubeconfigFiles, NO_KUBECONFIG, selectConfig } from '../../plugin/cluster/kubeconfig';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const kubeconfig = suite('cluster/kubeconfig');
let tmp: ReturnType<typeof tempDir>;
kubeconfig.before.each(() => {
  tmp = tempDir();
});
kubeconfig.after.each(() => tmp.cleanup());

/** A kubeconfig with one context `name` pointing at cluster `name` and user `name`. */
function config(name: string, extra: { current?: string; namespace?: string; user?: Record<string, unknown> } = {}): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Config', ...(extra.current ? { 'current-context': extra.current } : {}),
    clusters: [{ name, cluster: { server: `https://${name}.example:6443`, 'certificate-authority': 'ca.crt' } }],
    users: [{ name, user: extra.user ?? { token: `token-of-${name}` } }],
    contexts: [{ name, context: { cluster: name, user: name, ...(extra.namespace ? { namespace: extra.namespace } : {}) } }],
  });
}

kubeconfig('no --kubeconfig, no KUBECONFIG and no ~/.kube/config means no configuration at all', () => {
  assert.equal(kubeconfigFiles({ env: {}, home: tmp.dir }), []);
  assert.is(selectConfig({ env: {}, home: tmp.dir }), undefined);
  assert.is(NO_KUBECONFIG, 'no kubeconfig found: set KUBECONFIG or pass --kubeconfig');
});

kubeconfig('~/.kube/config is read when nothing else is set', () => {
  writeTree(tmp.dir, { '.kube/config': config('home', { current: 'home', namespace: 'ns-home' }) });
  const selected = selectConfig({ env: {}, home: tmp.dir });
  assert.is(selected?.contextName, 'home');
  assert.is(selected?.namespace, 'ns-home');
  assert.is(selected?.cluster['certificate-authority'], join(tmp.dir, '.kube', 'ca.crt'));
});

kubeconfig('KUBECONFIG lists are merged: the first file to name a context, cluster or current-context wins', () => {
  writeTree(tmp.dir, {
    'a/config': config('shared', { current: 'shared', namespace: 'from-a' }),
    'b/config': JSON.stringify({
      'current-context': 'other',
      clusters: [{ name: 'shared', cluster: { server: 'https://b.example' } }, { name: 'other', cluster: { server: 'https://other.example' } }],
      users: [{ name: 'other', user: { token: 'b' } }],
      contexts: [{ name: 'shared', context: { cluster: 'other' } }, { name: 'other', context: { cluster: 'other', user: 'other', namespace: 'from-b' } }],
    }),
  });
  const env = { KUBECONFIG: [join(tmp.dir, 'missing'), join(tmp.dir, 'a/config'), '', join(tmp.dir, 'b/config')].join(':') };
  const selected = selectConfig({ env, home: tmp.dir });
  assert.equal([selected?.contextName, selected?.cluster.server, selected?.namespace, selected?.user.token],
    ['shared', 'https://shared.example:6443', 'from-a', 'token-of-shared']);
  assert.equal(selected?.files, [join(tmp.dir, 'a/config'), join(tmp.dir, 'b/config')]);
  // Relative paths resolve against the file that named them.
  assert.is(selected?.cluster['certificate-authority'], join(tmp.dir, 'a', 'ca.crt'));
  const other = selectConfig({ env, home: tmp.dir, context: 'other' });
  assert.equal([other?.cluster.server, other?.namespace, other?.user.token], ['https://other.example', 'from-b', 'b']);
});

kubeconfig('--kubeconfig beats KUBECONFIG, and a missing --kubeconfig file is an error', () => {
  writeTree(tmp.dir, { 'flag.yaml': config('flag', { current: 'flag' }), 'env.yaml': config('env', { current: 'env' }) });
  const env = { KUBECONFIG: join(tmp.dir, 'env.yaml') };
  assert.is(selectConfig({ env, kubeconfig: join(tmp.dir, 'flag.yaml') })?.contextName, 'flag');
  assert.throws(() => selectConfig({ env, kubeconfig: join(tmp.dir, 'nope.yaml') }), /--kubeconfig .*nope\.yaml: no such file/);
});

kubeconfig('exec commands with a path are relative to the kubeconfig, bare names stay for PATH lookup', () => {
  writeTree(tmp.dir, {
    'k/one': config('one', { current: 'one', user: { exec: { command: './bin/creds', args: ['x'] } } }),
    'k/two': config('two', { current: 'two', user: { exec: { command: 'aws' }, tokenFile: 'token' } }),
  });
  assert.equal(selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'k/one') })?.user.exec, { command: join(tmp.dir, 'k/bin/creds'), args: ['x'] });
  const two = selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'k/two') });
  assert.equal([two?.user.exec, two?.user.tokenFile], [{ command: 'aws' }, join(tmp.dir, 'k/token')]);
});

kubeconfig('each way a context can be unusable has its own message', () => {
  writeTree(tmp.dir, {
    'none.yaml': config('c'),
    'dangling.yaml': JSON.stringify({ 'current-context': 'c', contexts: [{ name: 'c', context: { cluster: 'gone', user: 'u' } }] }),
    'bad.yaml': 'clusters: [',
  });
  assert.throws(() => selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'none.yaml') }), /sets no current-context: pass --context/);
  assert.throws(() => selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'none.yaml'), context: 'x' }), /context "x" is not defined in/);
  assert.throws(() => selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'dangling.yaml') }), /context "c" names cluster "gone", which .* does not define/);
  assert.throws(() => selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'bad.yaml') }), /cannot read kubeconfig .*bad\.yaml: not valid YAML$/);
});

kubeconfig('a YAML error never quotes the file, which may hold a token', () => {
  writeTree(tmp.dir, { 'leak.yaml': 'users:\n- name: u\n  user:\n    token: "s3cr3t-token\n  - [' });
  try {
    selectConfig({ env: {}, kubeconfig: join(tmp.dir, 'leak.yaml') });
    assert.unreachable();
  } catch (error) {
    assert.not.match((error as Error).message, /s3cr3t/);
  }
});

kubeconfig('contextNamespace reads only the context, for commands that must not load client-node', () => {
  writeTree(tmp.dir, { c: config('c', { current: 'c', namespace: 'team-a' }) });
  assert.is(contextNamespace({ env: {}, kubeconfig: join(tmp.dir, 'c') }), 'team-a');
  assert.is(contextNamespace({ env: {}, home: tmp.dir }), undefined);
});

kubeconfig.run();
