/** CRDs as the tests read them from kustomize/crds: their schemas checked with ajv the way the API server would. */
import * as assert from 'uvu/assert';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KubeObject } from '../../plugin/model/kinds';

export type Schema = Record<string, any>;
export const CRD_DIR = join(__dirname, '..', '..', 'kustomize', 'crds');
/** The CRD files, sorted, without the kustomization. */
export const crdFiles = readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
export const crds: Schema[] = crdFiles.map((f) => parse(readFileSync(join(CRD_DIR, f), 'utf8')));
export const crdByKind = new Map(crds.map((crd) => [crd.spec.names.kind as string, crd]));
/** The API server prunes fields a schema does not declare; closing those objects makes ajv report them instead. */
function closedForPruning(node: Schema): Schema {
  if (Array.isArray(node)) return node.map(closedForPruning);
  if (node === null || typeof node !== 'object') return node;
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closedForPruning(v)]));
  if (copy.properties && !copy['x-kubernetes-preserve-unknown-fields']) copy.additionalProperties = false;
  return copy;
}

// Strict about unknown keywords (a typo in a schema); Kubernetes itself allows oneOf branches naming properties.
const ajv = new Ajv({ allErrors: true, strictSchema: true, strictRequired: false, strictTypes: false });
addFormats(ajv);
ajv.addKeyword('x-kubernetes-preserve-unknown-fields');
const validators = new Map<string, ValidateFunction>();

/** The errors (`path message`) of `object` against the schema of the CRD of `kind`; none when valid. */
export function validate(kind: string, object: unknown): string[] {
  if (!validators.has(kind)) {
    const schema = crdByKind.get(kind)?.spec.versions[0].schema.openAPIV3Schema;
    assert.ok(schema, `a CRD for ${kind}`);
    validators.set(kind, ajv.compile(closedForPruning(schema)));
  }
  const check = validators.get(kind)!;
  return check(object) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Asserts that `object` validates against the CRDs of each of `kinds` (default: its own kind). */
export function valid(object: KubeObject, kinds: string[] = [object.kind]): void {
  for (const kind of kinds) {
    assert.equal(validate(kind, object), [], `${object.kind} ${object.metadata.name} as ${kind}`);
  }
}

/** Why a schema node breaks the structural rules we rely on, or nothing. */
export function structuralProblems(node: Schema, path: string): string[] {
  const problems: string[] = [];
  if (!node.type && !node['x-kubernetes-preserve-unknown-fields']) problems.push(`${path} has no type`);
  for (const [name, child] of Object.entries<Schema>(node.properties ?? {})) {
    problems.push(...structuralProblems(child, `${path}.${name}`));
  }
  if (node.items) problems.push(...structuralProblems(node.items, `${path}[]`));
  if (typeof node.additionalProperties === 'object') {
    if (node.properties) problems.push(`${path} has both properties and additionalProperties`);
    problems.push(...structuralProblems(node.additionalProperties, `${path}{}`));
  }
  for (const branch of node.oneOf ?? []) {
    const allowed = Object.keys(branch).every((key) => key === 'required');
    if (!allowed) problems.push(`${path}.oneOf may only hold value validations`);
  }
  return problems;
}
