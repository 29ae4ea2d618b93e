/**
 * The everyday create lines skip yargs (plugin/commands/create/quick.ts): for every line, the quick way and yargs'
 * give the same stdout, stderr and exit code. yargs' way is forced by adding `--infra-namespace enmasse-infra`
 * (the default, so the meaning stays; the quick grammar takes no such flag). In-process, on the sources.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { quickLine } from '../../plugin/commands/create/quick';
import { DEFAULT_INFRA_NAMESPACE } from '../../plugin/model/kinds';
import { runInProcess } from '../helpers/in-process';
import { PARAMS } from '../helpers/arbitraries';

const throughYargs = (argv: string[]) => [...argv, '--infra-namespace', DEFAULT_INFRA_NAMESPACE];

async function sameBothWays(argv: string[]): Promise<void> {
  const quick = await runInProcess(argv);
  const yargs = await runInProcess(throughYargs(argv));
  assert.equal(quick, yargs, argv.join(' '));
}

const quick = suite('create without yargs: the same answers as through yargs');

const LINES = [
  ['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml'],
  ['create', 'project', 'iot1'],
  ['create', 'project', '-n', 'ns1', 'iot1', '--create-tenant', '--output', 'json'],
  ['create', 'project', 'my.project-2', '--namespace', 'ns-a'],
  ['create', 'tenant', '-n', 'ns1'],
  ['create', 'tenant', '-o', 'json'],
  // the handler's own errors: a name or namespace it refuses
  ['create', 'project', 'a..b', '-n', 'ns1'],
  ['create', 'project', 'iot1', '-n', 'ns.1'],
  ['create', 'project', `a${'b'.repeat(253)}`],
  ['create', 'project', 'x', '-n', `n${'s'.repeat(63)}`],
];

quick('these lines take the quick way', () => {
  for (const argv of LINES) assert.ok(quickLine(argv), argv.join(' '));
});

for (const argv of LINES) quick(`kubectl iot ${argv.join(' ')}`, () => sameBothWays(argv));

quick('anything else goes to yargs: other flags and forms, repeats, odd values, a missing or extra name, help', () => {
  for (const argv of [
    ['create', 'project'], ['create', 'project', 'a', 'b'], ['create', 'tenant', 'x'], ['create'], ['create', 'infrastructure'],
    ['create', 'project', 'iot1', '-n'], ['create', 'project', 'iot1', '-n', 'ns1', '-n', 'ns2'],
    ['create', 'project', 'iot1', '--namespace=ns1'], ['create', 'project', 'iot1', '-nns1'], ['create', 'project', 'iot1', '-o', 'xml'],
    ['create', 'project', 'iot1', '-o', 'YAML'], ['create', 'project', '1abc'], ['create', 'project', 'Iot1'], ['create', 'project', '-'],
    ['create', 'project', 'iot1', '--apply'], ['create', 'project', 'iot1', '--gitops-dir', 'x'], ['create', 'project', 'iot1', '-v'],
    ['create', 'project', 'iot1', '--help'], ['create', 'project', 'iot1', '--'], ['create', 'tenant', '--create-tenant'],
    ['create', 'project', 'iot1', '--create-tenant', '--create-tenant'], ['create', 'project', 'iot1', '-A'], ['check', 'x'],
  ]) assert.is(quickLine(argv), undefined, argv.join(' '));
});

/** Lines of create's words in any order: most are quick lines, some are not (repeats, bad values). */
const word = fc.constantFrom('iot1', 'ns1', 'a.b', 'x-1', 'yaml', 'json', 'xml', 'A', '1x', 'a..b', 'tenant');
const token = fc.oneof(
  word.map((w) => [w]),
  word.map((w) => ['-n', w]), word.map((w) => ['--namespace', w]),
  fc.constantFrom('yaml', 'json', 'xml').map((o) => ['-o', o]), fc.constantFrom('yaml', 'json').map((o) => ['--output', o]),
  fc.constant(['--create-tenant']), fc.constant(['--force']),
);
const line = fc.tuple(fc.constantFrom('project', 'tenant'), fc.array(token, { maxLength: 4 }))
  .map(([noun, tokens]) => ['create', noun, ...tokens.flat()]);

quick('a property: any line of these words gives the same answer both ways', async () => {
  let taken = 0;
  await fc.assert(fc.asyncProperty(line, async (argv) => {
    if (quickLine(argv)) taken++;
    await sameBothWays(argv);
  }), { ...PARAMS, numRuns: 150 });
  assert.ok(taken > 20, `only ${taken} of 150 lines took the quick way`);
});

quick.run();
