/**
 * Shell completion as users meet it, through the built executable: `kubectl iot <TAB>` through the real kubectl's
 * plugin completion (`kubectl __complete iot ...` runs kubectl_complete-iot from PATH), kubectl's and kubectl-iot's
 * own bash scripts in a real bash (COMP_WORDS in, COMPREPLY out), fish's `complete -C` and zsh's line editor, and a
 * cluster that never answers (the process must still end at the lookup timeout). The candidates themselves are
 * tested in-process in completion.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { underCi } from '../helpers/ci';
import { BIN, ROOT, runCli } from '../helpers/cli';
import { kubeconfigFor } from '../helpers/kubeconfig';

const completion = suite('completion through the built binary (kubectl, bash, fish, zsh)');

const tmp = mkdtempSync(join(tmpdir(), 'kubectl-iot-completion-'));
const links = join(tmp, 'bin');
const tree = join(tmp, 'tree');
const kubectlDir = (process.env.PATH ?? '').split(delimiter).find((d) => existsSync(join(d, 'kubectl')));
const env = (dirs: string[], extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: [...dirs, dirname(process.execPath), ...(kubectlDir ? [kubectlDir] : []), '/usr/bin', '/bin'].join(delimiter),
  HOME: tmp,
  // No cluster unless a test names one; the V8 cache of the launcher stays where it was.
  KUBECONFIG: join(tmp, 'no-kubeconfig'),
  XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  ...extra,
});

const kubeconfig = (server: string) => kubeconfigFor(server, tmp);

interface Answer {
  values: string[];
  directive: number;
  /** What kubectl-iot wrote on stderr (kubectl's own debug lines removed): the prompt must stay clean. */
  stderr: string[];
}

