/**
 * Inventories for the policy pack's property tests (OPA against WebAssembly, remediations that fix): seeded
 * random ones over a few namespaces, and sparse edge cases the random ones rarely produce.
 */
import { canonicalKind, type KubeObject } from '../../plugin/model/kinds';

export interface PackInput {
  parameters: { infraNamespace: string };
  resources: KubeObject[];
}

export const INFRA = 'enmasse-infra';

/** A small seeded PRNG, so a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ['ns1', 'ns2', 'ns3'];
const INFRA_NAMESPACES = [INFRA, 'infra2'];
const INFRA_NAMES = ['default', 'mi', 'other'];
const AGES = [undefined, '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'];
const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A random inventory: projects (some with names that must be renamed, one that mends to another's name), tenants
 * named well or not, bound by reference (into other namespaces too) or by selector, Namespace objects for some
 * namespaces only, MessagingInfrastructures selecting by names, labels (the name label too) or not at all, and
 * up to three IoTConfigs, named default or not, in the infrastructure namespace or not, of different ages.
 */
export function randomInventory(seed: number): PackInput {
  const rnd = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)];
  const resources: KubeObject[] = [];
  for (const ns of NAMESPACES) {
    if (rnd() < 0.5) resources.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { tier: pick(['gold', 'silver']) } } });
    for (let i = 0; i < 1 + Math.floor(rnd() * 2); i++) {
      const alias = rnd() < 0.2;
      resources.push({
        apiVersion: alias ? 'iot.enmasse.io/v1' : 'iot.enmasse.io/v1alpha1', kind: alias ? 'IoTTenant' : 'IoTProject',
        metadata: { name: pick(['iot1', 'iot2', 'Bad_Name', 'x', 'IOT1', 'a..b-']), namespace: ns },
        spec: rnd() < 0.15 ? { downstreamStrategy: { externalStrategy: {} } } : {},
      });
    }
    if (rnd() < 0.7) {
      const ref = rnd() < 0.35
        ? { messagingInfrastructureRef: { name: pick(INFRA_NAMES), namespace: pick([...INFRA_NAMESPACES, '', 'ns2']) } } : {};
      resources.push({ apiVersion: 'enmasse.io/v1', kind: pick(['MessagingTenant', 'MessagingProject']),
        metadata: { name: rnd() < 0.8 ? 'default' : 'main', namespace: ns }, spec: ref });
    }
    if (rnd() < 0.2) {
      resources.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingAddress', metadata: { name: 'a', namespace: ns },
        spec: { address: `telemetry/${ns}.iot1`, anycast: {} } });
    }
  }
  for (let i = 0; i < Math.floor(rnd() * 4); i++) {
    const selector = pick([undefined, { matchNames: [pick(NAMESPACES)] }, { matchLabels: { tier: 'gold' } },
      { matchLabels: { [NAME_LABEL]: pick(NAMESPACES) } },
      { matchExpressions: [{ key: pick(['tier', NAME_LABEL]), operator: pick(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: [pick(['gold', ...NAMESPACES])] }] }]);
    resources.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure',
      metadata: { name: pick(INFRA_NAMES), namespace: pick(INFRA_NAMESPACES), creationTimestamp: pick(AGES) },
      spec: selector ? { namespaceSelector: selector } : {} });
  }
  for (let i = 0; i < Math.floor(rnd() * 4); i++) {
    const registry = pick([{ jdbc: { server: { external: { management: { connection: { url: 'jdbc:postgresql://db/x', password: pick([undefined, 'pw']) } } } } } },
      { infinispan: { server: { external: { host: 'h', port: 1 } } } }, {}]);
    const alias = rnd() < 0.2;
    resources.push({ apiVersion: alias ? 'iot.enmasse.io/v1' : 'iot.enmasse.io/v1alpha1', kind: alias ? 'IoTInfrastructure' : 'IoTConfig',
      metadata: { name: pick(['default', 'default', 'iot', 'legacy']), namespace: pick(INFRA_NAMESPACES), creationTimestamp: pick(AGES) },
      spec: { messagingInfrastructureRef: pick([undefined, ...INFRA_NAMES]), services: { deviceRegistry: registry } } });
  }
  return { parameters: { infraNamespace: INFRA }, resources: JSON.parse(JSON.stringify(resources)) as KubeObject[] };
}

