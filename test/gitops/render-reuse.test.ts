/**
 * The folders a tree's Flux Kustomizations and Argo CD Applications deploy are taken from the tree's own reading
 * (gitops/render-sources.ts readAlready), not read and parsed again: the expanded inventory is the one a second
 * reading gives, on random trees (target namespaces, substitutions, objects with and without a namespace, files two
 * sources deploy, sources that overlap), and objects kept as JSON text stay so where landing changes nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { gitopsExpander, type GitopsResult } from '../../plugin/gitops/render-sources';
import { readBatch } from '../../plugin/gitops/read';
import { encodeParsed, parseFilesSync } from '../../plugin/gitops/read-file';
import type { KustomizeRunner } from '../../plugin/gitops/kustomize';
import { EncodedObject } from '../../plugin/policy/encoded';
import { PARAMS } from '../helpers/arbitraries';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const noKustomize: KustomizeRunner = () => Promise.reject(new Error('no kustomization in these trees'));

/** Enough files that the walk parses them as worker threads do (objects as JSON text), here in this thread. */
const FILLER_FILES = 64;

interface Source {
  kind: 'flux' | 'argocd';
  folder: number;
  targetNamespace?: string;
  substitute?: boolean;
  recurse?: boolean;
}

interface Tree {
  files: { folder: number; sub: boolean; namespace?: string; variable: boolean }[];
  sources: Source[];
}

const FOLDERS = ['apps/a', 'apps/b', 'tenants'];

const tree: fc.Arbitrary<Tree> = fc.record({
  files: fc.array(fc.record({
    folder: fc.nat({ max: FOLDERS.length - 1 }), sub: fc.boolean(),
    namespace: fc.option(fc.constantFrom('ns1', 'ns2'), { nil: undefined }), variable: fc.boolean(),
  }), { minLength: 1, maxLength: 8 }),
  sources: fc.array(fc.record({
    kind: fc.constantFrom('flux' as const, 'argocd' as const), folder: fc.nat({ max: FOLDERS.length - 1 }),
    targetNamespace: fc.option(fc.constantFrom('ns1', 'ns3'), { nil: undefined }), substitute: fc.boolean(), recurse: fc.boolean(),
  }), { minLength: 1, maxLength: 3 }),
});

function sourceYaml(source: Source, n: number): string {
  const path = FOLDERS[source.folder];
  if (source.kind === 'flux') {
    return `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: s${n}\n  namespace: flux-system\n` +
      `spec:\n  interval: 10m\n  path: ./${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n` +
      (source.targetNamespace ? `  targetNamespace: ${source.targetNamespace}\n` : '') +
      (source.substitute ? '  postBuild:\n    substitute:\n      project: iot9\n' : '');
  }
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: s${n}\n  namespace: argocd\nspec:\n  project: default\n` +
    `  source:\n    repoURL: https://git.example.com/platform/iot.git\n    path: ${path}\n` +
    (source.recurse ? '    directory:\n      recurse: true\n' : '') +
    `  destination:\n    server: https://kubernetes.default.svc\n    namespace: ${source.targetNamespace ?? 'ns4'}\n`;
}

