/**
 * The end-to-end tests of how the plugin reaches a cluster: credentials (exec plugins, merged KUBECONFIG lists),
 * unreachable or missing kubeconfigs, -v logging, the question on a terminal, a missing CRD. cluster.test.ts
 * registers them after its own, on the same API server, so they start from the projects those tests left in ns1.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { writeTree } from '../helpers/tree';
import { freePort } from './apiserver';
import { admin, iot, json, outputs, server, tmp } from './cluster-session';

export function accessTests(e2e: Test): void {
  e2e('an exec credential plugin, relative to its kubeconfig, supplies the token', () => {
    writeTree(tmp.dir, { 'exec/bin/creds': `#!/bin/sh\ncat <<EOF\n{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${server.tokens.admin}"}}\nEOF\n` });
    chmodSync(join(tmp.dir, 'exec/bin/creds'), 0o755);
    const config = {
      apiVersion: 'v1', kind: 'Config', 'current-context': 'exec',
      clusters: [{ name: 'e2e', cluster: { server: server.url, 'certificate-authority': join(server.dir, 'certs', 'apiserver.crt') } }],
      users: [{ name: 'exec-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/creds', interactiveMode: 'Never' } } }],
      contexts: [{ name: 'exec', context: { cluster: 'e2e', user: 'exec-user', namespace: 'ns1' } }],
    };
    writeFileSync(join(tmp.dir, 'exec/config'), JSON.stringify(config));
    const result = iot(['status', '-o', 'json'], join(tmp.dir, 'exec/config'));
    assert.is(result.code, 0, result.stderr);
    assert.equal(json(result).projects.map((p) => p.name), ['iot1', 'iot3']);
  });

  e2e('KUBECONFIG lists are merged and --context picks a context from another file', () => {
    writeFileSync(join(tmp.dir, 'contexts.yaml'), JSON.stringify({ contexts: [{ name: 'team2', context: { cluster: 'e2e', user: 'admin', namespace: 'ns2' } }] }));
    const list = [join(tmp.dir, 'contexts.yaml'), admin].join(delimiter);
    const result = iot(['status', '--context', 'team2', '-o', 'json'], list);
    assert.equal(json(result).projects, []);
    const all = iot(['status', '-A', '-o', 'json'], list);
    assert.equal(json(all).projects.map((p) => `${p.namespace}/${p.name}`), ['ns1/iot1', 'ns1/iot3']);
  });

  e2e('a kubeconfig pointing at a closed port: exit 2 at once with a clear message', async () => {
    const closed = server.kubeconfig('admin', { server: `https://127.0.0.1:${await freePort()}`, name: 'closed' });
    const result = iot(['status'], closed);
    assert.is(result.code, 2);
    assert.match(result.stderr, /^error: cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+: connection refused\n$/);
  });

  e2e('no kubeconfig at all: "no kubeconfig found", not a guess at localhost:8080', () => {
    const result = iot(['status'], undefined);
    assert.is(result.code, 2);
    assert.is(result.stderr, 'error: no kubeconfig found: set KUBECONFIG or pass --kubeconfig\n');
  });

  e2e('-v logs requests and stack traces without a single credential', async () => {
    const verbose = iot(['status', '-v'], admin);
    assert.is(verbose.code, 0, verbose.stderr);
    assert.match(verbose.stderr, /^GET https:\/\/127\.0\.0\.1:\d+\/apis\/iot\.enmasse\.io\/v1alpha1\/namespaces\/ns1\/iotprojects\?limit=500 200 in \d+ ms$/m);
    const denied = iot(['create', 'project', 'iot4', '-n', 'ns2', '--apply', '-v'], server.kubeconfig('viewer'));
    assert.is(denied.code, 2);
    assert.match(denied.stderr, /CliError: forbidden/);
    const closed = server.kubeconfig('admin', { server: `https://127.0.0.1:${await freePort()}`, name: 'closed-v' });
    assert.is(iot(['check', '--live', '-v'], closed).code, 2);
  });

  e2e('on a terminal, apply without --create-tenant asks before creating the tenant: "n" explains, "y" creates it', () => {
    server.kubectl(['create', 'namespace', 'ns3']);
    // `script` runs the command on a pseudo-terminal, so stdin and stderr are TTYs as for a person typing.
    const onTerminal = (answer: string) => {
      const result = spawnSync('script', ['-qec', 'kubectl iot create project iot5 -n ns3 --apply', '/dev/null'], {
        input: `${answer}\n`, encoding: 'utf8', timeout: 60_000, cwd: tmp.dir,
        env: { ...process.env, KUBECONFIG: admin, HOME: tmp.dir, PATH: `${join(ROOT, 'bin')}${delimiter}${process.env.PATH}` },
      });
      outputs.push(result.stdout, result.stderr);
      assert.is(result.status, 0, result.stdout);
      return result.stdout.replace(/\r/g, '');
    };
    const declined = onTerminal('n');
    assert.match(declined, /Create MessagingTenant ns3\/default now\? \[y\/N\] /);
    assert.match(declined, /Applying without MessagingTenant ns3\/default; create it later/);
    assert.is(server.kubectl(['get', 'messagingtenants', '-n', 'ns3', '-o', 'name']), '');
    const accepted = onTerminal('y');
    assert.match(accepted, /^messagingtenant\.enmasse\.io\/default serverside-applied$/m);
    assert.match(accepted, /^IoTProject ns3\/iot5 \(tenant ns3\.iot5\) will be Active with its tenant/m);
    assert.is(server.kubectl(['get', 'messagingtenants', '-n', 'ns3', '-o', 'name']), 'messagingtenant.enmasse.io/default\n');
  });

  e2e('in-process, the question goes to the context\'s stderr and the answer comes from its stdin (marked as terminals)', async () => {
    server.kubectl(['create', 'namespace', 'ns4']);
    const asked = (input: string) => runInProcess(['create', 'project', 'iot6', '-n', 'ns4', '--apply'],
      { input, terminal: true, env: { KUBECONFIG: admin, HOME: tmp.dir } });
    const declined = await asked('n\n');
    outputs.push(declined.stdout, declined.stderr);
    assert.is(declined.code, 0, declined.stderr);
    assert.match(declined.stderr, /Create MessagingTenant ns4\/default now\? \[y\/N\] /);
    assert.match(declined.stderr, /Applying without MessagingTenant ns4\/default; create it later/);
    assert.is(server.kubectl(['get', 'messagingtenants', '-n', 'ns4', '-o', 'name']), '');
    const accepted = await asked('y\n');
    outputs.push(accepted.stdout, accepted.stderr);
    assert.match(accepted.stderr, /^messagingtenant\.enmasse\.io\/default serverside-applied$/m);
    assert.is(server.kubectl(['get', 'messagingtenants', '-n', 'ns4', '-o', 'name']), 'messagingtenant.enmasse.io/default\n');
    // Without terminals there is no question: the tenant is left to the printed fix.
    const piped = await runInProcess(['create', 'project', 'iot7', '-n', 'ns4', '--apply', '--dry-run', 'server'],
      { input: 'y\n', env: { KUBECONFIG: admin, HOME: tmp.dir } });
    assert.not.match(piped.stderr, /\[y\/N\]/);
  });

  e2e('a missing CRD: "the CRDs are not installed" with the command that installs them', () => {
    server.kubectl(['delete', 'crd', 'iotprojects.iot.enmasse.io', '--wait=true']);
    const result = iot(['status'], admin);
    assert.is(result.code, 2);
    const match = /^error: the CRDs are not installed \(the cluster at https:\/\/127\.0\.0\.1:\d+ does not serve iotprojects\.iot\.enmasse\.io\): (kubectl apply -k \S+kustomize\/crds)\n$/.exec(result.stderr);
    assert.ok(match, result.stderr);
    // The suggested command works.
    server.kubectl(['apply', '-k', match![1].split(' ').pop()!]);
    server.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', 'iotprojects.iot.enmasse.io']);
    assert.is(iot(['status', '-o', 'json'], admin).code, 0);
  });
}
