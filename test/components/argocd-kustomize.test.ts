import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { HEALTH_CHECKS, healthKey, healthScript } from '../../scripts/gen-gitops-components';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const COMPONENTS = join(ROOT, 'kustomize', 'components', 'argocd');
const PLUGIN_YAML = readFileSync(join(COMPONENTS, 'cmp', 'plugin.yaml'), 'utf8');

// Stand-ins for the two objects of Argo CD's install.yaml the components patch (the real one cannot be
// downloaded here): argocd-cm with a setting of its own, the repo server with its shared volumes.
const ARGOCD_CM = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm' },
  data: { url: 'https://argocd.example.com' } };
const ARGOCD = `${stringify(ARGOCD_CM)}---\n${stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'argocd-repo-server' },
  spec: {
    selector: { matchLabels: { app: 'argocd-repo-server' } },
    template: {
      metadata: { labels: { app: 'argocd-repo-server' } },
      spec: {
        containers: [{ name: 'argocd-repo-server', image: 'quay.io/argoproj/argocd:v3.1.0' }],
        volumes: [{ name: 'var-files', emptyDir: {} }, { name: 'plugins', emptyDir: {} }],
      },
    },
  },
})}`;

type Any = Record<string, any>;
const test = suite('kustomize/components/argocd and argocd/cmp (real kustomize on stand-in Argo CD objects)');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

/** Builds an Argo CD install with the components, as a user's kustomization would; `extra` adds fields. */
function build(extra: Any = {}): Map<string, Any> {
  const components = [COMPONENTS, join(COMPONENTS, 'cmp')].map((dir) => relative(tmp.dir, dir));
  writeTree(tmp.dir, {
    'argocd.yaml': ARGOCD,
    'kustomization.yaml': stringify({ resources: ['argocd.yaml'], components, ...extra }),
  });
  const built = spawnSync('kubectl', ['kustomize', tmp.dir], { encoding: 'utf8' });
  assert.is(built.status, 0, built.stderr);
  const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as Any);
  return new Map(objects.map((o) => [`${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '-<hash>')}`, o]));
}

test('argocd-cm gains a health check per IoT kind and keeps its own settings', () => {
  const cm = build({ namespace: 'argocd' }).get('ConfigMap/argocd-cm')!;
  assert.is(cm.metadata.namespace, 'argocd');
  assert.is(cm.data.url, 'https://argocd.example.com');
  for (const { file, kinds } of HEALTH_CHECKS) {
    for (const kind of kinds) assert.is(cm.data[healthKey(kind)], healthScript(file), kind);
  }
});

test('the repo server gets the kubectl-iot sidecar as Argo CD requires it, its plugin.yaml from a hashed ConfigMap', () => {
  const image = { name: 'kubectl-iot', newName: 'registry.example.com/kubectl-iot', newTag: '0.1.0' };
  const objects = build({ namespace: 'argocd', images: [image] });
  const pod = objects.get('Deployment/argocd-repo-server')!.spec.template;
  assert.is(pod.metadata.annotations['kubectl.kubernetes.io/default-container'], 'argocd-repo-server');
  assert.equal(pod.spec.containers.map((c: Any) => c.name).sort(), ['argocd-repo-server', 'kubectl-iot']);
  const sidecar = pod.spec.containers.find((c: Any) => c.name === 'kubectl-iot');
  assert.is(sidecar.image, 'registry.example.com/kubectl-iot:0.1.0');
  assert.equal(sidecar.command, ['/var/run/argocd/argocd-cmp-server']);
  assert.is(sidecar.securityContext.runAsUser, 999);
  assert.equal(sidecar.volumeMounts.map((m: Any) => [m.name, m.mountPath, m.subPath]), [
    ['var-files', '/var/run/argocd', undefined],
    ['plugins', '/home/argocd/cmp-server/plugins', undefined],
    ['kubectl-iot-plugin', '/home/argocd/cmp-server/config/plugin.yaml', 'plugin.yaml'],
    ['kubectl-iot-tmp', '/tmp', undefined],
  ]);
  const configMap = objects.get('ConfigMap/kubectl-iot-plugin-<hash>')!;
  assert.is(configMap.data['plugin.yaml'], PLUGIN_YAML);
  const volume = pod.spec.volumes.find((v: Any) => v.name === 'kubectl-iot-plugin');
  assert.is(volume.configMap.name, configMap.metadata.name);
  assert.equal(pod.spec.volumes.map((v: Any) => v.name).sort(),
    ['kubectl-iot-plugin', 'kubectl-iot-tmp', 'plugins', 'var-files']);
});

test('without a namespace (install.yaml applied with -n argocd) both components still apply', () => {
  const objects = build();
  assert.ok(objects.get('ConfigMap/argocd-cm')!.data[healthKey('iot.enmasse.io/IoTProject')]);
  assert.is(objects.get('Deployment/argocd-repo-server')!.spec.template.spec.containers.length, 2);
  assert.ok([...objects.values()].every((o) => o.metadata.namespace === undefined));
});

test('argocd-cm.yaml also works as a plain merge patch (kubectl patch --local), for Argo CD installed otherwise', () => {
  writeTree(tmp.dir, { 'cm.yaml': stringify(ARGOCD_CM) });
  const args = ['patch', '--local', '-f', join(tmp.dir, 'cm.yaml'), '--type', 'merge',
    '--patch-file', join(COMPONENTS, 'argocd-cm.yaml'), '-o', 'json'];
  // --local needs no cluster; an empty kubeconfig makes sure none is contacted.
  const patched = spawnSync('kubectl', args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
  assert.is(patched.status, 0, patched.stderr);
  const cm = JSON.parse(patched.stdout);
  assert.is(cm.data.url, 'https://argocd.example.com');
  assert.is(cm.data[healthKey('enmasse.io/MessagingTenant')], healthScript('messagingtenant.lua'));
});

test.run();
