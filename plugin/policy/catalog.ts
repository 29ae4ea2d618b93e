/** The policy pack's METADATA as the build emits it (policies/build/policies.json); no WebAssembly involved. */
import { readFileSync } from 'node:fs';
import { assetLocation, readAsset } from '../assets';
import type { PolicyInfo } from './types';

export const CATALOG_FILE = 'policies/build/policies.json';

let catalog: PolicyInfo[] | undefined;

/** Every policy's METADATA as policies.json has it (in its order), sorted by id; each call gets copies. */
export function policyCatalog(): PolicyInfo[] {
  catalog ??= readCatalog(assetLocation(CATALOG_FILE), () => readAsset(CATALOG_FILE, 'utf8'));
  return structuredClone(catalog);
}

/**
 * Reads (with `read`, by default from the file `path`) and checks a catalog; a malformed one is a broken install.
 * Entries keep PolicyInfo's fields in the file's order: the Gatekeeper export writes them out as Rego literals.
 */
export function readCatalog(path: string, read = (): string => readFileSync(path, 'utf8')): PolicyInfo[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(read());
  } catch (cause) {
    throw new Error(`cannot read the policy catalog ${path}: ${(cause as Error).message}`, { cause });
  }
  const policies = (parsed as { policies?: unknown }).policies;
  if (!Array.isArray(policies)) throw new Error(`the policy catalog ${path} has no "policies" list`);
  return policies.map((entry: Record<string, unknown>) => {
    if (!wellFormed(entry)) {
      throw new Error(`the policy catalog ${path} has a malformed entry ${JSON.stringify(entry?.id ?? entry)}`);
    }
    // wellFormed has checked every field PolicyInfo types.
    return Object.fromEntries(Object.entries(entry).filter(([field]) => FIELDS.has(field))) as unknown as PolicyInfo;
  });
}

/** The fields of PolicyInfo; a field the build adds reaches the plugin and the exporters once it is typed there. */
const FIELDS = new Set<string>(['id', 'title', 'description', 'severity', 'scope', 'condition', 'recovery',
  'remediation', 'remediations'] satisfies (keyof PolicyInfo)[]);

const optional = (value: unknown, check: (v: unknown) => boolean): boolean => value === undefined || check(value);
const isString = (value: unknown): boolean => typeof value === 'string';

function wellFormed(entry: Record<string, unknown>): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const { id, title, description, severity, scope, condition, recovery, remediation, remediations } = entry;
  return [id, title, description, remediation].every(isString) && (severity === 'error' || severity === 'warning') &&
    optional(scope, (s) => s === 'object' || s === 'inventory') && optional(condition, isString) && optional(recovery, (r) => r === 'automatic' || r === 'manual') &&
    optional(remediations, (r) => typeof r === 'object' && r !== null && Object.values(r).every(isString));
}

/** The policy bundle inside this build: the sha256 of policy.wasm and the OPA version that compiled it. */
export function bundleInfo(): { sha256: string; opa?: string } {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const wasm = readAsset('policies/build/policy.wasm');
  const opa = (JSON.parse(readAsset(CATALOG_FILE, 'utf8')) as { opa?: unknown }).opa;
  return { sha256: createHash('sha256').update(wasm).digest('hex'), ...(typeof opa === 'string' ? { opa } : {}) };
}
