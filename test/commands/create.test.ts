import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const create = suite('commands/create (in-process on the sources; PATH discovery through kubectl and the binary)');

create('create project prints the IoTProject as YAML on stdout and nothing on stderr', async () => {
  const { code, stdout, stderr } = await runInProcess(['create', 'project', 'iot1', '-n', 'ns1']);
  assert.is(code, 0, stderr);
  assert.is(stderr, '');
  assert.equal(parse(stdout), {
    apiVersion: 'iot.enmasse.io/v1alpha1',
    kind: 'IoTProject',
    metadata: { name: 'iot1', namespace: 'ns1', labels: { 'app.kubernetes.io/managed-by': 'kubectl-iot' } },
    spec: {},
  });
});

create('--create-tenant prints the tenant first, as a v1 List with -o json', async () => {
  const { code, stdout } = await runInProcess(['create', 'project', 'iot1', '-n', 'ns1', '--create-tenant', '-o', 'json']);
  assert.is(code, 0);
  const list = JSON.parse(stdout);
  assert.is(list.kind, 'List');
  assert.equal(list.items.map((o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`),
    ['MessagingTenant/default', 'IoTProject/iot1']);
});

create('create tenant binds to NAMESPACE/NAME, as kubectl writes references, and NAME in --infra-namespace', async () => {
  const { code, stdout } = await runInProcess(['create', 'tenant', '-n', 'ns1', '--messaging-infrastructure', 'other/infra1']);
  assert.is(code, 0);
  assert.equal(parse(stdout).spec, { messagingInfrastructureRef: { name: 'infra1', namespace: 'other' } });
  const short = await runInProcess(['create', 'tenant', '-n', 'ns1', '--messaging-infrastructure', 'infra1', '--infra-namespace', 'infra']);
  assert.equal(parse(short.stdout).spec, { messagingInfrastructureRef: { name: 'infra1', namespace: 'infra' } });
  const bad = await runInProcess(['create', 'tenant', '-n', 'ns1', '--messaging-infrastructure', 'a/b/c']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /expected NAMESPACE\/NAME or NAME/);
});

for (const [name, why] of [
  ['Iot1', /DNS-1123 subdomain/], ['a_b', /DNS-1123 subdomain/], ['a'.repeat(254), /at most 253/],
  ['a/b', /DNS-1123 subdomain/], ['../etc', /DNS-1123 subdomain/],
] as const) {
  create(`an invalid project name (${name.slice(0, 12)}) is one line on stderr, exit 2, nothing on stdout`, async () => {
    const { code, stdout, stderr } = await runInProcess(['create', 'project', name, '-n', 'ns1']);
    assert.is(code, 2);
    assert.is(stdout, '');
    assert.match(stderr, why);
    assert.is(stderr.trim().split('\n').length, 1, stderr);
    assert.not.match(stderr, /\n\s+at /);
  });
}

create('an invalid namespace is refused', async () => {
  const { code, stderr } = await runInProcess(['create', 'project', 'iot1', '-n', 'NS_1']);
  assert.is(code, 2);
  assert.match(stderr, /^error: invalid namespace "NS_1" \(--namespace\): must be a DNS-1123 label/);
});

create('a tenant name over 256 characters is refused even when both names are valid', async () => {
  const { code, stderr } = await runInProcess(['create', 'project', 'a'.repeat(200), '-n', 'n'.repeat(60)]);
  assert.is(code, 2);
  assert.match(stderr, /261 characters, at most 256/);
});

create('an unknown flag is a usage error pointing at --help', async () => {
  const { code, stdout, stderr } = await runInProcess(['create', 'project', 'iot1', '--bogus']);
  assert.is(code, 2);
  assert.is(stdout, '');
  assert.match(stderr, /^error: Unknown argument: bogus\nSee 'kubectl iot create project --help' for usage.\n$/);
});

create('an unknown output format is refused', async () => {
  const { code, stderr } = await runInProcess(['create', 'project', 'iot1', '-o', 'xml']);
  assert.is(code, 2);
  assert.match(stderr, /unknown output format "xml": use one of yaml, json/);
});

create('-v shows the stack trace that is otherwise hidden', async () => {
  const quiet = await runInProcess(['create', 'project', 'Bad']);
  const verbose = await runInProcess(['create', 'project', 'Bad', '-v']);
  assert.not.match(quiet.stderr, /\n\s+at /);
  assert.match(verbose.stderr, /\n\s+at /);
});

create('kubectl finds the plugin on PATH and help says "kubectl iot"', () => {
  const { code, stdout } = runCli(['--help'], { viaKubectl: true });
  assert.is(code, 0);
  assert.match(stdout, /Usage: kubectl iot <command>/);
  assert.match(stdout, /kubectl iot create +Generate IoT projects/);
  const sub = runCli(['create', 'project', '--help'], { viaKubectl: true });
  assert.match(sub.stdout, /kubectl iot create project iot1 -n ns1/);
});

create('create infrastructure prints IoTConfig, PostgreSQL and its schema Job with a fresh password', async () => {
  const { code, stdout, stderr } = await runInProcess(['create', 'infrastructure', '--create-messaging-infrastructure']);
  assert.is(code, 0, stderr);
  const objects = parseAllDocuments(stdout).map((d) => d.toJS());
  const kinds = objects.map((o) => o.kind);
  for (const kind of ['MessagingInfrastructure', 'IoTConfig', 'Secret', 'Deployment', 'Service', 'Job']) {
    assert.ok(kinds.includes(kind), kind);
  }
  const secret = objects.find((o) => o.kind === 'Secret');
  assert.ok(secret.stringData.password.length >= 20);
  assert.not.equal(secret.stringData.password, parseAllDocuments((await runInProcess(['create', 'infrastructure'])).stdout)
    .map((d) => d.toJS()).find((o) => o.kind === 'Secret').stringData.password);
});

create('an external registry reads its password from stdin and never echoes it to stderr', async () => {
  const { code, stdout, stderr } = (await runInProcess(['create', 'infrastructure', '--jdbc-url', 'jdbc:postgresql://db:5432/hono',
    '--jdbc-username', 'hono', '--jdbc-password-file', '-', '-o', 'json'], { input: 's3cr3t-pw\n' }));
  assert.is(code, 0, stderr);
  assert.not.match(stderr, /s3cr3t/);
  const config = JSON.parse(stdout);
  assert.is(config.kind, 'IoTConfig');
  assert.is(config.spec.services.deviceRegistry.jdbc.server.external.management.connection.password, 's3cr3t-pw');
});

create('a password is never taken on the command line', async () => {
  const { code, stderr } = await runInProcess(['create', 'infrastructure', '--jdbc-url', 'jdbc:postgresql://db/x', '--jdbc-password', 'pw']);
  assert.is(code, 2);
  assert.match(stderr, /^error: Unknown argument: jdbc-password\n/);
});

create('an invalid JDBC URL is refused', async () => {
  const { code, stderr } = await runInProcess(['create', 'infrastructure', '--jdbc-url', 'postgres://db']);
  assert.is(code, 2);
  assert.match(stderr, /invalid --jdbc-url "postgres:\/\/db": expected jdbc:<driver>:/);
});

create('the root command explains unknown commands and missing arguments, pointing at the right --help', async () => {
  const bare = await runInProcess([]);
  assert.is(bare.code, 0);
  assert.match(bare.stdout, /Usage: kubectl iot <command>/);
  assert.is((await runInProcess(['bogus'])).stderr, 'error: unknown command "bogus" for "kubectl iot"\nSee \'kubectl iot --help\' for usage.\n');
  assert.is((await runInProcess(['create'])).stderr,
    'error: name what to create: project, tenant, infrastructure or messaging-infrastructure\nSee \'kubectl iot create --help\' for usage.\n');
  assert.is((await runInProcess(['create', 'project'])).stderr,
    'error: a required argument is missing\nSee \'kubectl iot create project --help\' for usage.\n');
  assert.match((await runInProcess(['create', 'projekt', 'x'])).stderr, /^error: unknown command. Did you mean project\?\nSee 'kubectl iot create --help'/);
});

create.run();
