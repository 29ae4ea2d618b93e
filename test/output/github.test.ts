import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeData, escapeProperty, renderGithub } from '../../plugin/output/github';
import { copyReport, emptyReport, policies, report } from '../fixtures/report';

const github = suite('renderGithub');

github('prints an ::error with file, line and title for an error in a file', () => {
  const lines = renderGithub(report, { policies }).split('\n');
  assert.is(lines[1], '::error file=tenants/ns1/project.yaml,line=1,title=IoT project requires a messaging tenant '
    + '(project-requires-messaging-tenant)::IoTProject ns1/iot1: There is no MessagingTenant named '
    + 'default in namespace ns1%0Afix: kubectl iot create tenant -n ns1');
  assert.is(lines[2], '::error file=tenants/ns1/project.yaml,line=7,title=Project address conflict (project-address-conflict)'
    + '::MessagingAddress ns1/events claims address event/ns1.iot1, which IoTProject ns1/iot1 manages'
    + '%0Afix: kubectl iot delete messagingaddress events -n ns1');
});

github('prints ::warning for warnings and leaves out file and line when the finding has no file', () => {
  const lines = renderGithub(report, { policies }).split('\n');
  assert.is(lines[3], '::warning title=Messaging tenant name (messaging-tenant-name)::MessagingTenant '
    + 'ns3/other is ignored: the controller only reconciles the MessagingTenant named default in a namespace%0Afix: '
    + 'kubectl iot delete messagingtenant other -n ns3');
});

github('prints one command per finding, each on its own line', () => {
  const out = renderGithub(report, { policies });
  assert.ok(out.endsWith('\n'));
  assert.equal(out.trimEnd().split('\n').map((line) => line.split(' ')[0]),
    ['::warning', '::error', '::error', '::warning']);
});

github('escapes %, CR and LF in the message so it cannot start another command', () => {
  const source = copyReport();
  source.results[1].message = '100% broken\r\n::error::injected';
  const line = renderGithub(source, { policies }).split('\n')[1];
  assert.ok(line.endsWith('::IoTProject ns1/iot1: 100%25 broken%0D%0A::error::injected'
    + '%0Afix: kubectl iot create tenant -n ns1'));
});

github('escapes : and , in property values as the runner expects', () => {
  const source = copyReport();
  source.results[1].file = 'a,b:c%.yaml';
  source.results[1].policy = 'unlisted';
  const line = renderGithub(source, { policies }).split('\n')[1].split('::IoTProject')[0];
  assert.is(line, '::error file=a%2Cb%3Ac%25.yaml,line=1,title=unlisted');
});

github('uses forward slashes in file paths', () => {
  const source = copyReport();
  source.results[0].file = 'infra\\iot.yaml';
  assert.ok(renderGithub(source, { policies }).startsWith('::warning file=infra/iot.yaml,line=1,'));
});

github('prints nothing for a report without findings', () => {
  assert.is(renderGithub(emptyReport(), { policies }), '');
});

github('with a baseline: a known finding is a ::notice that says so, a new one keeps its severity', () => {
  const source = copyReport();
  source.results.forEach((finding, i) => { finding.baseline = i === 2 ? 'new' : 'unchanged'; });
  const lines = renderGithub(source, { policies }).trimEnd().split('\n');
  assert.equal(lines.map((line) => line.split(' ')[0]), ['::notice', '::notice', '::error', '::notice']);
  assert.ok(lines[1].endsWith('::known error (in the baseline): IoTProject ns1/iot1: There is no MessagingTenant named '
    + 'default in namespace ns1%0Afix: kubectl iot create tenant -n ns1'));
  assert.ok(lines[3].includes('::known warning (in the baseline): MessagingTenant ns3/other is ignored'));
});

github.run();

const escaping = suite('workflow command escaping');

escaping('escapes data: percent first, then CR and LF', () => {
  assert.is(escapeData('50%\r\n%0A'), '50%25%0D%0A%250A');
});

escaping('escapes properties: as data plus colon and comma', () => {
  assert.is(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
});

escaping.run();
