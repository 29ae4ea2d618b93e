/**
 * Bad input fails closed: every case of test/fixtures/bad (one file or folder each, plus large and special files
 * generated into a temporary folder) runs through the built binary as `kubectl iot check -o json CASE`, with
 * the heap capped at 256 MB and a 10 s deadline. A rejected case exits 2 with nothing on stdout and one
 * `error: FILE:LINE: reason` line per problem on stderr; an accepted one exits 0 or 1 with its report. Neither
 * prints a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LIMITS } from '../../plugin/gitops/limits';
import { BIN, nodeFor, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const BAD = join(ROOT, 'test', 'fixtures', 'bad');
const HEAP_MB = 256;
const DEADLINE_MS = 10_000;

interface Case {
  /** The paths given to check: fixtures (relative to test/fixtures/bad), or what `generate` wrote. */
  args: string[];
  code: 0 | 1 | 2;
  /** Exit 2: each must match a line of stderr (which has only `error: ` lines). */
  errors?: RegExp[];
  /** Exit 2: exactly this many lines on stderr (default: as many as `errors`). */
  lines?: number;
  /** Exit 0 or 1: the report's summary.resources. */
  resources?: number;
  /** Writes the case into the temporary folder (the working directory of the run) and returns its paths. */
  generate?: (dir: string) => string[];
  input?: string | Buffer;
  /** Run as an unprivileged user (when the tests run as root, who reads any file). */
  unprivileged?: boolean;
}

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const configMap = (name: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ns1\ndata:\n${data}`;
const write = (dir: string, name: string, data: string | Buffer) => {
  writeFileSync(join(dir, name), data);
  return [name];
};
const folder = (dir: string, name: string, files: Record<string, string>) => {
  mkdirSync(join(dir, name), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, name, file), text);
  return join(dir, name);
};
const DUP = 'kubectl and kustomize reject duplicate keys';
const NEEDS = 'a Kubernetes object needs apiVersion, kind and metadata.name';
const NOT_MANIFEST = 'not a YAML or JSON manifest';

const CASES: Record<string, Case> = {
  // ---- binary content and encodings
  'a binary file named on the command line': { args: ['binary-file.bin'], code: 2, errors: [/^error: binary-file\.bin:1: an ELF executable, not a YAML or JSON manifest$/] },
  'random bytes named on the command line': { args: ['random-bytes.dat'], code: 2, errors: [/^error: random-bytes\.dat:1: binary content \(a NUL byte\)/] },
  'an image named on the command line': { args: ['image.png'], code: 2, errors: [/^error: image\.png:1: a PNG image, not a YAML or JSON manifest$/] },
  'a .yaml that is gzip data': { args: ['gzip-named-yaml.yaml'], code: 2, errors: [/^error: gzip-named-yaml\.yaml:1: gzip-compressed data, not a YAML or JSON manifest$/] },
  'invalid UTF-8 (Latin-1) bytes': { args: ['invalid-utf8.yaml'], code: 2, errors: [/^error: invalid-utf8\.yaml:6: invalid UTF-8 \(byte 0xe9\); manifests must be UTF-8 text$/] },
  'NUL bytes in a manifest': { args: ['nul-bytes.yaml'], code: 2, errors: [/^error: nul-bytes\.yaml:4: binary content \(a NUL byte\), not a YAML or JSON manifest$/] },
  'a control character YAML does not allow': { args: ['control-character.yaml'], code: 2, errors: [/^error: control-character\.yaml:6: a control character \(U\+0007\) that YAML does not allow/] },
  'a binary file with a manifest extension in a folder': { args: ['binary-in-folder'], code: 2, errors: [/^error: blob\.yaml:1: binary content \(a NUL byte\)/] },
  'binary content on stdin': { args: ['-'], input: Buffer.from('apiVersion: v1\nkind: Namespace\0\n'), code: 2, errors: [/^error: stdin:2: binary content \(a NUL byte\)/] },
  // ---- documents that are not Kubernetes objects
  'a document that is a scalar': { args: ['scalar-document.yaml'], code: 2, errors: [/^error: scalar-document\.yaml:1: the document is a string \("just a sentence, not a manifest"\), not a mapping \(a Kubernetes object\)$/] },
  'a document that is a sequence': { args: ['sequence-document.yaml'], code: 2, errors: [/^error: sequence-document\.yaml:1: the document is a sequence, not a mapping/] },
  'a number between two objects': { args: ['number-in-stream.yaml'], code: 2, errors: [/^error: number-in-stream\.yaml:6: the document is a number \(42\), not a mapping/] },
  'metadata but no kind': { args: ['missing-kind.yaml'], code: 2, errors: [new RegExp(`^error: missing-kind\\.yaml:1: kind is missing; ${NEEDS}$`)] },
  'no apiVersion': { args: ['missing-apiversion.yaml'], code: 2, errors: [/^error: missing-apiversion\.yaml:1: apiVersion is missing;/] },
  'no metadata': { args: ['missing-metadata.yaml'], code: 2, errors: [/^error: missing-metadata\.yaml:1: metadata is missing;/] },
  'metadata without a name': { args: ['missing-name.yaml'], code: 2, errors: [/^error: missing-name\.yaml:1: metadata\.name is missing;/] },
  'generateName instead of a name (kubectl create only)': { args: ['generate-name.yaml'], code: 2, errors: [/^error: generate-name\.yaml:1: metadata\.name is missing \(metadata\.generateName works only with kubectl create; kubectl apply and GitOps tools need a name\)$/] },
  'a name that is a number': { args: ['name-not-a-string.yaml'], code: 2, errors: [/^error: name-not-a-string\.yaml:1: metadata\.name is a number \(1234\), not a string$/] },
  'a List with a bad item and a scalar item': {
    args: ['list-with-bad-item.yaml'], code: 2,
    errors: [/^error: list-with-bad-item\.yaml:1: items\[1\]: apiVersion is missing;/, /^error: list-with-bad-item\.yaml:1: items\[2\] is a string/],
  },
  'a List whose items are a mapping': { args: ['list-items-not-a-sequence.yaml'], code: 2, errors: [/^error: list-items-not-a-sequence\.yaml:1: the items of the List are a mapping, not a sequence$/] },
  'a complex (sequence) key': { args: ['complex-key.yaml'], code: 2, errors: [/^error: complex-key\.yaml:6: a key that is a sequence; kubectl accepts only scalar keys$/] },
  // ---- duplicate keys, on every reader
  'a duplicate key (js-yaml path)': { args: ['duplicate-key.yaml'], code: 2, errors: [new RegExp(`^error: duplicate-key\\.yaml:5: duplicate key "name" \\(first at line 4\\); ${DUP}$`)] },
  'a duplicate key deep in spec': { args: ['duplicate-key-deep.yaml'], code: 2, errors: [/^error: duplicate-key-deep\.yaml:15: duplicate key "url" \(first at line 13\)/] },
  'a duplicate key in a flow mapping': { args: ['duplicate-key-flow.yaml'], code: 2, errors: [/^error: duplicate-key-flow\.yaml:3: duplicate key "name"/] },
  'a duplicate key in an anchored mapping (careful path)': { args: ['duplicate-key-anchored.yaml'], code: 2, errors: [/^error: duplicate-key-anchored\.yaml:7: duplicate key "app" \(first at line 6\)/] },
  'a duplicate key in JSON (JSON.parse path)': { args: ['duplicate-key.json'], code: 2, errors: [/^error: duplicate-key\.json:6: duplicate key "a" \(first at line 6\)/] },
  // ---- the same object defined twice
  'one object in two files': { args: ['duplicate-object'], code: 2, errors: [/^error: b\.yaml:2: IoTProject ns1\/iot1 is also defined at a\.yaml:1; define each object once$/] },
  'an object and its later kind name (IoTTenant = IoTProject)': { args: ['duplicate-aliased-kind'], code: 2, errors: [/^error: tenant\.yaml:1: IoTTenant ns1\/iot1 is also defined at project\.yaml:1, as IoTProject \(the same kind under another name\)/] },
  'one object twice in one file': { args: ['duplicate-in-one-file.yaml'], code: 2, errors: [/^error: duplicate-in-one-file\.yaml:7: MessagingTenant ns1\/default is also defined at duplicate-in-one-file\.yaml:1;/] },
  'the same object once the default namespace is applied': { args: ['duplicate-after-defaulting'], code: 2, errors: [/^error: implicit\.yaml:1: IoTProject default\/iot1 is also defined at explicit\.yaml:1;/] },
  // ---- malformed YAML and hostile structure
  'malformed YAML': { args: ['malformed.yaml'], code: 2, errors: [/^error: malformed\.yaml:4: malformed YAML: /] },
  'tabs as indentation': { args: ['tab-indentation.yaml'], code: 2, errors: [/^error: tab-indentation\.yaml:4: malformed YAML: Tabs are not allowed as indentation$/] },
  'an alias with no anchor': { args: ['unknown-alias.yaml'], code: 2, errors: [/^error: unknown-alias\.yaml:6: the alias \*nowhere names no anchor before it$/] },
  'an alias inside the node it names': { args: ['alias-cycle.yaml'], code: 2, errors: [/^error: alias-cycle\.yaml:6: the alias \*d is inside the node it names \(a cycle\)$/] },
  'an alias bomb (billion laughs)': { args: ['alias-bomb.yaml'], code: 2, errors: [new RegExp(`^error: alias-bomb\\.yaml:1: the alias expansion of this document exceeds the limit of ${LIMITS.aliasNodes} nodes per document`)] },
  'deep flow nesting in YAML': { args: ['deep-nesting.yaml'], code: 2, errors: [new RegExp(`^error: deep-nesting\\.yaml:6: nesting deeper than allowed: exceeds the limit of ${LIMITS.depth} nested`)] },
  'deep nesting in JSON': { args: ['deep-nesting.json'], code: 2, errors: [/^error: deep-nesting\.json:1: nesting deeper than allowed: exceeds the limit of/] },
  'several broken files: every one reported in one run': {
    args: ['many-broken-files'], code: 2,
    errors: [/^error: a-malformed\.yaml:3: malformed YAML/, /^error: b-scalar\.yaml:1: the document is a string/,
      /^error: d-no-kind\.json:1: kind is missing/, /^error: sub\/e-duplicate-key\.yml:5: duplicate key "name"/],
  },
  'broken files in several paths, named relative to the working directory': {
    args: ['scalar-document.yaml', 'many-broken-files', 'duplicate-key.json'], code: 2, lines: 6,
    errors: [/^error: scalar-document\.yaml:1: /, /^error: many-broken-files\/sub\/e-duplicate-key\.yml:5: /, /^error: duplicate-key\.json:6: /],
  },
  // ---- kustomize
  'a kustomization.yaml that is not YAML': { args: ['kustomization-broken'], code: 2, errors: [/^error: kustomization\.yaml:4: malformed YAML: /] },
  'a kustomization listing a missing file': { args: ['kustomization-missing-file'], code: 2, errors: [/^error: kustomization-missing-file: kustomize build failed: resource "gone\.yaml" cannot be read: no such file or directory/] },
  'a kustomize resource with a duplicate key: the file and line, then kustomize\'s message': {
    args: ['kustomization-duplicate-key'], code: 2,
    errors: [/^error: project\.yaml:5: duplicate key "name" \(first at line 4\)/, /^error: kustomization-duplicate-key: kustomize build failed: yaml: unmarshal errors: line 5: mapping key "name" already defined at line 4$/],
  },
  'a kustomize resource that is not an object': {
    args: ['kustomization-bad-resource'], code: 2,
    errors: [/^error: list\.yaml:1: the document is a sequence, not a mapping/, /^error: kustomization-bad-resource: kustomize build failed: resource "list\.yaml": missing Resource metadata$/],
  },

  // ---- accepted
  'a UTF-8 byte-order mark': { args: ['ok-bom.yaml'], code: 0, resources: 1 },
  'UTF-16 with a byte-order mark (as kubectl reads it)': { args: ['ok-utf16.yaml'], code: 0, resources: 1 },
  'CRLF line endings': { args: ['ok-crlf.yaml'], code: 1, resources: 2 },
  'a JSON object': { args: ['ok-object.json'], code: 1, resources: 1 },
  'a JSON List indented with tabs': { args: ['ok-list.json'], code: 0, resources: 2 },
  'a *List kind in YAML': { args: ['ok-list.yaml'], code: 0, resources: 2 },
  'a comment-only file': { args: ['ok-comment-only.yaml'], code: 0, resources: 0 },
  'an empty file': { args: ['ok-empty.yaml'], code: 0, resources: 0 },
  'empty documents and a document end marker': { args: ['ok-empty-documents.yaml'], code: 0, resources: 1 },
  'directives after a document end marker': { args: ['ok-document-end.yaml'], code: 0, resources: 2 },
  'a mapping that is not meant as an object (a values file)': { args: ['ok-not-kubernetes.yaml'], code: 0, resources: 0 },
  'merge keys (<<), a YAML 1.1-ism kubectl accepts': { args: ['ok-merge-keys.yaml'], code: 0, resources: 1 },
  '!!binary, !!str and custom tags': { args: ['ok-tags.yaml'], code: 0, resources: 1 },
  'a %YAML 1.1 directive': { args: ['ok-yaml11.yaml'], code: 0, resources: 1 },
  'tabs inside a block scalar': { args: ['ok-tabs-in-block.yaml'], code: 0, resources: 1 },
  'a folder with README.md, a script, a PNG and a binary next to manifests': { args: ['ok-folder-with-other-files'], code: 1, resources: 3 },
  'a project without its tenant: findings, exit 1': { args: ['ok-findings.yaml'], code: 1, resources: 1 },
  'a folder and a file inside it: the file is read once': { args: ['ok-overlap', 'ok-overlap/project.yaml'], code: 1, resources: 2 },
  'a kustomization and one of its resources: the same definition, not a duplicate': { args: ['ok-kustomize-overlap', 'ok-kustomize-overlap/project.yaml'], code: 1, resources: 2 },

  // ---- generated: large, special or permission-dependent files
  'a huge scalar': {
    code: 2, errors: [new RegExp(`^error: huge-scalar\\.yaml:8: a value of ${2 * 1024 * 1024} characters exceeds the limit of 1 MiB per value`)],
    generate: (dir) => write(dir, 'huge-scalar.yaml', configMap('big', `  a: "1"\n  b: ${'x'.repeat(2 * 1024 * 1024)}\n`)), args: [],
  },
  'a huge document': {
    code: 2, errors: [/^error: huge-document\.yaml:1: a document of \d+ bytes exceeds the limit of 3 MiB per document/],
    generate: (dir) => write(dir, 'huge-document.yaml', configMap('big', Array.from({ length: 4 * 1024 * 16 }, (_, i) => `  key${i}: ${'v'.repeat(48)}\n`).join(''))), args: [],
  },
  'a huge file': {
    code: 2, errors: [/^error: huge-file\.yaml: a file of \d+ bytes exceeds the limit of 32 MiB per file; split it into several files$/],
    generate: (dir) => write(dir, 'huge-file.yaml', Buffer.alloc(LIMITS.fileBytes + 1, '#')), args: [],
  },
  'too many documents': {
    code: 2, errors: [new RegExp(`^error: many-documents\\.yaml:${LIMITS.documents + 1}: the file exceeds the limit of ${LIMITS.documents} documents per file`)],
    generate: (dir) => write(dir, 'many-documents.yaml', '---\n'.repeat(LIMITS.documents + 10)), args: [],
  },
  '20,000 documents within the limits': {
    code: 0, resources: 20_000,
    generate: (dir) => write(dir, 'many-objects.yaml', Array.from({ length: 20_000 }, (_, i) => configMap(`c${i}`, '  a: "1"\n')).join('---\n')), args: [],
  },
  'a document too large for the careful reader': {
    code: 2, errors: [new RegExp(`^error: careful-large\\.yaml:1: a document with anchors, aliases, tags, merge keys or tabs exceeds the limit of ${LIMITS.carefulTokens} lines and values`)],
    generate: (dir) => write(dir, 'careful-large.yaml', configMap('anchored', `  first: &x v\n  again: *x\n${Array.from({ length: 80_000 }, (_, i) => `  k${i}: v\n`).join('')}`)), args: [],
  },
  'the largest document the careful reader takes, in bounded memory': {
    code: 0, resources: 1,
    generate: (dir) => write(dir, 'careful-largest.yaml', configMap('anchored', `  first: &x v\n  again: *x\n${Array.from({ length: LIMITS.carefulTokens / 2 - 10 }, (_, i) => `  k${i}: v\n`).join('')}`)), args: [],
  },
  'deep block nesting': {
    code: 2, errors: [/^error: deep-block\.yaml:\d+: nesting deeper than allowed/],
    generate: (dir) => write(dir, 'deep-block.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n${Array.from({ length: 250 }, (_, i) => `${' '.repeat(i + 1)}k${i}:\n`).join('')}`), args: [],
  },
  'very deep flow nesting (50,000 levels)': {
    code: 2, errors: [/^error: deeper\.yaml:1: nesting deeper than allowed/],
    generate: (dir) => write(dir, 'deeper.yaml', `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`), args: [],
  },
  'more problems than are printed': {
    code: 2, lines: LIMITS.problems + 1, errors: [/^error: many-problems\.yaml:1: the document is a number \(0\)/, /^error: \.\.\. and 50 more problems$/],
    generate: (dir) => write(dir, 'many-problems.yaml', Array.from({ length: LIMITS.problems + 50 }, (_, i) => `${i}\n`).join('---\n')), args: [],
  },
  'a folder with a symbolic link loop (links to folders are not followed)': {
    code: 0, resources: 1,
    generate: (dir) => {
      const tree = folder(dir, 'loop', { 'ns.yaml': ns('looped') });
      symlinkSync('.', join(tree, 'self'));
      symlinkSync('..', join(tree, 'up.yaml'));
      return ['loop'];
    }, args: [],
  },
  'a link to itself named like a manifest': {
    code: 2, errors: [/^error: self\.yaml: too many levels of symbolic links/],
    generate: (dir) => {
      const tree = folder(dir, 'selflink', { 'ns.yaml': ns('a') });
      symlinkSync('self.yaml', join(tree, 'self.yaml'));
      return ['selflink'];
    }, args: [],
  },
  'a broken symbolic link named like a manifest': {
    code: 2, errors: [/^error: gone\.yaml: a broken symbolic link$/],
    generate: (dir) => {
      const tree = folder(dir, 'broken-link', { 'ns.yaml': ns('a') });
      symlinkSync('nowhere.yaml', join(tree, 'gone.yaml'));
      return ['broken-link'];
    }, args: [],
  },
  'a FIFO named like a manifest in a folder (never read, so never hangs)': {
    code: 2, errors: [/^error: pipe\.yaml: not a regular file but a FIFO \(named pipe\)/],
    generate: (dir) => {
      const tree = folder(dir, 'fifo', { 'ns.yaml': ns('a') });
      mkfifo(join(tree, 'pipe.yaml'));
      return ['fifo'];
    }, args: [],
  },
  'a FIFO named on the command line': {
    code: 2, errors: [/^error: named-pipe\.yaml: not a regular file but a FIFO \(named pipe\); refusing to read it \(pipe manifests into - instead\)$/],
    generate: (dir) => {
      mkfifo(join(dir, 'named-pipe.yaml'));
      return ['named-pipe.yaml'];
    }, args: [],
  },
  'an unreadable file': {
    code: 2, unprivileged: true, errors: [/^error: secret\.yaml: permission denied$/],
    generate: (dir) => {
      const tree = folder(dir, 'unreadable', { 'ns.yaml': ns('a'), 'secret.yaml': ns('b') });
      chmodSync(join(tree, 'secret.yaml'), 0o000);
      return ['unreadable'];
    }, args: [],
  },
};

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path}: ${made.stderr}`);
}

const bad = suite('bad input fails closed (built binary, test/fixtures/bad)');
let tmp: ReturnType<typeof tempDir>;
bad.before(() => {
  if (!existsSync(join(ROOT, 'dist', 'kubectl-iot.cjs'))) {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the build failed');
  }
});
bad.before.each(() => {
  tmp = tempDir('kubectl-iot-bad-');
  chmodSync(tmp.dir, 0o755); // an unprivileged run must reach it
});
bad.after.each(() => tmp.cleanup());

bad('the corpus has at least 40 cases, accepted ones included', () => {
  const cases = Object.values(CASES);
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  assert.ok(cases.filter((c) => c.code !== 2).length >= 15);
  for (const c of cases) for (const arg of c.generate ? [] : c.args) if (arg !== '-') assert.ok(existsSync(join(BAD, arg)), arg);
});

for (const [name, c] of Object.entries(CASES)) {
  bad(name, () => {
    const args = c.generate ? c.generate(tmp.dir) : c.args;
    const cwd = c.generate ? tmp.dir : BAD;
    const argv = [`--max-old-space-size=${HEAP_MB}`, BIN, 'check', '-o', 'json', ...args];
    // root reads any file: an unprivileged case runs as nobody (Node sets the ids and drops supplementary groups).
    const user = c.unprivileged && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const start = Date.now();
    const run = spawnSync(nodeFor(user), argv, {
      cwd, input: c.input ?? '', encoding: 'utf8', timeout: DEADLINE_MS, maxBuffer: 64 << 20,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined }, ...user,
    });
    const elapsed = Date.now() - start;
    if (process.env.BAD_INPUT_TIMES) console.log(`${String(elapsed).padStart(6)} ms  ${name}`);
    const said = `exit ${run.status} (${run.signal ?? 'no signal'}) after ${elapsed} ms\nstderr:\n${run.stderr}`;
    assert.not.ok(run.error, `${run.error?.message}: ${said}`); // ETIMEDOUT when over the deadline
    assert.ok(elapsed < DEADLINE_MS, said);
    assert.is(run.status, c.code, said);
    assert.not.match(run.stderr, /^\s{4}at /m, 'a stack trace');
    if (c.code === 2) {
      assert.is(run.stdout, '', 'nothing on stdout');
      const lines = run.stderr.trimEnd().split('\n');
      for (const line of lines) assert.match(line, /^error: \S/, said);
      assert.is(lines.length, c.lines ?? c.errors?.length ?? 1, said);
      for (const pattern of c.errors ?? []) assert.ok(lines.some((line) => pattern.test(line)), `${pattern} in\n${run.stderr}`);
    } else {
      assert.not.match(run.stderr, /^error:/m, said);
      const report = JSON.parse(run.stdout) as { summary: { resources: number; errors: number } };
      assert.is(report.summary.resources, c.resources, said);
      if (c.code === 1) assert.ok(report.summary.errors > 0);
    }
  });
}

bad.run();
