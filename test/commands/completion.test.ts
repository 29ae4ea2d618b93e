/**
 * Shell completion's candidates, computed in-process on the sources (cli.ts's run() with a context, see
 * test/helpers/in-process.ts): `kubectl-iot __complete WORDS...` (what kubectl_complete-iot runs, cobra's format)
 * and yargs' `--get-yargs-completions` request. The candidates come from yargs' declarations, so the tests compare
 * them with the commands' help and the modules' format lists, not with lists of their own. What only the built
 * executable and real shells show (kubectl's plugin completion, bash, fish, zsh, a cluster that never answers) is
 * in completion-shells.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OUTPUT_FORMATS } from '../../plugin/output/formats';
import { EXPORT_FORMATS } from '../../plugin/policy/export';
import { runInProcess } from '../helpers/in-process';
import { kubeconfigFor } from '../helpers/kubeconfig';
import { tempDir } from '../helpers/tmp';

const completion = suite('completion (in-process, on the sources)');
const tmp = tempDir('kubectl-iot-completion-');
const tree = join(tmp.dir, 'tree');
// No cluster unless a test names one.
const NO_CLUSTER = { KUBECONFIG: join(tmp.dir, 'no-kubeconfig'), KUBERNETES_SERVICE_HOST: undefined };

interface Answer {
  values: string[];
  directive: number;
  /** What completion wrote on stderr: the prompt must stay clean. */
  stderr: string;
}

/** `kubectl-iot __complete WORDS...` in this process: the candidates' words and cobra's directive. */
async function complete(words: string[], env: Record<string, string | undefined> = {}): Promise<Answer> {
  const result = await runInProcess(['__complete', ...words], { env: { ...NO_CLUSTER, ...env } });
  assert.is(result.code, 0, result.stderr);
  const lines = result.stdout.split('\n').filter(Boolean);
  const last = lines.pop() ?? '';
  assert.match(last, /^:\d+$/, 'the last line is the directive');
  return { values: lines.map((line) => line.split('\t')[0]), directive: Number(last.slice(1)), stderr: result.stderr };
}

const values = async (words: string[], env?: Record<string, string | undefined>) => (await complete(words, env)).values;
const sorted = (list: readonly string[]) => [...list].sort();

const kubeconfig = (server: string) => kubeconfigFor(server, tmp.dir);

completion.before(async () => {
  const init = await runInProcess(['init', tree, '-n', 'ns1']);
  assert.is(init.code, 0, init.stderr);
});

completion.after(() => tmp.cleanup());

completion('yargs\' request is answered on the context\'s stdout; ZSH_NAME of the context\'s env asks for descriptions', async () => {
  const plain = await runInProcess(['--get-yargs-completions', 'kubectl-iot', 'cre'], { env: { SHELL: '/bin/bash', ZSH_NAME: undefined } });
  assert.equal([plain.code, plain.stdout, plain.stderr], [0, 'create\n', '']);
  const zsh = await runInProcess(['--get-yargs-completions', 'kubectl-iot', 'cre'], { env: { ZSH_NAME: 'zsh' } });
  assert.match(zsh.stdout, /^create:Generate IoT projects/);
  // The shell variables yargs reads from the process are set only while the parser is built, then restored.
  assert.is(process.env.ZSH_NAME, undefined);
});

completion('completion bash|zsh|fish|powershell print scripts (bash was an unknown argument); an unknown shell is exit 2', async () => {
  const scripts: Record<string, string> = {};
  for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
    const { code, stdout, stderr } = await runInProcess(['completion', shell]);
    assert.is(code, 0, stderr);
    scripts[shell] = stdout;
  }
  assert.match(scripts.bash, /complete -o bashdefault -o default -F _kubectl-iot_yargs_completions kubectl-iot/);
  assert.match(scripts.bash, /\$\(SHELL=bash ZSH_NAME= kubectl-iot --get-yargs-completions/);
  assert.match(scripts.zsh, /^#compdef kubectl-iot/);
  assert.match(scripts.zsh, /ZSH_NAME=zsh COMP_CWORD=/);
  assert.match(scripts.fish, /complete -c kubectl-iot -f -a '\(__kubectl_iot_complete\)'/);
  assert.match(scripts.powershell, /Register-ArgumentCompleter -Native -CommandName 'kubectl-iot'/);
  assert.is(spawnSync('bash', ['-n'], { input: scripts.bash }).status, 0, 'the bash script parses');
  const bad = await runInProcess(['completion', 'nushell']);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, 'error: unknown command "nushell" for "kubectl iot completion"\nSee \'kubectl iot completion --help\' for usage.\n');
});

completion('kubectl iot <TAB>: every command of the help, then subcommands, with descriptions and no file names', async () => {
  const help = (await runInProcess(['--help'])).stdout;
  const commands = [...help.matchAll(/^ {2}kubectl iot ([a-z-]+)/gm)].map((m) => m[1]);
  assert.ok(commands.length >= 10, help);
  const top = await complete(['']);
  assert.equal(sorted(top.values), sorted(commands));
  assert.equal([top.directive, top.stderr], [4, '']);
  assert.equal(await values(['cr']), ['create']);
  assert.equal(sorted(await values(['create', ''])), ['infrastructure', 'messaging-infrastructure', 'project', 'tenant']);
  assert.equal(await values(['create', 'pro']), ['project'], 'a subcommand being typed (yargs\' inner parse)');
  assert.equal(sorted(await values(['policies', ''])), ['export', 'list']);
  assert.equal(sorted(await values(['completion', ''])), ['bash', 'fish', 'install', 'powershell', 'zsh']);
  assert.equal(await values(['recreate', '']), ['project']);
  assert.match((await runInProcess(['__complete', 'cre'])).stdout, /^create\tGenerate IoT projects/);
});

