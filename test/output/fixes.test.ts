/** output/fixes.ts: the fixes people read carry the flag that says where they act; the contract's JSON does not. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findingsFor, runnableFix } from '../../plugin/output/fixes';
import type { Finding } from '../../plugin/policy/types';

const test = suite('output: runnable fixes');

test('create, rename and delete get --gitops-dir DIR or --apply; other words and commands stay as the pack wrote them', () => {
  const tree = { gitopsDir: 'clusters/prod' };
  assert.is(runnableFix('kubectl iot create tenant -n ns1', tree), 'kubectl iot create tenant -n ns1 --gitops-dir clusters/prod');
  assert.is(runnableFix('kubectl iot rename iotproject A_b a-b -n ns1', tree), 'kubectl iot rename iotproject A_b a-b -n ns1 --gitops-dir clusters/prod');
  assert.is(runnableFix('kubectl iot delete iotconfig x -n enmasse-infra', { apply: true }), 'kubectl iot delete iotconfig x -n enmasse-infra --apply');
  // recreate acts on the cluster by itself; prose is no command; a flag already there is not doubled.
  assert.is(runnableFix('kubectl iot recreate project p -n ns1', tree), 'kubectl iot recreate project p -n ns1');
  const prose = 'keep the password out of Git (kubectl iot create infrastructure --force)';
  assert.is(runnableFix(prose, tree), prose);
  assert.is(runnableFix('kubectl iot create tenant -n ns1 --gitops-dir other', tree), 'kubectl iot create tenant -n ns1 --gitops-dir other');
  assert.is(runnableFix('kubectl iot create tenant -n ns1', undefined), 'kubectl iot create tenant -n ns1');
});

test('the folder is one shell word: "" is the working directory, odd paths are single-quoted', () => {
  assert.is(runnableFix('kubectl iot create tenant -n ns1', { gitopsDir: '' }), 'kubectl iot create tenant -n ns1 --gitops-dir .');
  assert.is(runnableFix('kubectl iot create tenant -n ns1', { gitopsDir: "my repo/it's" }),
    "kubectl iot create tenant -n ns1 --gitops-dir 'my repo/it'\\''s'");
  assert.is(runnableFix('kubectl iot create tenant -n ns1', { gitopsDir: '/abs/x-1.2' }), 'kubectl iot create tenant -n ns1 --gitops-dir /abs/x-1.2');
});

test('only the formats people read change; json, yaml and policyreport keep the same findings', () => {
  const finding = { policy: 'p', severity: 'error', message: 'm', resource: { apiVersion: 'v1', kind: 'K', name: 'n' },
    remediation: 'kubectl iot create tenant -n ns1' } as Finding;
  const results = [finding];
  for (const format of ['json', 'yaml', 'policyreport'] as const) assert.is(findingsFor(format, results, { apply: true }), results);
  for (const format of ['text', 'github', 'markdown', 'junit', 'codequality', 'sarif'] as const) {
    assert.equal(findingsFor(format, results, { apply: true }).map((f) => f.remediation), ['kubectl iot create tenant -n ns1 --apply']);
  }
  assert.is(finding.remediation, 'kubectl iot create tenant -n ns1', 'the report itself is not changed');
});

test.run();
