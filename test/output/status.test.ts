import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { age, renderStatusJson, renderStatusText, renderStatusYaml, statusDocument, type LiveProject } from '../../plugin/output/status';
import { NOW, report } from '../fixtures/report';
import { assertGolden } from '../helpers/golden';

const status = suite('output/status');

const [failed, active] = report.projects;
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

/** ns1/iot1 as the controller reported it (Failed, no tenant), and ns2/iot2 stuck Failed after its cause was fixed. */
const projects: LiveProject[] = [
  {
    predicted: failed,
    live: {
      phase: 'Failed', message: 'Missing messaging tenant', conditions: [
        { type: 'HasMessagingTenant', status: 'False', reason: 'MessagingTenantNotFound', message: 'not found',
          lastTransitionTime: minutesAgo(5) },
      ],
    },
    problems: [report.results.find((f) => f.policy === 'project-requires-messaging-tenant')!],
  },
  {
    // The pack gives a live project the controller left Failed its re-create command, even when Active now.
    predicted: { ...active, recreate: 'kubectl iot recreate project iot2 -n ns2' },
    live: {
      phase: 'Failed', phaseReason: 'No IoT infrastructure', conditions: [
        { type: 'HasMessagingTenant', status: 'True', reason: 'MessagingTenantFound', lastTransitionTime: minutesAgo(60 * 50) },
        { type: 'HasMessagingInfrastructure', status: 'False', reason: 'NoIoTInfrastructure', message: 'none bound',
          lastTransitionTime: minutesAgo(3) },
      ],
    },
    problems: [],
  },
];

status('text shows phase, reason, re-checked phase, chain, conditions with age and problems with fixes', () => {
  assertGolden('status.txt', renderStatusText(projects, { color: false, now: NOW }));
});

status('text colours phases and condition statuses only when asked', () => {
  const coloured = renderStatusText(projects, { color: true, now: NOW });
  assertGolden('status-color.txt', coloured);
  assert.is(coloured.replace(/\u001b\[\d+m/g, ''), renderStatusText(projects, { color: false, now: NOW }));
});

status('a project the controller has not processed says so, and the chain stops at the first missing link', () => {
  const text = renderStatusText([{ predicted: failed, live: {}, problems: [] }], { color: false, now: NOW });
  assert.match(text, /^Phase: +\(no status reported yet\)$/m);
  assert.match(text, /^ {2}IoTProject ns1\/iot1\n {2}└── MessagingTenant ns1\/default missing\n\n/m);
  assert.match(text, /^Conditions \(reported\)\n {2}none$/m);
});

status('a fixed but stuck project is told to re-create itself; a still-broken one how it recovers', () => {
  const text = renderStatusText(projects, { color: false, now: NOW });
  assert.match(text, /^Re-checked now: Active \(the cause is fixed, but the controller does not retry: re-create it: kubectl iot recreate project iot2 -n ns2\)$/m);
  assert.match(text, /^Re-checked now: Failed\nWhy: +There is no MessagingTenant named default in namespace ns1\. The project becomes ready by itself once the tenant exists\. Fix: kubectl iot create tenant -n ns1\nRecovery: +automatic$/m);
  const manual = renderStatusText([{ predicted: { ...failed, recovery: 'manual', recreate: 'kubectl iot recreate project iot1 -n ns1' },
    live: {}, problems: [] }], { color: false, now: NOW });
  assert.match(manual, /^Recovery: +manual \(kubectl iot recreate project iot1 -n ns1\)$/m);
});

status('terminal escapes in cluster data are shown, not executed', () => {
  const text = renderStatusText([{ predicted: failed, live: { phase: 'Failed', message: 'evil\u001b]0;title\u0007' }, problems: [] }],
    { color: false, now: NOW });
  assert.match(text, /^Reason: +evil\\x1b\]0;title\\x07$/m);
});

status('json and yaml are {"projects": [...]}: check\'s project fields in contract order plus live', () => {
  const doc = statusDocument(projects);
  assert.equal(Object.keys(doc.projects[1]), ['namespace', 'name', 'tenantName', 'phase', 'phaseReason', 'recreate', 'conditions',
    'addresses', 'adapterAddresses', 'chain', 'source', 'live']);
  assert.equal(doc.projects[0].live, projects[0].live);
  assert.equal(JSON.parse(renderStatusJson(projects)), doc);
  assert.equal(parse(renderStatusYaml(projects)), doc);
  assert.equal(statusDocument([]), { projects: [] });
});

status('ages read like kubectl\'s', () => {
  const at = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
  assert.equal([5, 119, 200, 600, 7200, 3600 * 30, 86400 * 9, 86400 * 800].map((s) => age(at(s), NOW)),
    ['5s', '119s', '3m20s', '10m', '120m', '30h', '9d', '2y']);
  assert.is(age(undefined, NOW), '-');
  assert.is(age('not a time', NOW), '-');
});

status.run();
