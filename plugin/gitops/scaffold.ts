/**
 * The GitOps tree `kubectl iot init` writes, following the design's "Getting started": CRDs, a messaging
 * infrastructure, the IoT infrastructure with PostgreSQL and its schema, one tenant and one project.
 *
 *   kustomization.yaml          everything for one cluster (`kubectl kustomize DIR`)
 *   crds/                       the CRDs (the package's generated base)
 *   infrastructure/base/        IoTConfig, MessagingInfrastructure, PostgreSQL + schema (generated base)
 *   infrastructure/             the overlay: the infrastructure namespace
 *   tenants/<ns>/               one namespace: Namespace, MessagingTenant, IoTProject
 *   deploy/argocd|flux/         how Argo CD or Flux syncs the three layers in order (not part of the build)
 */
import { stringify } from 'yaml';
import { API_VERSION } from '../model/kinds';
import { buildProject, buildTenant, MANAGED_BY } from '../model/manifests';
import { HEALTH_CHECK_EXPRS } from './flux-health';
import { newKustomization } from './kustomization';
import type { PlannedFile } from './write';

export type GitopsEngine = 'argocd' | 'flux';

export interface ScaffoldOptions {
  infraNamespace: string;
  namespace: string;
  project: string;
  engine: GitopsEngine;
  repoUrl: string;
  /** The package's generated bases: path below kustomize/ -> content (crds/..., infrastructure/...). */
  bases: Record<string, string>;
}

const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });

function namespaceObject(name: string): string {
  return yaml({ apiVersion: API_VERSION.Namespace, kind: 'Namespace', metadata: { name, labels: { ...MANAGED_BY } } });
}

/** The files of a new GitOps tree. */
export function scaffold(options: ScaffoldOptions): PlannedFile[] {
  const { infraNamespace, namespace, project } = options;
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(options.bases)) {
    files[path.replace(/^infrastructure\//, 'infrastructure/base/')] = content;
  }
  files['kustomization.yaml'] = `# The whole IoT setup of one cluster. Check it: kubectl iot check .\n${
    newKustomization(['crds', 'infrastructure', 'tenants'])}`;
  files['infrastructure/namespace.yaml'] = namespaceObject(infraNamespace);
  files['infrastructure/kustomization.yaml'] = `# Overlay of the IoT infrastructure: where it runs.\n${
    newKustomization(['namespace.yaml', 'base'], infraNamespace)}`;
  files['tenants/kustomization.yaml'] = `# One folder per tenant namespace. Add one: kubectl iot create project NAME -n NS --create-tenant --gitops-dir .\n${
    newKustomization([namespace])}`;
  files[`tenants/${namespace}/namespace.yaml`] = namespaceObject(namespace);
  files[`tenants/${namespace}/messaging-tenant.yaml`] = yaml(buildTenant(namespace));
  files[`tenants/${namespace}/iot-project-${project}.yaml`] = yaml(buildProject(namespace, project));
  files[`tenants/${namespace}/kustomization.yaml`] = newKustomization(
    ['namespace.yaml', 'messaging-tenant.yaml', `iot-project-${project}.yaml`], namespace);
  Object.assign(files, options.engine === 'argocd' ? argocd(options.repoUrl) : flux(options.repoUrl));
  return Object.entries(files).map(([path, content]) => ({ path, content }));
}

const LAYERS = [
  { name: 'crds', path: 'crds' },
  { name: 'infrastructure', path: 'infrastructure' },
  { name: 'tenants', path: 'tenants' },
];

/** Argo CD Applications, one per layer, synced in order by sync waves. */
function argocd(repoUrl: string): Record<string, string> {
  const apps = LAYERS.map((layer, wave) => yaml({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `iot-${layer.name}`,
      namespace: 'argocd',
      annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
    },
    spec: {
      project: 'default',
      source: { repoURL: repoUrl, targetRevision: 'HEAD', path: layer.path },
      destination: { server: 'https://kubernetes.default.svc' },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['ServerSideApply=true', ...(layer.name === 'crds' ? [] : ['SkipDryRunOnMissingResource=true'])],
      },
    },
  }));
  return { 'deploy/argocd/applications.yaml': `# kubectl apply -f deploy/argocd/ (set repoURL first)\n${apps.join('---\n')}` };
}

/**
 * A Flux GitRepository and one Kustomization per layer, each depending on the one before. The infrastructure
 * and tenants layers also health-check their IoT resources, so a Failed one fails its Kustomization (and holds
 * back the layers after it) instead of passing as ready.
 */
function flux(repoUrl: string): Record<string, string> {
  const source = yaml({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'iot', namespace: 'flux-system' },
    spec: { interval: '5m', url: repoUrl, ref: { branch: 'main' } },
  });
  const layers = LAYERS.map((layer, i) => yaml({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: `iot-${layer.name}`, namespace: 'flux-system' },
    spec: {
      interval: '10m',
      path: `./${layer.path}`,
      prune: true,
      wait: true,
      sourceRef: { kind: 'GitRepository', name: 'iot' },
      ...(i > 0 ? { dependsOn: [{ name: `iot-${LAYERS[i - 1].name}` }] } : {}),
      ...(layer.name === 'crds' ? {} : { healthCheckExprs: HEALTH_CHECK_EXPRS }),
    },
  }));
  return { 'deploy/flux/iot.yaml': `# kubectl apply -f deploy/flux/ (set the url first)\n${[source, ...layers].join('---\n')}` };
}
