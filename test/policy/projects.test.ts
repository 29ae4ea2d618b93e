/**
 * Which findings `status` shows under which project (plugin/policy/projects.ts): those about the project itself
 * and about each object of its chain (tenant, messaging infrastructure, IoT infrastructure), aliases included.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { liveProjects } from '../../plugin/policy/projects';
import type { CheckReport, Finding, ProjectStatus, ResourceRef } from '../../plugin/policy/types';

const projects = suite('policy: findings are matched to the projects whose chain they concern');

const ref = (apiVersion: string, kind: string, name: string, namespace?: string): ResourceRef =>
  ({ apiVersion, kind, name, ...(namespace === undefined ? {} : { namespace }) });
const finding = (policy: string, resource: ResourceRef): Finding =>
  ({ policy, severity: 'error', message: policy, remediation: '', resource });
const project = (namespace: string, name: string, chain: ProjectStatus['chain']): ProjectStatus =>
  ({ namespace, name, tenantName: 'default', phase: 'Failed', phaseReason: 'R', conditions: [], addresses: [],
    adapterAddresses: [], chain });

const tenant = ref('enmasse.io/v1', 'MessagingTenant', 'default', 'ns1');
const infra = ref('enmasse.io/v1', 'MessagingInfrastructure', 'infra1', 'enmasse-infra');
const iot = ref('iot.enmasse.io/v1alpha1', 'IoTConfig', 'default', 'enmasse-infra');
const a = project('ns1', 'a', { tenant, messagingInfrastructure: infra, iotInfrastructure: iot });
const b = project('ns2', 'b', { tenant: ref('enmasse.io/v1', 'MessagingTenant', 'default', 'ns2') });

function report(results: Finding[]): CheckReport {
  return { summary: { resources: 0, projects: 2, errors: results.length, warnings: 0 }, projects: [a, b], results };
}

projects('a project gets findings about itself and its whole chain, in report order; others get none of them', () => {
  const results = [
    finding('on-a', ref('iot.enmasse.io/v1alpha1', 'IoTProject', 'a', 'ns1')),
    finding('on-iot', iot),
    finding('on-tenant', tenant),
    finding('on-infra', infra),
    finding('on-b', ref('iot.enmasse.io/v1alpha1', 'IoTProject', 'b', 'ns2')),
    finding('elsewhere', ref('enmasse.io/v1', 'MessagingAddress', 'telemetry', 'ns1')),
  ];
  const live = liveProjects(report(results), []);
  assert.equal(live.map((p) => [p.predicted.name, p.problems.map((f) => f.policy)]),
    [['a', ['on-a', 'on-iot', 'on-tenant', 'on-infra']], ['b', ['on-b']]]);
});

projects('a finding naming an alias kind (IoTInfrastructure for IoTConfig, another API version) still matches', () => {
  const aliased = finding('aliased', ref('iot.enmasse.io/v1', 'IoTInfrastructure', 'default', 'enmasse-infra'));
  const sameNameOtherNamespace = finding('other-ns', ref('iot.enmasse.io/v1alpha1', 'IoTConfig', 'default', 'ns1'));
  const [first] = liveProjects(report([aliased, sameNameOtherNamespace]), []);
  assert.equal(first.problems.map((f) => f.policy), ['aliased']);
});

projects('live is the IoTProject object\'s .status (alias kinds too), {} when it has none or is missing', () => {
  const objects: KubeObject[] = [
    { apiVersion: 'iot.enmasse.io/v1', kind: 'IoTTenant', metadata: { namespace: 'ns1', name: 'a' }, status: { phase: 'Active' } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { namespace: 'ns2', name: 'b' }, status: { phase: 'x' } },
  ] as KubeObject[];
  const live = liveProjects(report([]), objects);
  assert.equal(live.map((p) => p.live), [{ phase: 'Active' }, {}]);
});

projects.run();
