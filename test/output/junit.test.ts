import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderJunit } from '../../plugin/output/junit';
import { xmlAttribute, xmlText } from '../../plugin/output/xml';
import type { CheckReport } from '../../plugin/policy/types';
import { copyReport, emptyReport, policies, report } from '../fixtures/report';

interface Case {
  name: string;
  classname: string;
  file?: string;
  failure?: Failure[];
  skipped?: Array<{ message: string }>;
}
interface Failure { message: string; type: string; '#text': string }
interface TestSuite { name: string; tests: string; failures: string; skipped: string; testcase?: Case[] }
interface Parsed { testsuites: Array<{ tests: string; failures: string; skipped: string; testsuite?: TestSuite[] }> }

const LISTS = new Set(['testsuites', 'testsuite', 'testcase', 'failure', 'skipped']);

/** The JUnit XML as objects; fails the test when it is not well-formed. */
function parseJunit(source: CheckReport): Parsed {
  const xml = renderJunit(source, { policies });
  assert.is(XMLValidator.validate(xml), true);
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, parseAttributeValue: false,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && LISTS.has(name),
  });
  return parser.parse(xml);
}

function cases(parsed: Parsed): Case[] {
  return (parsed.testsuites[0].testsuite ?? []).flatMap((s) => s.testcase ?? []);
}

const junit = suite('renderJunit');

