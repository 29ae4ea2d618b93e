/** fast-check arbitraries of YAML-shaped input for `check` (test/property): garbage, Kubernetes-like objects, texts. */
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { nameCandidate } from './arbitraries';

const NAMESPACES = ['ns1', 'ns2', 'enmasse-infra', 'default'];
const NAMES = ['default', 'iot1', 'iot2', 'infra', 'a'];
const API_KINDS: [string, string][] = [
  ['iot.enmasse.io/v1alpha1', 'IoTProject'], ['iot.enmasse.io/v1', 'IoTTenant'],
  ['iot.enmasse.io/v1alpha1', 'IoTConfig'], ['iot.enmasse.io/v1', 'IoTInfrastructure'],
  ['enmasse.io/v1', 'MessagingTenant'], ['enmasse.io/v1', 'MessagingProject'],
  ['enmasse.io/v1', 'MessagingInfrastructure'], ['enmasse.io/v1', 'MessagingAddress'],
  ['v1', 'Namespace'], ['v1', 'List'], ['v1', 'ConfigMap'], ['apps/v1', 'Deployment'],
];
const API_VERSIONS = [...new Set(API_KINDS.map(([a]) => a)), 'iot.enmasse.io/v1beta1', 'example.com/v1', 'enmasse.io', ''];
const KINDS = [...new Set(API_KINDS.map(([, k]) => k)), 'IoTProjectList', 'MessagingTenantList', 'iotproject', ''];
/** Keys the policies read, so garbage lands where it hurts. */
const KEYS = [
  'apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'creationTimestamp', 'spec', 'status',
  'messagingInfrastructureRef', 'downstreamStrategy', 'managedStrategy', 'externalStrategy', 'providedStrategy',
  'services', 'deviceRegistry', 'deviceConnection', 'jdbc', 'infinispan', 'server', 'external', 'management',
  'connection', 'url', 'username', 'password', 'namespaceSelector', 'matchNames', 'matchLabels', 'matchExpressions',
  'key', 'operator', 'values', 'address', 'anycast', 'queue', 'phase', 'conditions', 'type', 'items', 'configuration',
  'enabled', 'tenantName', 'capabilities', '', '0', 'true', 'null',
];

/** Scalars, strings biased towards the names and values the policies compare. */
const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NAMESPACES, ...NAMES, 'Active', 'True', 'jdbc:postgresql://x/y', 'In', 'telemetry/ns1.iot1'), weight: 4 },
  { arbitrary: nameCandidate(), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e300, Number.MAX_SAFE_INTEGER + 2)), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 2 },
);

/** Nested garbage: scalars, arrays and objects with Kubernetes-like keys. */
export const garbage: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalar, weight: 4 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }), weight: 1 },
  ),
})).value;

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: garbage, weight: 1 });
/** Garbage only now and then: for the fields without which an object is refused outright. */
const seldom = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ arbitrary: arb, weight: 12 }, { arbitrary: garbage, weight: 1 });

/** One Kubernetes-like object: mostly the model's kinds, fields of the right or wrong types. */
export const kubeLike: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ object: Record<string, unknown> }>((tie) => ({
  object: fc.tuple(
    fc.constantFrom(...API_KINDS),
    fc.record({
      apiVersion: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: maybe(fc.constantFrom(...API_VERSIONS)), weight: 1 }),
      kind: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: maybe(fc.constantFrom(...KINDS)), weight: 1 }),
      metadata: seldom(fc.record({
        name: seldom(fc.constantFrom(...NAMES)),
        namespace: maybe(fc.constantFrom(...NAMESPACES)),
        labels: maybe(fc.dictionary(fc.constantFrom('team', 'iot', 'app.kubernetes.io/managed-by'), scalar, { maxKeys: 2, noNullPrototype: true })),
        creationTimestamp: maybe(fc.constantFrom('2020-07-01T10:00:00Z', 'yesterday')),
      }, { requiredKeys: ['name'], noNullPrototype: true })),
      spec: maybe(fc.record({
        messagingInfrastructureRef: maybe(fc.oneof(
          fc.constantFrom(...NAMES),
          fc.record({ name: maybe(fc.constantFrom(...NAMES)), namespace: maybe(fc.constantFrom(...NAMESPACES)) }, { requiredKeys: [], noNullPrototype: true }),
        )),
        downstreamStrategy: garbage,
        configuration: garbage,
        services: maybe(fc.record({ deviceRegistry: garbage, deviceConnection: garbage }, { requiredKeys: [], noNullPrototype: true })),
        namespaceSelector: garbage,
        address: maybe(fc.constantFrom('telemetry/ns1.iot1', 'event/ns1.iot1', 'command/ns2.a', 'x')),
        anycast: garbage,
      }, { requiredKeys: [], noNullPrototype: true })),
      status: garbage,
      items: fc.array(tie('object'), { maxLength: 3 }),
    }, { requiredKeys: ['metadata'], noNullPrototype: true }),
  ).map(([[apiVersion, kind], fields]) => {
    const object: Record<string, unknown> = { apiVersion, kind };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && (key !== 'items' || kind.endsWith('List'))) object[key] = value;
    }
    return object;
  }),
})).object;

