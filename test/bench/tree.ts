/**
 * The bench's realistic GitOps tree: N namespaces of 5 IoT projects each, one file per namespace holding its
 * Namespace (labelled), its MessagingTenant and its projects, every object labelled; every tenth namespace has
 * no tenant, so exactly 10% of the projects are Failed. The infrastructure (a MessagingInfrastructure and the
 * IoTConfig bound to it) is in a file of its own.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROJECTS_PER_NAMESPACE = 5;

/** Writes the tree for `projects` projects into `dir`; returns the number of files and the expected Failed count. */
export function writeBenchTree(dir: string, projects: number): { files: number; failed: number } {
  const namespaces = Math.ceil(projects / PROJECTS_PER_NAMESPACE);
  mkdirSync(join(dir, 'infrastructure'), { recursive: true });
  writeFileSync(join(dir, 'infrastructure', 'infrastructure.yaml'), INFRASTRUCTURE);
  let failed = 0;
  let written = 0;
  for (let n = 0; n < namespaces; n++) {
    const ns = `tenant-${String(n).padStart(6, '0')}`;
    const withTenant = n % 10 !== 9;
    const docs = [namespaceDoc(ns, n)];
    if (withTenant) docs.push(tenantDoc(ns));
    const count = Math.min(PROJECTS_PER_NAMESPACE, projects - written);
    for (let p = 0; p < count; p++) docs.push(projectDoc(ns, `device-group-${p}`));
    written += count;
    if (!withTenant) failed += count;
    const folder = join(dir, 'tenants', ns.slice(0, 11));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${ns}.yaml`), docs.join('---\n'));
  }
  return { files: namespaces + 1, failed };
}

const LABELS = ['    app.kubernetes.io/part-of: iot', '    app.kubernetes.io/managed-by: kubectl-iot', '    team: devices'];

const INFRASTRUCTURE = `apiVersion: enmasse.io/v1
kind: MessagingInfrastructure
metadata:
  name: default
  namespace: enmasse-infra
  labels:
${LABELS.join('\n')}
spec: {}
---
apiVersion: iot.enmasse.io/v1alpha1
kind: IoTConfig
metadata:
  name: default
  namespace: enmasse-infra
  labels:
${LABELS.join('\n')}
spec:
  messagingInfrastructureRef: default
  services:
    deviceRegistry:
      jdbc:
        server:
          external:
            management:
              connection:
                url: jdbc:postgresql://postgresql.enmasse-infra:5432/hono
                username: hono
`;

function namespaceDoc(ns: string, n: number): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n${LABELS.join('\n')}\n    zone: z${n % 7}\n`;
}

function tenantDoc(ns: string): string {
  return `apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\n  namespace: ${ns}\n  labels:\n${LABELS.join('\n')}\nspec: {}\n`;
}

function projectDoc(ns: string, name: string): string {
  return `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n` +
    `${LABELS.join('\n')}\nspec:\n  configuration:\n    adapters:\n      mqtt:\n        enabled: true\n`;
}

/**
 * The tree as GitOps repositories hold it: a Flux GitRepository and the Kustomizations that deploy its two folders
 * (check then reads them as Flux does). The answer is the same. Returns a function that takes the file away again.
 */
export function addFluxSources(dir: string): () => void {
  const folder = join(dir, 'clusters', 'flux-system');
  mkdirSync(folder, { recursive: true });
  const kustomization = (name: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n` +
    `  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./${name}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
  writeFileSync(join(folder, 'sync.yaml'), ['apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n' +
    '  namespace: flux-system\nspec:\n  interval: 5m\n  url: https://git.example.com/platform/iot.git\n',
  kustomization('infrastructure'), kustomization('tenants')].join('---\n'));
  return () => rmSync(join(dir, 'clusters'), { recursive: true, force: true });
}
