/**
 * Help as kubectl users read it: 80 columns when it does not go to a terminal, the terminal's width (at most 120)
 * on one, words never cut in two, examples in every command's help.
 */
import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';

const help = suite('help (in-process on the sources; the terminal width through the binary)');

const COMMANDS = [[], ['create'], ['create', 'project'], ['create', 'tenant'], ['create', 'infrastructure'],
  ['create', 'messaging-infrastructure'], ['init'], ['check'], ['status'], ['rename'], ['delete'], ['recreate', 'project'],
  ['policies'], ['policies', 'list'], ['policies', 'export'], ['version'], ['completion'], ['completion', 'install']];

const words = (text: string) => new Set(text.split(/[^A-Za-z0-9]+/).filter(Boolean));

/** The help on a pseudo-terminal 200 columns wide (`script`), where it wraps at 120. */
function onTerminal(args: string[]): string {
  const command = `stty cols 200; ${process.execPath} ${BIN} ${[...args, '--help'].join(' ')}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 30_000 });
  assert.is(result.status, 0, result.stdout);
  return result.stdout.replace(/\r/g, '');
}

for (const args of COMMANDS) {
  help(`kubectl iot ${[...args, '--help'].join(' ')}: 80 columns, no word cut, examples`, async () => {
    const { code, stdout } = await runInProcess([...args, '--help']);
    assert.is(code, 0);
    const long = stdout.split('\n').filter((line) => line.length > 80);
    assert.equal(long, [], 'every line fits 80 columns');
    // A word cut in two leaves pieces the wide help (wrapped elsewhere) does not have.
    const terminal = onTerminal(args);
    const wide = words(terminal);
    assert.equal([...words(stdout)].filter((w) => !wide.has(w)), [], 'no word cut in two');
    assert.ok(terminal.split('\n').some((line) => line.length > 80), 'a terminal gets its width');
    if (!['', 'create', 'policies'].includes(args.join(' '))) assert.match(stdout, /^Examples:$/m, 'the help shows examples');
  });
}

help('kubectl iot help COMMAND is the command\'s --help', async () => {
  const viaHelp = await runInProcess(['help', 'check']);
  assert.is(viaHelp.code, 0, viaHelp.stderr);
  assert.is(viaHelp.stdout, (await runInProcess(['check', '--help'])).stdout);
});

help.run();