function write(dir: string, { files, sources }: Tree): void {
  const content: Record<string, string> = {
    'clusters/sync.yaml': [
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\n' +
      'spec:\n  interval: 5m\n  url: https://git.example.com/platform/iot.git\n',
      ...sources.map(sourceYaml)].join('---\n'),
  };
  files.forEach((file, n) => {
    const name = file.variable ? `iot-\${project}-${n}` : `iot${n}`;
    content[`${FOLDERS[file.folder]}/${file.sub ? 'sub/' : ''}f${n}.yaml`] =
      `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n` +
      (file.namespace ? `  namespace: ${file.namespace}\n` : '') + 'spec: {}\n---\n' +
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${n}\ndata:\n  text: "costs \${price}"\n`;
  });
  for (let n = 0; n < FILLER_FILES; n++) content[`other/filler-${n}.yaml`] = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: filler-${n}\n`;
  writeTree(dir, content);
}

/** The tree's batch as check reads it (objects as JSON text), expanded with or without the reuse. */
async function expanded(dir: string, reread: boolean) {
  const options = { defaultNamespace: 'default', relativeTo: dir, kustomize: noKustomize };
  const batch = await readBatch([dir], { ...options, parallel: () => async (files) => parseFilesSync(files).map(encodeParsed) });
  assert.ok(batch.entries.some((e) => e.located instanceof EncodedObject), 'the walk kept objects as text');
  const result: GitopsResult = { unchecked: [] };
  const expand = gitopsExpander({ repository: { root: dir, urls: new Set(['git.example.com/platform/iot']) }, ...options, reread }, result);
  const out = await expand(batch);
  return {
    entries: out.entries.map((e) => ({ object: e.located.object, source: e.located.source, origin: e.origin, position: e.position })),
    problems: out.problems, unchecked: result.unchecked,
  };
}

const test = suite('render-sources: deployed folders come from the tree\'s reading');

test('random trees: the expanded inventory equals a second reading of every source', async () => {
  await fc.assert(fc.asyncProperty(tree, async (t) => {
    const tmp = tempDir();
    try {
      write(tmp.dir, t);
      assert.equal(await expanded(tmp.dir, false), await expanded(tmp.dir, true));
    } finally {
      tmp.cleanup();
    }
  }), { ...PARAMS, numRuns: 60 });
});

test('objects whose landing changes nothing stay JSON text; moved or substituted ones are parsed and changed', async () => {
  const tmp = tempDir();
  try {
    write(tmp.dir, {
      files: [{ folder: 0, sub: false, namespace: 'ns1', variable: false }, { folder: 1, sub: false, namespace: 'ns1', variable: true }],
      sources: [{ kind: 'flux', folder: 0 }, { kind: 'flux', folder: 1, targetNamespace: 'ns3', substitute: true }],
    });
    const options = { defaultNamespace: 'default', relativeTo: tmp.dir, kustomize: noKustomize };
    const batch = await readBatch([tmp.dir], { ...options, parallel: () => async (files) => parseFilesSync(files).map(encodeParsed) });
    const out = await gitopsExpander({ repository: { root: tmp.dir, urls: new Set() }, ...options }, { unchecked: [] })(batch);
    const of = (file: string) => out.entries.filter((e) => e.located.source.file === file).map((e) => e.located);
    for (const located of of('apps/a/f0.yaml')) assert.ok(located instanceof EncodedObject && located.json !== undefined, 'kept as text');
    // Unchanged: the tree's own entries, not a second entry (and origin string) per object; changed: new entries,
    // the tree's left as read.
    const mine = (file: string) => batch.entries.filter((e) => e.located.source.file === file);
    const theirs = (file: string) => out.entries.filter((e) => e.located.source.file === file);
    const before = mine('apps/b/f1.yaml').map((e) => (e.located as EncodedObject).json);
    assert.ok(mine('apps/a/f0.yaml').length > 0 && theirs('apps/a/f0.yaml').every((e, i) => e === mine('apps/a/f0.yaml')[i]), 'shared entries');
    assert.ok(theirs('apps/b/f1.yaml').every((e) => !mine('apps/b/f1.yaml').includes(e)), 'new entries where landing changes objects');
    const moved = of('apps/b/f1.yaml');
    // The model object moves to the target namespace (other kinds do not matter to the pack and keep theirs).
    assert.equal(moved.map((l) => [l.object.metadata.namespace, l.object.metadata.name]), [['ns3', 'iot-iot9-1'], [undefined, 'c1']]);
    // ConfigMap data with an unset variable: substituted to empty, as Flux does.
    assert.equal((moved[1].object as unknown as { data: { text: string } }).data.text, 'costs ');
    assert.equal(mine('apps/b/f1.yaml').map((e) => (e.located as EncodedObject).json), before, 'the tree\'s objects unchanged');
  } finally {
    tmp.cleanup();
  }
});

test.run();
