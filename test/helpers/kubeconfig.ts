/** A kubeconfig file for tests: one context "c" (namespace ns1) on `server`, with a token user. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function kubeconfigFor(server: string, dir: string): string {
  const file = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
    clusters: [{ name: 'c', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: [{ name: 'c', context: { cluster: 'c', user: 'u', namespace: 'ns1' } }],
  }));
  return file;
}
