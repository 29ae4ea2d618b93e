import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { apiError, shippedKustomization, type Operation } from '../../plugin/cluster/errors';
import { Secrets } from '../../plugin/cluster/secrets';
import { CliError } from '../../plugin/errors';

const errors = suite('cluster/errors');
const context = { server: 'https://k8s.example:6443', user: 'alice', secrets: new Secrets() };
const list: Operation = { verb: 'list', resource: 'iotprojects.iot.enmasse.io', namespace: 'ns1', namespaced: true, model: true };
const apply: Operation = { verb: 'patch', resource: 'iotprojects.iot.enmasse.io', namespace: 'ns1', namespaced: true,
  model: true, object: 'iotproject.iot.enmasse.io/iot1', forced: false };
const status = (code: number, message: string, details: object = {}) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code, details });

errors('403 on a read names the verb, resource, namespace and the viewer ClusterRole', () => {
  const error = apiError(403, status(403, 'iotprojects.iot.enmasse.io is forbidden: User "bob" cannot list resource "iotprojects" in API group "iot.enmasse.io" in the namespace "ns1"'), list, context);
  assert.instance(error, CliError);
  assert.is(error.message, 'forbidden: user "bob" cannot list iotprojects.iot.enmasse.io in namespace "ns1": ' +
    `bind the ClusterRole kubectl-iot-viewer to this user (defined in ${shippedKustomization('rbac')})`);
});

errors('403 on an apply takes the refused verb from the server and points at the editor ClusterRole', () => {
  const error = apiError(403, status(403, 'User "bob" cannot create resource "iotprojects" in API group "iot.enmasse.io"'), apply, context);
  assert.match(error.message, /^forbidden: user "bob" cannot create iotprojects\.iot\.enmasse\.io in namespace "ns1": bind the ClusterRole kubectl-iot-editor/);
});

errors('403 on a cluster-wide list says "in all namespaces"; namespaces themselves have no namespace', () => {
  assert.match(apiError(403, '', { ...list, namespace: undefined }, context).message, /cannot list iotprojects\.iot\.enmasse\.io in all namespaces:/);
  const namespaces: Operation = { verb: 'list', resource: 'namespaces', namespaced: false, model: false };
  assert.match(apiError(403, '', namespaces, context).message, /^forbidden: user "alice" cannot list namespaces: bind/);
});

errors('404 on a model kind means the CRDs are missing, and says how to install them', () => {
  const error = apiError(404, '404 page not found', list, context);
  assert.is(error.message, 'the CRDs are not installed (the cluster at https://k8s.example:6443 does not serve ' +
    `iotprojects.iot.enmasse.io): kubectl apply -k ${shippedKustomization('crds')}`);
  assert.match(shippedKustomization('crds'), /kustomize\/crds$/);
});

errors('404 for a missing namespace on apply says to create the namespace', () => {
  const body = status(404, 'namespaces "ns9" not found', { name: 'ns9', kind: 'namespaces' });
  assert.is(apiError(404, body, apply, context).message, 'namespace "ns9" does not exist: kubectl create namespace ns9');
});

errors('401, 409 and other answers each get one line with the server\'s words', () => {
  assert.is(apiError(401, status(401, 'Unauthorized'), list, context).message,
    'the cluster at https://k8s.example:6443 rejected the credentials of user "alice" (401 Unauthorized): they are missing, expired or wrong');
  assert.is(apiError(409, status(409, 'Apply failed with 1 conflict: conflict with "kubectl-edit": .spec.x'), apply, context).message,
    'iotproject.iot.enmasse.io/iot1: Apply failed with 1 conflict: conflict with "kubectl-edit": .spec.x; re-run with --force-conflicts to take these fields over');
  assert.is(apiError(409, status(409, 'Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.a\n- .spec.b'), apply, context).message,
    'iotproject.iot.enmasse.io/iot1: Apply failed with 2 conflicts: conflicts with "kubectl": .spec.a, .spec.b; re-run with --force-conflicts to take these fields over');
  assert.is(apiError(422, status(422, 'IoTProject.iot.enmasse.io "iot1" is invalid: spec.x: Invalid value'), apply, context).message,
    'iotproject.iot.enmasse.io/iot1: IoTProject.iot.enmasse.io "iot1" is invalid: spec.x: Invalid value (HTTP 422)');
  assert.is(apiError(500, 'oops', list, context).message, 'list iotprojects.iot.enmasse.io in namespace "ns1": oops (HTTP 500)');
});

errors('a credential the server echoes back is scrubbed from the message', () => {
  const secrets = new Secrets();
  secrets.add('very-secret-token');
  assert.is(apiError(500, 'bad header Authorization: Bearer very-secret-token', list, { ...context, secrets }).message,
    'list iotprojects.iot.enmasse.io in namespace "ns1": bad header Authorization: Bearer [redacted] (HTTP 500)');
});

errors.run();