/** Tokens of YAML syntax, for broken texts. */
const YAML_TOKENS = [
  ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '!!map', '!custom', '? ', '\t', '\r', '\r\n',
  '#', '"', "'", '|', '>-', '%YAML 1.1\n', '%TAG ! tag:x,2020:\n', '---\n', '...\n', '\uFEFF', '\n', '  ', '<<: *a',
  'apiVersion: iot.enmasse.io/v1alpha1\n', 'kind: IoTProject\n', 'metadata:\n  name: a\n', 'null', '~', '@', '`', '\\',
  '\u0000', '\u0085', '\u2028', '😀',
];

/** Edits a text: deletes, inserts YAML tokens, duplicates or re-indents lines, truncates. */
const edit = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 8 })).map(([at, n]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + s.slice(i + n);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...YAML_TOKENS)).map(([at, token]) => (s: string) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + token + s.slice(i);
  }),
  fc.tuple(fc.nat(), fc.constantFrom('', ' ', '   ', '\t')).map(([at, indent]) => (s: string) => {
    const lines = s.split('\n');
    const i = at % lines.length;
    lines[i] = indent + lines[i].trimStart();
    return lines.join('\n');
  }),
  fc.nat().map((at) => (s: string) => {
    const lines = s.split('\n');
    const i = at % lines.length;
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  }),
  fc.nat().map((at) => (s: string) => s.slice(0, at % (s.length + 1))),
);

/** A YAML stream of the objects, in one of the ways people (and tools) write them. */
const documents = fc.tuple(fc.array(kubeLike, { minLength: 1, maxLength: 5 }), fc.constantFrom('yaml', 'flow', 'json', 'list'))
  .map(([objects, how]) => {
    switch (how) {
      case 'json': return JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }, null, 2);
      case 'list': return stringify({ apiVersion: 'v1', kind: 'List', items: objects });
      case 'flow': return objects.map((o) => stringify(o, { collectionStyle: 'flow' })).join('---\n');
      default: return objects.map((o) => stringify(o)).join('---\n');
    }
  });

/** `depth` nested flow sequences or block mappings, around the parser's depth limit. */
const deep = fc.tuple(fc.integer({ min: 1, max: 260 }), fc.boolean()).map(([depth, flow]) =>
  flow ? `${'['.repeat(depth)}${']'.repeat(depth)}\n`
    : Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n');

/** Alias expansion (a small "billion laughs"), around the alias limit. */
const aliases = fc.integer({ min: 1, max: 12 }).map((levels) => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', 'data:', '  l0: &l0 [x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`  l${i}: &l${i} [*l${i - 1}, *l${i - 1}, *l${i - 1}]`);
  return `${lines.join('\n')}\n`;
});

/** A text as reading it from a file yields it: edits may split surrogate pairs, UTF-8 decoding never does. */
const asReadFromFile = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/** Text for `check`: valid streams of odd objects, edited (often broken) streams, token soup, random bytes. */
export const yamlishText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: documents, weight: 5 },
  { arbitrary: fc.tuple(documents, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([t, es]) => es.reduce((s, e) => e(s), t)), weight: 4 },
  { arbitrary: fc.array(fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.constantFrom(...KEYS), scalar.map(String)), { maxLength: 30 }).map((ts) => ts.join('')), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('utf8')), weight: 1 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: aliases, weight: 1 },
).map(asReadFromFile);

/**
 * A manifest whose double-quoted strings escape a lone UTF-16 surrogate (`"\ud800"`): plain ASCII that YAML and
 * JSON both accept, and that parses to a string that is not well-formed Unicode.
 */
export const loneSurrogateManifest: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...API_KINDS.filter(([, kind]) => kind !== 'List')),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => `\\u${unit.toString(16)}`),
  fc.constantFrom('name', 'label', 'ref'),
  fc.boolean(),
).map(([[apiVersion, kind], escape, where, json]) => {
  const name = where === 'name' ? `"iot${escape}"` : '"iot1"';
  const labels = where === 'label' ? `{"team": "a${escape}"}` : '{}';
  const spec = where === 'ref' ? `{"messagingInfrastructureRef": "${escape}"}` : '{}';
  return json
    ? `{"apiVersion": "${apiVersion}", "kind": "${kind}", "metadata": {"name": ${name}, "namespace": "ns1", "labels": ${labels}}, "spec": ${spec}}\n`
    : `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ns1\n  labels: ${labels}\nspec: ${spec}\n`;
});
