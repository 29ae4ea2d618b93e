/**
 * What the tree says of how its Argo CD builds kustomizations: the argocd-cm ConfigMap's `kustomize.buildOptions`
 * (or `kustomize.buildOptions.<version>`, which replaces it for an Application that names that kustomize version).
 * Argo CD passes kustomize no --enable-helm unless that setting has it, so a kustomization with helmCharts fails
 * to render there. A tree without argocd-cm says nothing, and check builds as such trees are usually set up (with it).
 */
import { headOf } from '../policy/encoded';
import type { LocatedObject } from '../policy/types';

export const ARGOCD_CONFIG = 'argocd-cm';

/** The tree's argocd-cm ConfigMaps: looked for once per tree, not once per Application. */
export function argoConfigs(all: LocatedObject[]): LocatedObject[] {
  return all.filter((located) => {
    const head = headOf(located);
    return head.kind === 'ConfigMap' && head.apiVersion === 'v1' && head.metadata.name === ARGOCD_CONFIG;
  });
}

/**
 * Why the Argo CD of the Application in `namespace` builds without --enable-helm, or undefined when it builds with
 * it (or the tree has no argocd-cm, or several and none in that namespace). `configs`: argoConfigs of the tree.
 */
export function argoWithoutHelm(configs: LocatedObject[], namespace: string | undefined, version: string | undefined): string | undefined {
  const config = configs.find((c) => c.object.metadata.namespace === namespace) ?? (configs.length === 1 ? configs[0] : undefined);
  if (!config) return undefined;
  const data = typeof config.object.data === 'object' && config.object.data !== null ? config.object.data as Record<string, unknown> : {};
  const versioned = version === undefined ? undefined : `kustomize.buildOptions.${version}`;
  const key = versioned !== undefined && versioned in data ? versioned : 'kustomize.buildOptions';
  const options = typeof data[key] === 'string' ? data[key].split(/\s+/) : [];
  if (options.includes('--enable-helm') || options.includes('--enable-helm=true')) return undefined;
  const where = config.source ? ` (${config.source.file}:${config.source.line})` : '';
  return `Argo CD builds it with the ${key} of its ${ARGOCD_CONFIG}${where}, which has no --enable-helm; add --enable-helm there`;
}
