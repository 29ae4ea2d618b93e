/** The policy pack's METADATA as the build emits it (policies/build/policies.json); no WebAssembly involved. */
import { readFileSync } from 'node:fs';
import { assetLocation, readAsset } from '../assets';
import type { PolicyInfo, Severity } from './types';

export const CATALOG_FILE = 'policies/build/policies.json';

let catalog: PolicyInfo[] | undefined;

/** Every policy's id, title, description, severity, condition and remediation template, sorted by id. */
export function policyCatalog(): PolicyInfo[] {
  catalog ??= readCatalog(assetLocation(CATALOG_FILE), () => readAsset(CATALOG_FILE, 'utf8'));
  return catalog.map((policy) => ({ ...policy }));
}

/** Reads (with `read`, by default from the file `path`) and checks a catalog; a malformed one is a broken install. */
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
    const { id, title, description, severity, condition, remediation } = entry;
    if ([id, title, description, remediation].some((field) => typeof field !== 'string') ||
      (severity !== 'error' && severity !== 'warning')) {
      throw new Error(`the policy catalog ${path} has a malformed entry ${JSON.stringify(id ?? entry)}`);
    }
    const info: PolicyInfo = {
      id: id as string,
      title: title as string,
      description: description as string,
      severity: severity as Severity,
      remediation: remediation as string,
    };
    if (typeof condition === 'string') info.condition = condition;
    return info;
  });
}

/** The policy bundle inside this build: the sha256 of policy.wasm and the OPA version that compiled it. */
export function bundleInfo(): { sha256: string; opa?: string } {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const wasm = readAsset('policies/build/policy.wasm');
  const opa = (JSON.parse(readAsset(CATALOG_FILE, 'utf8')) as { opa?: unknown }).opa;
  return { sha256: createHash('sha256').update(wasm).digest('hex'), ...(typeof opa === 'string' ? { opa } : {}) };
}