/** `kubectl __complete iot WORDS...`: what kubectl offers for `kubectl iot WORDS<TAB>`. */
function viaKubectl(words: string[], extra: Record<string, string> = {}, dirs = [links]): Answer {
  const result = spawnSync('kubectl', ['__complete', 'iot', ...words], { env: env(dirs, extra), encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  return answer(result.stdout, result.stderr);
}

/** `kubectl-iot __complete WORDS...`, which kubectl_complete-iot runs. */
function direct(words: string[], extra: Record<string, string> = {}): Answer {
  const result = spawnSync(process.execPath, [BIN, '__complete', ...words], { env: env([links], extra), encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  return answer(result.stdout, result.stderr);
}

function answer(stdout: string, stderr: string): Answer {
  const lines = stdout.split('\n').filter(Boolean);
  const last = lines.pop() ?? '';
  assert.match(last, /^:\d+$/, 'the last line is the directive');
  return {
    values: lines.map((line) => line.split('\t')[0]),
    directive: Number(last.slice(1)),
    stderr: stderr.split('\n').filter((l) => l !== '' && !/^\[Debug\]|^Completion ended with directive/.test(l)),
  };
}

/** Runs a bash script in a real bash with the temporary PATH; stdout. */
function bash(script: string, extra: Record<string, string> = {}): string {
  const result = spawnSync('bash', ['-c', script], { env: env([links], extra), encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  return result.stdout;
}

const sorted = (values: readonly string[]) => [...values].sort();
const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';
const fish = spawnSync('fish', ['--version']).status === 0;
const zsh = spawnSync('zsh', ['--version']).status === 0;

/** The test; outside CI, when its tool is missing, registered as skipped (CI installs it: scripts/tools.d/shells.sh). */
function withTool(present: boolean, name: string, reason: string, fn: () => void): void {
  if (present || underCi()) completion(name, fn);
  else completion.skip(`${name} (skipped: ${reason})`, fn);
}

completion.before(() => {
  mkdirSync(links);
  symlinkSync(BIN, join(links, 'kubectl-iot'));
  symlinkSync(join(ROOT, 'bin', 'kubectl_complete-iot'), join(links, 'kubectl_complete-iot'));
  const init = runCli(['init', tree, '-n', 'ns1']);
  assert.is(init.code, 0, init.stderr);
});

completion.after(() => rmSync(tmp, { recursive: true, force: true }));

completion('kubectl iot <TAB> through kubectl: commands with descriptions, flag values, names from --gitops-dir', () => {
  const top = viaKubectl(['']);
  assert.ok(top.values.includes('create') && top.values.includes('check'), top.values.join(' '));
  assert.equal([top.directive, top.stderr], [4, []]);
  const described = spawnSync('kubectl', ['__complete', 'iot', 'cre'], { env: env([links]), encoding: 'utf8' }).stdout;
  assert.match(described, /^create\tGenerate IoT projects/);
  assert.equal(viaKubectl(['status', '-o', '']).values, ['text', 'json', 'yaml']);
  assert.equal(viaKubectl(['delete', 'iotproject', '--gitops-dir', tree, '-n', 'ns1', '']).values, ['iot1']);
});

completion('a cluster that does not answer completes nothing, silently, within the lookup timeout', async () => {
  // The server accepts connections (the kernel does, even while spawnSync blocks this process) and never answers.
  const server: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const silent = kubeconfig(`https://127.0.0.1:${port}`);
    const started = Date.now();
    assert.equal(direct(['status', '-n', ''], { KUBECONFIG: silent }), { values: [], directive: 4, stderr: [] });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3500, `${elapsed} ms`);
    assert.ok(elapsed >= 1900, `${elapsed} ms: it waited for the cluster`);
  } finally {
    server.close();
  }
  const closed = kubeconfig(`https://127.0.0.1:${port}`);
  assert.equal(direct(['status', 'project', ''], { KUBECONFIG: closed }), { values: [], directive: 4, stderr: [] });
});


completion('the npm package links bin/kubectl_complete-iot onto PATH beside kubectl-iot', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
  assert.is(pkg.bin['kubectl_complete-iot'], 'bin/kubectl_complete-iot');
  assert.ok(pkg.files.includes('bin/'));
  assert.ok(statSync(join(ROOT, 'bin', 'kubectl_complete-iot')).mode & 0o111, 'executable');
});

completion('kubectl iot completion install writes kubectl_complete-iot beside the plugin on PATH, and kubectl runs it', () => {
  const krewBin = join(tmp, 'krew-bin');
  mkdirSync(krewBin);
  symlinkSync(BIN, join(krewBin, 'kubectl-iot'));
  const installed = spawnSync('kubectl', ['iot', 'completion', 'install'], { env: env([krewBin]), encoding: 'utf8' });
  assert.is(installed.status, 0, installed.stderr);
  const file = join(krewBin, 'kubectl_complete-iot');
  assert.match(installed.stderr, new RegExp(`^wrote ${file}: `));
  assert.ok(statSync(file).mode & 0o111, 'executable');
  assert.equal(viaKubectl(['cre'], {}, [krewBin]).values, ['create']);
  assert.equal(viaKubectl(['status', '-o', ''], {}, [krewBin]).values, ['text', 'json', 'yaml']);
});

withTool(existsSync(BASH_COMPLETION), 'bash: kubectl\'s own completion script completes kubectl iot (bash-completion loaded)',
  'bash-completion is not installed: scripts/install-tools.sh shells', () => {
  const reply = (line: string) => bash(`source ${BASH_COMPLETION}; source <(kubectl completion bash) 2>/dev/null
    COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; read -ra COMP_WORDS <<< "$COMP_LINE"
    [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=('')
    COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
    __start_kubectl kubectl 2>/dev/null; printf '%s\\n' "\${COMPREPLY[@]}"`).split('\n').filter(Boolean);
  assert.equal(reply('kubectl iot create pro'), ['project']);
  assert.equal(reply('kubectl iot status -o '), ['text', 'json', 'yaml']);
  assert.equal(reply(`kubectl iot delete iotproject --gitops-dir ${tree} -n ns1 `), ['iot1']);
});

completion("bash: kubectl-iot's own script (yargs') completes kubectl-iot, also in a bash started from zsh", () => {
  // SHELL=zsh would make yargs answer `word:description`, which bash would offer as it is.
  const reply = (words: string[]) => bash(`source <(kubectl-iot completion bash)
    COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
    _kubectl-iot_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`, { SHELL: '/bin/zsh' }).split('\n').filter(Boolean);
  assert.equal(reply(['kubectl-iot', 'cre']), ['create']);
  assert.equal(reply(['kubectl-iot', 'status', '-o', 'j']), ['json']);
  assert.equal(reply(['kubectl-iot', 'create', 'project', 'x', '--gitops-dir', tree, '-n', 'n']), ['ns1']);
});

withTool(fish, 'fish: complete -C with kubectl-iot\'s fish script', 'fish is not installed: scripts/install-tools.sh shells', () => {
  const result = spawnSync('fish', ['-c', 'kubectl-iot completion fish | source; complete -C "kubectl-iot cre"; complete -C "kubectl-iot init x --engine "'],
    { env: env([links]), encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  assert.equal(result.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]), ['create', 'argocd', 'flux']);
});

withTool(zsh, 'zsh: kubectl-iot\'s script (yargs\') lists candidates with descriptions in a real zsh line editor',
  'zsh is not installed: scripts/install-tools.sh shells', () => {
  // zsh completes only inside its line editor: an interactive zsh on a pseudo-terminal (zpty) gets the TABs.
  const session = (name: string, line: string, until: string) => `zpty ${name} 'zsh -f -i'
zpty -w ${name} 'PS1="> "; autoload -U compinit; compinit -u; source <(kubectl-iot completion zsh)'
zpty -w -n ${name} $'${line}\\t'
zpty -r ${name} out '${until}'; sleep 0.5
while zpty -r -t ${name} chunk; do out+=$chunk; done
print -r -- "$out"; zpty -d ${name}`;
  const script = join(tmp, 'drive.zsh');
  writeFileSync(script, ['zmodload zsh/zpty', session('a', 'kubectl-iot create ', '*tenant*--*'),
    session('b', 'kubectl-iot status -o ', '*yaml*')].join('\n'));
  const result = spawnSync('zsh', ['-f', script], { env: env([links]), encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stderr);
  // eslint-disable-next-line no-control-regex
  const screen = result.stdout.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '\n');
  for (const sub of ['infrastructure', 'messaging-infrastructure', 'project', 'tenant']) {
    assert.match(screen, new RegExp(`^${sub} +-- Create `, 'm'), sub);
  }
  assert.match(screen, /^json +text +yaml\s*$/m);
});

completion.run();
