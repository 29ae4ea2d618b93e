/** Properties of the kustomization.yaml writer (plugin/gitops/kustomization.ts): comments and bytes survive. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { isScalar, parse, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { addResources, newKustomization } from '../../plugin/gitops/kustomization';
import {
  dnsLabel, kustomizationText, resourcePath, PARAMS, yamlAmbiguousName, type KustomizationCase,
} from '../helpers/arbitraries';

const params = PARAMS;
const bare = (entry: string) => entry.replace(/^\.\//, '');

/** A case and the entries to add: fresh paths, sometimes mixed with entries the file already lists. */
const withAdditions = (cases: fc.Arbitrary<KustomizationCase>) =>
  cases.chain((c) => fc.tuple(
    fc.constant(c),
    fc.uniqueArray(resourcePath(), { minLength: 1, maxLength: 4 }),
    fc.subarray((c.resources ?? []).map(bare)),
  ).map(([k, fresh, present]) => ({ k, added: [...new Set([...fresh, ...present])] })));

/** The entries the writer must add: those not listed yet (also not as ./entry), in the order given. */
function missing(k: KustomizationCase, added: string[]): string[] {
  const listed = new Set((k.resources ?? []).map(bare));
  return added.filter((entry) => !listed.has(entry));
}

/** The lines of `output` not matched, in order, by the lines of `input` (which must all be matched). */
function insertedLines(input: string, output: string): string[] {
  const before = input.split('\n');
  const inserted: string[] = [];
  let j = 0;
  for (const line of output.split('\n')) {
    if (j < before.length && line === before[j]) j++;
    else inserted.push(line);
  }
  assert.is(j, before.length, 'every line of the input is in the output, in order');
  return inserted;
}

/** Every comment appears in `output`, in the same order as in the input. */
function commentsInOrder(k: KustomizationCase, output: string): void {
  let from = 0;
  const inTextOrder = [...k.comments].sort((a, b) => k.text.indexOf(a) - k.text.indexOf(b));
  for (const comment of inTextOrder) {
    const at = output.indexOf(comment, from);
    assert.ok(at >= 0, `comment ${JSON.stringify(comment)} survives, in order`);
    from = at + comment.length;
  }
}

/** The output parses to the input's keys, with resources = old entries + the missing ones (no duplicates). */
function parsesToOldPlusNew(k: KustomizationCase, output: string, expectedNew: string[]): void {
  const { resources, ...rest } = parse(output) ?? {};
  const { resources: _old, ...restBefore } = parse(k.text) ?? {};
  assert.equal(rest, restBefore, 'the other keys are unchanged');
  assert.equal(resources, [...(k.resources ?? []), ...expectedNew]);
  const names = (resources as string[]).map(bare);
  assert.is(new Set(names).size, names.length, 'no duplicates');
}

const writer = suite('property: addResources keeps every comment and byte');

writer('block lists and files without resources: the output is the input with the entry lines inserted', () => {
  fc.assert(fc.property(withAdditions(kustomizationText().filter((k) => !k.flow)), ({ k, added }) => {
    const expectedNew = missing(k, added);
    const output = addResources(k.text, 'kustomization.yaml', added);
    if (expectedNew.length === 0) return assert.is(output, undefined);
    assert.type(output, 'string');
    const inserted = insertedLines(k.text, output!);
    const finalNewline = k.text.length > 0 && !k.text.endsWith('\n');
    const expectedLines = [...(k.resources === undefined ? ['resources:'] : []), ...expectedNew.map((e) => `- ${e}`)];
    // Entry lines carry the list's indentation; a file that did not end in a newline gains one.
    const normalized = inserted.map((line) => line.trimStart());
    if (finalNewline && normalized[normalized.length - 1] === '') normalized.pop();
    else if (!finalNewline) assert.ok(output!.endsWith('\n'), 'ends with a newline');
    assert.equal(normalized, expectedLines, 'only the new entry lines (and the key) are inserted');
    commentsInOrder(k, output!);
    parsesToOldPlusNew(k, output!, expectedNew);
  }), params);
});

writer('flow lists ([a, b]): every comment survives in order and the list gains the entries', () => {
  fc.assert(fc.property(withAdditions(kustomizationText().filter((k) => k.flow)), ({ k, added }) => {
    const expectedNew = missing(k, added);
    const output = addResources(k.text, 'kustomization.yaml', added);
    if (expectedNew.length === 0) return assert.is(output, undefined);
    assert.type(output, 'string');
    commentsInOrder(k, output!);
    parsesToOldPlusNew(k, output!, expectedNew);
  }), params);
});

writer('adding the same entries twice is a no-op, and so is adding what the file lists', () => {
  fc.assert(fc.property(withAdditions(kustomizationText()), ({ k, added }) => {
    const once = addResources(k.text, 'kustomization.yaml', added) ?? k.text;
    assert.is(addResources(once, 'kustomization.yaml', added), undefined);
    assert.is(addResources(once, 'kustomization.yaml', [...added].reverse()), undefined);
    if (k.resources?.length) assert.is(addResources(k.text, 'kustomization.yaml', k.resources.map(bare)), undefined);
  }), params);
});