completion('flags once a dash is typed: the command\'s own and the global ones', async () => {
  const flags = await values(['create', 'project', 'iot1', '--']);
  for (const flag of ['--gitops-dir', '--apply', '--dry-run', '--create-tenant', '--namespace', '--output']) {
    assert.ok(flags.includes(flag), flag);
  }
  assert.not.ok(flags.includes('--fail-on'), 'check\'s flags are not create\'s');
  assert.not.ok((await values(['create', 'project', 'iot1', ''])).some((v) => v.startsWith('-')), 'no flags for a word');
});

completion('flag values come from the option definitions: -o per command, --engine, --format, --fail-on, --dry-run', async () => {
  assert.equal(await values(['status', '-o', '']), ['text', 'json', 'yaml']);
  assert.equal(await values(['version', '--output', 'j']), ['json']);
  assert.equal(await values(['create', 'project', 'iot1', '--output=']), ['--output=yaml', '--output=json']);
  assert.equal(await values(['init', 'dir', '--engine', '']), ['argocd', 'flux']);
  assert.equal(await values(['policies', 'export', '--format', '']), [...EXPORT_FORMATS]);
  assert.equal(await values(['check', '--fail-on', '']), ['error', 'warning']);
  assert.equal(await values(['create', 'tenant', '--apply', '--dry-run', '']), ['none', 'server']);
  assert.equal(await values(['check', '-o', '']), [...OUTPUT_FORMATS]);
  assert.is((await complete(['check', '--fail-on', ''])).directive, 4);
  // A flag without choices or a source (a path) leaves the shell to complete file names.
  assert.equal(await complete(['create', 'project', 'iot1', '--gitops-dir', '']), { values: [], directive: 0, stderr: '' });
});

completion('positionals: file names for check, folders for init and export, kinds for delete and rename', async () => {
  assert.equal(await complete(['check', '']), { values: [], directive: 0, stderr: '' });
  assert.is((await complete(['init', ''])).directive, 16);
  assert.is((await complete(['policies', 'export', '--format', 'wasm', ''])).directive, 16);
  assert.ok((await values(['delete', ''])).includes('messagingaddress'));
  const renamable = await values(['rename', 'iot']);
  assert.ok(renamable.includes('iotproject') && renamable.includes('iotconfig'), renamable.join(' '));
  assert.not.ok(renamable.some((k) => k.startsWith('messaging')), 'rename knows no messaging address');
});

completion('namespaces and object names from --gitops-dir, read as check reads the tree', async () => {
  assert.equal(await values(['create', 'project', 'iot2', '--gitops-dir', tree, '-n', '']), ['enmasse-infra', 'ns1']);
  assert.equal(await values(['delete', 'iotproject', '--gitops-dir', tree, '-n', 'ns1', '']), ['iot1']);
  assert.equal(await values(['rename', 'iotconfig', '--gitops-dir', tree, '-n', 'enmasse-infra', '']), ['default']);
  assert.equal(await values(['delete', 'iotproject', '--gitops-dir', tree, '-n', 'elsewhere', '']), []);
  assert.equal(await complete(['delete', 'iotproject', '--gitops-dir', join(tmp.dir, 'missing'), '-n', 'ns1', '']),
    { values: [], directive: 4, stderr: '' }, 'a missing tree completes nothing, silently');
});

completion('the tree is rendered with the kubectl of the context\'s KUBECTL', async () => {
  const log = join(tmp.dir, 'kubectl.log');
  const logged = join(tmp.dir, 'kubectl-logged');
  writeFileSync(logged, `#!/bin/sh\necho "$@" >> '${log}'\nexec kubectl "$@"\n`, { mode: 0o755 });
  assert.equal(await values(['delete', 'iotproject', '--gitops-dir', tree, '-n', 'ns1', ''], { KUBECTL: logged }), ['iot1']);
  assert.match(readFileSync(log, 'utf8'), /^kustomize --enable-helm --load-restrictor LoadRestrictionsNone /);
});

completion('--context completes the contexts of the context\'s KUBECONFIG; a closed port completes nothing, silently', async () => {
  const file = kubeconfig('https://127.0.0.1:1');
  assert.equal(await values(['status', '--context', ''], { KUBECONFIG: file }), ['c']);
  assert.equal(await complete(['status', 'project', ''], { KUBECONFIG: file }), { values: [], directive: 4, stderr: '' });
});

completion('completion install writes kubectl_complete-iot beside the kubectl-iot on the context\'s PATH', async () => {
  const bin = join(tmp.dir, 'krew-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'kubectl-iot'), '#!/bin/sh\n', { mode: 0o755 });
  const result = await runInProcess(['completion', 'install'], { env: { PATH: `${bin}${delimiter}${process.env.PATH}` } });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, new RegExp(`^wrote ${join(bin, 'kubectl_complete-iot')}: `));
  assert.match(readFileSync(join(bin, 'kubectl_complete-iot'), 'utf8'), /^exec kubectl-iot __complete "\$@"$/m);
});

completion.run();
