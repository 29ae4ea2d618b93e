/**
 * create's YAML without the yaml package (plugin/output/manifest-yaml.ts): where plainYaml writes a value, its bytes
 * are the package's `stringify(value, { lineWidth: 0 })`; where it declines, manifestYaml gives the package's.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { manifestYaml, plainYaml } from '../../plugin/output/manifest-yaml';
import { buildProject, buildTenant } from '../../plugin/model/manifests';
import { buildInfrastructure, buildIoTConfig, buildMessagingInfrastructure, buildPostgresqlSecret } from '../../plugin/model/infrastructure';
import { dnsSubdomain, PARAMS } from '../helpers/arbitraries';

const byPackage = (value: unknown) => stringify(value, { lineWidth: 0 });

const manifests = suite('manifestYaml: the bytes of the yaml package');

/** Every object the create commands build, for names that plainYaml writes plain and names it must decline. */
function generated(name: string): unknown[] {
  return [
    buildProject('ns1', name),
    buildTenant(name),
    buildTenant('ns1', { name }),
    buildTenant('ns1', { name, namespace: 'enmasse-infra' }),
    buildMessagingInfrastructure('enmasse-infra', name),
    buildIoTConfig({ namespace: 'enmasse-infra', messagingInfrastructure: name, registry: { kind: 'external', url: `jdbc:postgresql://${name}:5432/iot`, username: name } }),
    buildPostgresqlSecret('enmasse-infra', 's3cret: "x"', name),
    ...buildInfrastructure({
      namespace: 'enmasse-infra', messagingInfrastructure: name, createMessagingInfrastructure: true,
      registry: { kind: 'postgresql', name, password: name },
    }, 'CREATE TABLE devices (\n  id TEXT\n);\n'),
  ];
}

manifests('every generated manifest, for plain and unusual names', () => {
  for (const name of ['iot1', 'my.project-2', 'x', '1project', 'true', 'null', 'no', 'a'.repeat(253)]) {
    for (const object of generated(name)) assert.fixture(manifestYaml(object), byPackage(object), JSON.stringify(object));
  }
});

manifests('the common shapes take the fast path (the yaml package is not needed for them)', () => {
  assert.type(plainYaml(buildProject('ns1', 'iot1')), 'string');
  assert.type(plainYaml(buildTenant('ns1', { name: 'default', namespace: 'enmasse-infra' })), 'string');
  assert.type(plainYaml(buildMessagingInfrastructure('enmasse-infra', 'default')), 'string');
});

manifests('declines what only the package writes right: quoting, floats, anchors, nested lists, empty items', () => {
  const shared = { a: 1 };
  for (const value of [{ 'true': 1 }, { a: '-1' }, { a: '0x1F' }, { a: '~' }, { a: '"q": x' }, { a: 'a: b\u00e9' }, { a: 'a\tb: c' }, { a: '+1' },
    { a: 1.5 }, { a: -0 }, { a: 2 ** 60 }, { a: shared, b: shared }, { a: [[1]] }, { a: [{}] }, { a: undefined },
    { a: new Date(0) }, { '1': 1 }, { 'a b': 1 }, {}, [1], 'text', null]) {
    assert.is(plainYaml(value), undefined, JSON.stringify(value));
    assert.is(manifestYaml(value), byPackage(value));
  }
});

const properties = suite('plainYaml: a property against the yaml package');

/** Keys and strings near the edge of plain: names, YAML words, numbers as text, indicators, spaces. */
const edgy = fc.constantFrom('true', 'False', 'NULL', 'yes', 'no', 'on', 'y', '~', '-', '.5', '0x1F', '1e3', '1', '007', '-1', 'a:b',
  'a #b', '#a', 'app.kubernetes.io/managed-by', 'A_b/c', '', ' a', 'a\nb', "it's", '"q"', '*a', '&a', '!a', '%a', '@a');
const name = dnsSubdomain(30).map((n) => (/^[0-9]/.test(n) ? `n${n}` : n));
/** Text with spaces, as messages are: pieces of names, YAML's indicators and punctuation, spaces doubled or at the ends. */
const sentence = fc.array(fc.oneof({ weight: 4, arbitrary: name }, { weight: 2, arbitrary: edgy },
  fc.constantFrom(':', '#', '-', '?', ',', '[', ']', '{', '}', '(a)', '"', "'", '|', '>', '*', '&', '!', '%', '@', '`', '~', '.', ';',
    '\\', '---', '...', '1', '0x1', '.5', '', ' ', '\t', '\u00e9')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(' '));
/** Mostly what manifests hold (names, integers, booleans, maps, lists of maps), sometimes anything. */
const word = fc.oneof({ weight: 20, arbitrary: name }, { weight: 1, arbitrary: edgy }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
/** What reports hold besides: messages. */
const value = fc.oneof({ weight: 3, arbitrary: word }, { weight: 3, arbitrary: sentence });
const leaf = fc.oneof({ weight: 6, arbitrary: value }, { weight: 2, arbitrary: fc.integer() }, fc.boolean(), fc.constant(null),
  fc.double());
const { tree } = fc.letrec((self) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf,
    fc.array(fc.oneof(leaf, fc.dictionary(word, self('tree'), { minKeys: 1, maxKeys: 3 })), { maxLength: 3 }),
    fc.dictionary(word, self('tree'), { maxKeys: 4 })),
}));

properties('where plainYaml writes a map, it is byte for byte what the package writes', () => {
  let written = 0;
  fc.assert(fc.property(fc.dictionary(word, tree, { minKeys: 1, maxKeys: 5 }), (value) => {
    const fast = plainYaml(value);
    if (fast !== undefined) {
      written++;
      assert.is(fast, byPackage(value));
    }
    assert.is(manifestYaml(value), byPackage(value));
  }), PARAMS);
  // The property is about the written cases: most of the samples must be ones.
  assert.ok(written > PARAMS.numRuns / 5, `only ${written} of ${PARAMS.numRuns} samples took the fast path`);
});

properties('with aliases: false, objects met twice are written twice, as the package writes with aliasDuplicateObjects: false', () => {
  const withoutAliases = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
  let written = 0;
  fc.assert(fc.property(fc.dictionary(word, tree, { minKeys: 1, maxKeys: 4 }), (map) => {
    // The same objects again under other keys (a namespace's projects share their conditions and chain).
    const value = { ...map, again: map, list: [map, map] };
    const fast = plainYaml(value, { aliases: false });
    if (fast !== undefined) {
      written++;
      assert.is(fast, withoutAliases(value));
    }
  }), PARAMS);
  assert.ok(written > PARAMS.numRuns / 5, `only ${written} of ${PARAMS.numRuns} samples took the fast path`);
});

properties('a message is written plain where the package writes it plain, and quoted (by the package) otherwise', () => {
  fc.assert(fc.property(sentence, (text) => {
    const fast = plainYaml({ message: text });
    if (fast !== undefined) assert.is(fast, byPackage({ message: text }), JSON.stringify(text));
  }), { ...PARAMS, numRuns: PARAMS.numRuns * 5 });
  assert.is(plainYaml({ message: 'Found MessagingTenant default in namespace ns1' }), 'message: Found MessagingTenant default in namespace ns1\n');
  assert.is(plainYaml({ message: 'Fix: kubectl iot create tenant -n ns1', reason: '' }),
    'message: "Fix: kubectl iot create tenant -n ns1"\nreason: ""\n');
  assert.is(plainYaml({ status: 'True', line: '12' }), 'status: "True"\nline: "12"\n');
});

manifests.run();
properties.run();
