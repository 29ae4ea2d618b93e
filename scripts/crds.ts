/**
 * The CustomResourceDefinitions the project ships (apiextensions.k8s.io/v1), one per kind and per later name.
 * Build-only: scripts/gen-kustomize.ts writes them to kustomize/crds and the exporters read their plurals; the
 * plugin never loads them (the bundles' metafiles hold no crds.ts).
 */
import { IOT_GROUP, KubeObject, MESSAGING_GROUP } from '../plugin/model/kinds';
import {
  iotConfigSchema,
  iotProjectSchema,
  messagingAddressSchema,
  messagingInfrastructureSchema,
  messagingTenantSchema,
  Schema,
} from './crd-schemas';

interface Column {
  name: string;
  jsonPath: string;
  description: string;
  type?: string;
  priority?: number;
}

interface CrdSource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  shortNames: string[];
  schema: Schema;
  /** Columns shown before Phase, Reason and Age. */
  columns: Column[];
}

const phase: Column = { name: 'Phase', jsonPath: '.status.phase', description: 'Phase of the resource.' };
const reason: Column = { name: 'Reason', jsonPath: '.status.phaseReason', description: 'Why it is in this phase.' };
const message: Column = {
  name: 'Message', jsonPath: '.status.message', description: 'Controller message.', priority: 1,
};
const age: Column = { name: 'Age', jsonPath: '.metadata.creationTimestamp', description: 'Age.', type: 'date' };
const tenant: Column = { name: 'Tenant', jsonPath: '.status.tenantName', description: 'Hono tenant name.' };
const infraRef: Column = {
  name: 'Infrastructure', jsonPath: '.spec.messagingInfrastructureRef', description: 'Bound MessagingInfrastructure.',
  priority: 1,
};
const boundInfra: Column = {
  name: 'Infrastructure', jsonPath: '.status.messagingInfrastructureRef.name', description: 'Bound infrastructure.',
};
const address: Column = { name: 'Address', jsonPath: '.spec.address', description: 'The address.' };
const addressType: Column = { name: 'Type', jsonPath: '.status.type', description: 'Address type.' };

// Later names (IoTInfrastructure, IoTTenant, MessagingProject) get CRDs of their own with the same schema,
// so objects written with either name can be applied. IoTTenant drops upstream's `iot` short name: IoTProject has it.
const SOURCES: CrdSource[] = [
  { group: IOT_GROUP, version: 'v1alpha1', kind: 'IoTConfig', plural: 'iotconfigs', shortNames: ['icfg'],
    schema: iotConfigSchema, columns: [infraRef] },
  { group: IOT_GROUP, version: 'v1alpha1', kind: 'IoTProject', plural: 'iotprojects', shortNames: ['iot', 'itp'],
    schema: iotProjectSchema, columns: [tenant] },
  { group: MESSAGING_GROUP, version: 'v1', kind: 'MessagingInfrastructure', plural: 'messaginginfrastructures',
    shortNames: ['msgi', 'msginfra'], schema: messagingInfrastructureSchema, columns: [] },
  { group: MESSAGING_GROUP, version: 'v1', kind: 'MessagingTenant', plural: 'messagingtenants',
    shortNames: ['msgt', 'msgtenant'], schema: messagingTenantSchema, columns: [boundInfra] },
  { group: MESSAGING_GROUP, version: 'v1', kind: 'MessagingAddress', plural: 'messagingaddresses',
    shortNames: ['msga', 'msgaddr'], schema: messagingAddressSchema, columns: [address, addressType] },
  { group: IOT_GROUP, version: 'v1', kind: 'IoTInfrastructure', plural: 'iotinfrastructures',
    shortNames: ['ioti', 'iotinfra'], schema: iotConfigSchema, columns: [infraRef] },
  { group: IOT_GROUP, version: 'v1', kind: 'IoTTenant', plural: 'iottenants', shortNames: ['iott'],
    schema: iotProjectSchema, columns: [tenant] },
  { group: MESSAGING_GROUP, version: 'v1', kind: 'MessagingProject', plural: 'messagingprojects',
    shortNames: ['msgp', 'msgproject'], schema: messagingTenantSchema, columns: [boundInfra] },
];

function printerColumn({ name, jsonPath, description, type = 'string', priority }: Column): Record<string, unknown> {
  return priority ? { name, type, description, jsonPath, priority } : { name, type, description, jsonPath };
}

function crd(source: CrdSource): KubeObject {
  const { group, version, kind, plural } = source;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, labels: { 'app.kubernetes.io/part-of': 'kubectl-iot' } },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), shortNames: source.shortNames,
        categories: ['enmasse'] },
      versions: [{
        name: version,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [...source.columns, phase, reason, message, age].map(printerColumn),
        schema: { openAPIV3Schema: source.schema },
      }],
    },
  };
}

/** All CRDs, canonical kinds first, each with a file name `<group>_<plural>.yaml` (the controller-gen convention). */
export function projectCrds(): { file: string; crd: KubeObject }[] {
  return SOURCES.map((source) => ({ file: `${source.group}_${source.plural}.yaml`, crd: crd(source) }));
}