const project = (ns: string, name = 'p'): KubeObject => ({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name, namespace: ns } });
const tenant = (ns: string, spec = {}): KubeObject => ({ apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace: ns }, spec });
const mi = (name = 'default', spec = {}, ns = INFRA): KubeObject => ({ apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: { name, namespace: ns }, spec });
const config = (name = 'default', spec = {}, ns = INFRA, created?: string): KubeObject => ({
  apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig',
  metadata: { name, namespace: ns, ...(created ? { creationTimestamp: created } : {}) },
  spec: { services: { deviceRegistry: { infinispan: { server: { external: { host: 'h' } } } } }, ...spec },
});
const namespace = (name: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const labelled = (name: string, matchLabels: Record<string, string>) => mi(name, { namespaceSelector: { matchLabels } });

/** Sparse and named situations the random inventories rarely produce, each a list of resources. */
export const EDGE_CASES: Record<string, KubeObject[]> = {
  'nothing': [],
  'a project alone': [project('ns9')],
  'a tenant alone': [tenant('ns9')],
  'a messaging infrastructure alone': [mi()],
  'an IoTConfig alone': [config()],
  'project and tenant': [project('ns9'), tenant('ns9')],
  'no IoTConfig at all': [project('ns9'), tenant('ns9'), mi()],
  'no tenant': [project('ns9'), mi(), config()],
  'no messaging infrastructure at all': [project('ns9'), tenant('ns9'), config()],
  'a complete chain': [project('ns9'), tenant('ns9'), mi(), config()],
  // Two IoTConfigs serving two other infrastructures while the project's has none (once a wasm-only conflict).
  'IoTConfigs serve others': [mi(), mi('shared'), mi('analytics', { namespaceSelector: { matchNames: ['ns9'] } }),
    config('default', { messagingInfrastructureRef: 'default' }), config('default', { messagingInfrastructureRef: 'shared' }, 'infra2'),
    tenant('ns9'), project('ns9')],
  'the only IoTConfig has the wrong name': [project('ns9'), tenant('ns9'), mi('iot'), config('iot')],
  'wrong-named IoTConfigs, the oldest kept': [project('ns9'), tenant('ns9'), mi('iot'), mi('legacy'),
    config('iot', {}, INFRA, '2021-01-01T00:00:00Z'), config('legacy', {}, INFRA, '2020-01-01T00:00:00Z')],
  'an IoTConfig beyond the singleton': [project('ns9'), tenant('ns9', { messagingInfrastructureRef: { name: 'mi', namespace: 'infra2' } }),
    mi(), mi('mi', {}, 'infra2'), config(), config('default', { messagingInfrastructureRef: 'mi' }, 'infra2', '2019-01-01T00:00:00Z')],
  'the IoTConfig binds to a missing infrastructure': [project('ns9'), tenant('ns9'), mi('other'),
    config('default', { messagingInfrastructureRef: 'missing' })],
  'a wrong-named IoTConfig binds to a missing infrastructure': [project('ns9'), tenant('ns9'), config('iot')],
  'unknown labels': [project('ns9'), tenant('ns9'), labelled('gold', { tier: 'gold' }), config('default', { messagingInfrastructureRef: 'gold' })],
  'known labels': [project('ns9'), tenant('ns9'), labelled('gold', { tier: 'gold' }), namespace('ns9', { tier: 'gold' }),
    config('default', { messagingInfrastructureRef: 'gold' })],
  'the name label decides without the Namespace': [project('ns9'), tenant('ns9'),
    labelled('mine', { [NAME_LABEL]: 'ns9' }), config('default', { messagingInfrastructureRef: 'mine' })],
  'unknown labels and no IoTConfig': [project('ns9'), tenant('ns9'), labelled('gold', { tier: 'gold' })],
  'a tenant bound into another namespace': [project('ns9'), tenant('ns9', { messagingInfrastructureRef: { name: 'mi', namespace: 'infra2' } }),
    mi(), config()],
  'later kind names': [{ ...project('ns9'), apiVersion: 'iot.enmasse.io/v1', kind: 'IoTTenant' },
    { ...tenant('ns9'), kind: 'MessagingProject' }, mi('iot'), { ...config('iot'), apiVersion: 'iot.enmasse.io/v1', kind: 'IoTInfrastructure' }],
  'names that mend to the same name': [project('ns9', 'iot1'), project('ns9', 'IOT1'), project('ns9', 'Iot1'), project('ns9', 'iot1-2'),
    tenant('ns9'), mi(), config()],
};

/** The edge cases as inputs of the pack. */
export function edgeInputs(): PackInput[] {
  return Object.values(EDGE_CASES).map((resources) => ({ parameters: { infraNamespace: INFRA }, resources }));
}

/** The inventory without later copies of an object (a repository holds each object once; copies that differ are a conflict of their own). */
export function distinct(input: PackInput): PackInput {
  const seen = new Set<string>();
  return { ...input, resources: input.resources.filter((o) => {
    const kind = canonicalKind(o.apiVersion, o.kind);
    const namespace = kind === 'Namespace' ? '' : o.metadata.namespace || 'default';
    const key = `${kind}/${namespace}/${String(o.metadata.name)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }) };
}
