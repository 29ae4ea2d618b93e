import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PassThrough } from 'node:stream';
import { planApply, targetNamespace, terminalQuestion, type PlanContext } from '../../plugin/commands/create/apply';
import type { KubeObject } from '../../plugin/model/kinds';
import { buildProject, buildTenant } from '../../plugin/model/manifests';
import { loadPolicies } from '../../plugin/policy/engine';
import type { Evaluator } from '../../plugin/policy/evaluate';

const apply = suite('commands/create/apply (the real policy pack)');
let evaluator: Evaluator;
apply.before(async () => {
  evaluator = await loadPolicies();
});

const project = buildProject('ns1', 'iot1');
const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

function context(live: KubeObject[], answers?: boolean[]): PlanContext & { said: string[]; asked: string[] } {
  const said: string[] = [];
  const asked: string[] = [];
  return {
    live, evaluator, infraNamespace: 'enmasse-infra', said, asked,
    say: (line) => said.push(line),
    ask: answers && (async (question) => {
      asked.push(question);
      return answers.shift() ?? false;
    }),
  };
}

apply('without a terminal, a project lacking its tenant is applied as it is, with the prediction and a note', async () => {
  const c = context([namespace('ns1')]);
  assert.equal(await planApply([project], c), [project]);
  assert.is(c.said[0], 'IoTProject ns1/iot1 (tenant ns1.iot1) will be Failed once applied:');
  assert.is(c.said[1], '  HasMessagingTenant=False (MessagingTenantNotFound)');
  assert.is(c.said.at(-1), 'Applying without MessagingTenant ns1/default; create it later with kubectl iot create tenant -n ns1 --apply (or pass --create-tenant).');
});

apply('on a terminal, "y" adds the tenant before the project and shows the new prediction', async () => {
  const c = context([namespace('ns1')], [true]);
  assert.equal(await planApply([project], c), [buildTenant('ns1'), project]);
  assert.equal(c.asked, ['Create MessagingTenant ns1/default now? [y/N] ']);
  assert.ok(c.said.some((line) => line.startsWith('IoTProject ns1/iot1 (tenant ns1.iot1) will be ') && line.includes('with its tenant')), c.said.join('\n'));
  assert.not.ok(c.said.some((line) => line.startsWith('Applying without')));
});

apply('on a terminal, "n" applies the project alone and explains', async () => {
  const c = context([namespace('ns1')], [false]);
  assert.equal(await planApply([project], c), [project]);
  assert.is(c.asked.length, 1);
  assert.match(c.said.at(-1)!, /^Applying without MessagingTenant ns1\/default/);
});

apply('no question when the tenant is applied too (--create-tenant) or already on the cluster', async () => {
  const withTenant = context([namespace('ns1')], []);
  await planApply([buildTenant('ns1'), project], withTenant);
  const onCluster = context([namespace('ns1'), buildTenant('ns1')], []);
  await planApply([project], onCluster);
  assert.equal([...withTenant.asked, ...onCluster.asked], []);
  assert.match(onCluster.said[1], /^ {2}HasMessagingInfrastructure=False/);
});

apply('objects go to the namespace they name, else the cluster\'s', () => {
  assert.is(targetNamespace([project], { namespace: 'other' }), 'ns1');
  assert.is(targetNamespace([namespace('x')], { namespace: 'other' }), 'other');
});

/** A command's stdin and stderr, marked as terminals when `tty` (a stand-in: a real terminal needs a pty). */
function streams(tty: boolean) {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let written = '';
  stderr.on('data', (chunk: Buffer) => {
    written += chunk.toString('utf8');
  });
  return { stdin, stderr, written: () => written };
}

apply('the question is asked on the context\'s stderr and answered on its stdin (streams marked as terminals)', async () => {
  for (const [typed, accepted] of [['y\n', true], ['yes\n', true], ['n\n', false], ['\n', false]] as const) {
    const ctx = streams(true);
    const ask = terminalQuestion(ctx);
    assert.ok(ask, 'offered when stdin and stderr are terminals');
    const answer = ask('Create MessagingTenant ns1/default now? [y/N] ');
    ctx.stdin.write(typed);
    assert.is(await answer, accepted, JSON.stringify(typed));
    // readline treats the stream as a terminal: it redraws the line (control sequences) and echoes the answer.
    assert.match(ctx.written(), /Create MessagingTenant ns1\/default now\? \[y\/N\] /);
  }
  // The process's own streams are not what decides: these are not terminals, so nothing is asked.
  assert.is(terminalQuestion(streams(false)), undefined);
  assert.is(terminalQuestion({ ...streams(true), stderr: streams(false).stderr }), undefined);
});

apply('planApply asks through terminalQuestion: "y" on the context\'s stdin adds the tenant (streams marked as terminals)', async () => {
  const ctx = streams(true);
  const said: string[] = [];
  const planned = planApply([project], { live: [namespace('ns1')], evaluator, infraNamespace: 'enmasse-infra',
    ask: terminalQuestion(ctx), say: (line) => said.push(line) });
  setImmediate(() => ctx.stdin.write('y\n'));
  assert.equal(await planned, [buildTenant('ns1'), project]);
  assert.match(ctx.written(), /Create MessagingTenant ns1\/default now\? \[y\/N\] /);
});

apply.run();