junit('is well-formed XML with an XML declaration', () => {
  assert.ok(renderJunit(report, { policies }).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites'));
  parseJunit(report);
});

junit('has a testsuite per policy that has findings or project conditions, in the pack order', () => {
  const suites = parseJunit(report).testsuites[0].testsuite!.map((s) => s.name);
  assert.equal(suites, policies.map((p) => p.id).filter((id) => ['iot-infrastructure-plaintext-password',
    'messaging-tenant-name', 'project-address-conflict', 'project-requires-iot-infrastructure', 'project-requires-messaging-tenant']
    .includes(id)));
  assert.is(suites.length, 5);
});

junit('gives every testcase a unique name', () => {
  const names = cases(parseJunit(report)).map((c) => c.name);
  assert.is(new Set(names).size, names.length);
  assert.ok(names.includes('IoTProject ns1/iot1 (project-requires-messaging-tenant)'));
});

junit('fails a testcase per finding, warnings with type warning', () => {
  const failed = cases(parseJunit(report)).filter((c) => c.failure);
  assert.equal(failed.map((c) => [c.classname, c.failure![0].type]), [
    ['iot-infrastructure-plaintext-password', 'warning'],
    ['messaging-tenant-name', 'warning'],
    ['project-address-conflict', 'error'],
    ['project-requires-messaging-tenant', 'error'],
  ]);
  assert.is(failed[3].file, 'tenants/ns1/project.yaml');
  assert.is(failed[3].failure![0]['#text'], 'tenants/ns1/project.yaml:1: error: IoTProject ns1/iot1: There is no '
    + 'MessagingTenant named default in namespace ns1\nfix: kubectl iot create tenant -n ns1');
  assert.is(failed[1].file, undefined, 'a finding from the cluster has no file');
});

junit('passes the conditions of the Active project and skips the Unknown one of the Failed project', () => {
  const all = cases(parseJunit(report));
  const passed = all.filter((c) => !c.failure && !c.skipped).map((c) => c.name);
  assert.equal(passed, ['IoTProject ns2/iot2 (project-requires-iot-infrastructure)',
    'IoTProject ns2/iot2 (project-requires-messaging-tenant)']);
  const skipped = all.filter((c) => c.skipped);
  assert.equal(skipped.map((c) => c.name), ['IoTProject ns1/iot1 (project-requires-iot-infrastructure)']);
  assert.is(skipped[0].skipped![0].message,
    'HasMessagingInfrastructure is Unknown (MessagingTenantNotFound): There is no MessagingTenant named default in '
    + 'namespace ns1 to lead to a messaging infrastructure');
});

junit('counts tests, failures and skipped the same way on suites and on the root', () => {
  const root = parseJunit(report).testsuites[0];
  assert.equal([root.tests, root.failures, root.skipped], ['7', '4', '1']);
  for (const s of root.testsuite!) {
    const list = s.testcase ?? [];
    assert.is(Number(s.tests), list.length);
    assert.is(Number(s.failures), list.filter((c) => c.failure).length);
    assert.is(Number(s.skipped), list.filter((c) => c.skipped).length);
  }
});

junit('merges several findings of one policy on one resource into one testcase', () => {
  const source = copyReport();
  source.results.push({ ...source.results[1], line: 7, message: 'second finding' });
  const name = 'IoTProject ns1/iot1 (project-requires-messaging-tenant)';
  const merged = cases(parseJunit(source)).filter((c) => c.name === name);
  assert.is(merged.length, 1);
  assert.is(merged[0].failure!.length, 1);
  assert.match(merged[0].failure![0]['#text'], /\n\ntenants\/ns1\/project\.yaml:7: error: IoTProject ns1\/iot1: second finding\n/);
});

junit('escapes markup, quotes and control characters in names, messages and bodies', () => {
  const source = copyReport();
  const nasty = 'a <b> & "c" \'d\'\u0000\u001b[31m\ttab\r\nline';
  source.results[3].message = nasty;
  source.results[3].resource.name = 'x<&>"\'';
  const xml = renderJunit(source, { policies });
  assert.not.match(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  const tenant = cases(parseJunit(source)).find((c) => c.classname === 'messaging-tenant-name')!;
  assert.is(tenant.name, 'MessagingTenant ns3/x<&>"\' (messaging-tenant-name)');
  assert.is(tenant.failure![0].message, 'MessagingTenant ns3/x<&>"\': a <b> & "c" \'d\'\\x00\\x1b[31m\ttab\r\nline');
  assert.ok(tenant.failure![0]['#text'].includes('a <b> & "c" \'d\'\\x00\\x1b[31m\ttab\r\nline'));
});

junit('every failure names its resource (kind namespace/name): in front, unless the message already names it', () => {
  const source = copyReport();
  // A message naming its resource is kept as the engine wrote it; one that does not gets the resource in front.
  source.results.push({ ...source.results[1], resource: { ...source.results[1].resource, name: 'iot9' },
    message: 'IoTProject ns1/iot9 is named in the message', line: 9 });
  const failures = cases(parseJunit(source)).filter((c) => c.failure);
  assert.ok(failures.length >= 5);
  for (const testCase of failures) {
    const label = testCase.name.slice(0, testCase.name.lastIndexOf(' ('));
    assert.match(label, /^\w+ [^/ ]+\/\S+$/, 'kind namespace/name');
    assert.ok(testCase.failure![0].message.includes(label), `${testCase.name}: ${testCase.failure![0].message}`);
    for (const entry of testCase.failure![0]['#text'].split('\n\n')) assert.ok(entry.includes(label), entry);
  }
  const named = failures.find((c) => c.name.startsWith('IoTProject ns1/iot9 '))!;
  assert.is(named.failure![0].message, 'IoTProject ns1/iot9 is named in the message');
  const prefixed = failures.find((c) => c.name === 'IoTProject ns1/iot1 (project-requires-messaging-tenant)')!;
  assert.is(prefixed.failure![0].message, 'IoTProject ns1/iot1: There is no MessagingTenant named default in namespace ns1');
});

junit('is an empty testsuites element for an empty report', () => {
  assert.is(renderJunit(emptyReport(), { policies }),
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<testsuites name="kubectl-iot" tests="0" failures="0" errors="0" skipped="0">\n</testsuites>\n');
});

junit.run();

const xml = suite('xml escaping');

xml('turns markup, quotes and whitespace that attributes would lose into references', () => {
  assert.is(xmlAttribute('a"b\'c<d>&e\n\r\t'), '"a&quot;b&apos;c&lt;d&gt;&amp;e&#10;&#13;&#9;"');
});

xml('keeps newlines and tabs in text but protects carriage returns and markup', () => {
  assert.is(xmlText('<a> & ]]>\n\t\r'), '&lt;a&gt; &amp; ]]&gt;\n\t&#13;');
});

xml('shows characters XML 1.0 forbids as visible escapes', () => {
  assert.is(xmlText('nul\u0000 esc\u001b fffe\ufffe lone\ud800'), 'nul\\x00 esc\\x1b fffe\\ufffe lone\\ud800');
  assert.is(xmlText('pair \ud83d\ude00'), 'pair \ud83d\ude00');
});

xml.run();