writer('a new kustomization lists exactly the resources and the namespace it is given', () => {
  const safeNamespace = dnsLabel().filter((ns) => parse(ns) === ns && parse(ns, { version: '1.1' }) === ns);
  fc.assert(fc.property(fc.uniqueArray(resourcePath(), { minLength: 1, maxLength: 5 }), fc.option(safeNamespace), (resources, ns) => {
    const text = newKustomization(resources, ns ?? undefined);
    const parsed = parse(text);
    assert.is(parsed.kind, 'Kustomization');
    assert.is(parsed.namespace, ns ?? undefined);
    assert.equal(parsed.resources ?? [], resources);
    const more = addResources(text, 'k', ['extra-entry.yaml']);
    assert.equal(parse(more!).resources, [...resources, 'extra-entry.yaml']);
  }), params);
});

writer.run();

// Bugs these properties found in plugin/gitops/kustomization.ts (now fixed), kept as properties.
const bugs = suite('property: valid kustomizations the writer once broke (ambiguous scalars, flow lists, an empty resources:)');

bugs('addResources quotes an entry YAML reads as a number, boolean or null (a folder "123", "yes")', () => {
  // `kubectl iot create project -n 123 --gitops-dir .` registers the folder 123 as `- 123`; kustomize then fails:
  // "json: cannot unmarshal number into Go struct field Kustomization.resources of type string" (bool for yes/on).
  // Flow lists go through the yaml package, which quotes; block lists and new keys get the entry bare.
  fc.assert(fc.property(kustomizationText().filter((k) => !k.flow), yamlAmbiguousName(), (k, entry) => {
    const output = addResources(k.text, 'kustomization.yaml', [entry]) ?? k.text;
    for (const version of ['1.2', '1.1'] as const) {
      const resources: unknown[] = parse(output, { version }).resources;
      assert.ok(resources.includes(entry), `YAML ${version} reads ${JSON.stringify(entry)} back as a string`);
    }
  }), params);
});

bugs('newKustomization quotes a namespace or entry YAML reads as a number, boolean or null', () => {
  // scaffold writes newKustomization([namespace]) and newKustomization([...], namespace) for `init`.
  fc.assert(fc.property(yamlAmbiguousName(), fc.option(yamlAmbiguousName()), (entry, ns) => {
    for (const version of ['1.2', '1.1'] as const) {
      const parsed = parse(newKustomization([entry], ns ?? undefined), { version });
      assert.equal([parsed.resources, parsed.namespace], [[entry], ns ?? undefined], `as YAML ${version}`);
    }
  }), params);
});

bugs('with a flow list ([a, b]) every line outside the resources entry stays byte for byte', () => {
  // The flow branch re-prints the whole document with the yaml package: spacing before comments, flow maps
  // elsewhere ({team: iot} -> { team: iot }) and the list's own layout change, against addResources' promise.
  fc.assert(fc.property(withAdditions(kustomizationText().filter((k) => k.flow)), ({ k, added }) => {
    if (missing(k, added).length === 0) return;
    const output = addResources(k.text, 'kustomization.yaml', added)!;
    const doc = parseDocument(k.text);
    const pair = (doc.contents as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === 'resources')!;
    const [from, to] = [(pair.key as Scalar).range![0], (pair.value as Scalar).range![1]];
    const firstLine = k.text.slice(0, from).split('\n').length - 1;
    const lastLine = k.text.slice(0, to).split('\n').length - 1;
    const outside = k.text.split('\n').filter((_, i) => i < firstLine || i > lastLine);
    const after = output.split('\n');
    let j = 0;
    for (const line of outside) {
      while (j < after.length && after[j] !== line) j++;
      assert.ok(j < after.length, `line ${JSON.stringify(line)} kept as it was`);
      j++;
    }
  }), params);
});

bugs('an empty `resources:` (null, which kustomize accepts) gains the entries instead of an error', () => {
  const empty = kustomizationText().filter((k) => k.resources === undefined).chain((k) =>
    fc.tuple(fc.constant(k), fc.constantFrom('resources:', 'resources: # none yet', 'resources: ~', 'resources: null')));
  fc.assert(fc.property(empty, fc.uniqueArray(resourcePath(), { minLength: 1, maxLength: 3 }), ([k, key], added) => {
    const text = `${key}\n${k.text}`;
    let output: string | undefined;
    try {
      output = addResources(text, 'kustomization.yaml', added);
    } catch (error) {
      assert.unreachable(`${JSON.stringify(text)} refused: ${(error as Error).message}`);
    }
    assert.equal(parse(output!).resources, added);
  }), params);
});

bugs.run();
