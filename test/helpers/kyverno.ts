/**
 * Runs the real Kyverno CLI (scripts/tools.d/kyverno.sh builds it) on the Kyverno export, and reduces what
 * `kyverno apply` reports to the verdict lines of test/helpers/verdicts.ts, to compare with check's.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'uvu';
import { parse, parseAllDocuments } from 'yaml';
import { canonicalKind, type KubeObject } from '../../plugin/model/kinds';
import type { ClusterPolicy, ValidatingPolicy } from '../../scripts/kyverno-types';
import { requireTools } from './ci';
import { ROOT } from './cli';
import { toolFound, verdict } from './verdicts';

export const KYVERNO = join(ROOT, 'policies', 'build', 'kyverno');

/** Every tests/<policy>/<sample>/kyverno-test.yaml of the export, relative to it. */
export function kyvernoTestFiles(): string[] {
  return readdirSync(join(KYVERNO, 'tests')).sort()
    .flatMap((id) => readdirSync(join(KYVERNO, 'tests', id)).sort().map((sample) => join('tests', id, sample, 'kyverno-test.yaml')));
}

/**
 * Whether the Kyverno CLI is on PATH. Without it a suite registers one test instead of its own: skipped outside
 * CI, failing in CI (which builds it).
 */
export function requireKyverno(test: Test, what: string): boolean {
  return requireTools(test, what, toolFound('kyverno') ? [] : ['kyverno'], 'scripts/install-tools.sh kyverno');
}

/** The Kyverno CLI's run, with its exit code (a failed policy is an answer, not an error). */
export function kyverno(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('kyverno', args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (code === -1) reject(error ?? new Error('kyverno did not run'));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Policy id -> severity in one form, from what a failure does there (Deny / Enforce: error). */
function severities<T>(folder: string, enforced: (policy: T) => boolean): Map<string, string> {
  return new Map(readdirSync(join(KYVERNO, folder)).map((file) => {
    const policy = parse(readFileSync(join(KYVERNO, folder, file), 'utf8')) as T & { metadata: { name: string } };
    return [policy.metadata.name, enforced(policy) ? 'error' : 'warning'];
  }));
}

interface ReportResult {
  policy: string;
  rule?: string;
  result: string;
  message?: string;
  resources?: { kind: string; namespace?: string; name: string }[];
}

/** Kyverno's failures on some files: ValidatingPolicies with their messages, ClusterPolicies without. */
export interface KyvernoVerdicts {
  validating: string[];
  cluster: string[];
}

/**
 * `kyverno apply policies/ cluster-policies/ --resource FILES --policy-report`: each failure as a verdict line.
 * ClusterPolicy results name their rule, ValidatingPolicy results do not; a ClusterPolicy's message is METADATA's
 * title and description, not check's finding, so its lines stop at the object.
 */
export async function kyvernoVerdicts(files: string[]): Promise<KyvernoVerdicts> {
  const { code, stdout, stderr } = await kyverno(['apply', join(KYVERNO, 'policies'), join(KYVERNO, 'cluster-policies'),
    ...files.flatMap((f) => ['--resource', f]), '--policy-report', '--output-format', 'json', '--remove-color']);
  if ((code !== 0 && code !== 1) || !stdout.includes('{')) throw new Error(`kyverno apply exited ${code}: ${stderr.slice(-2000)}`);
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { results?: ReportResult[] };
  const validating = severities<ValidatingPolicy>('policies', (p) => p.spec.validationActions.includes('Deny'));
  const cluster = severities<ClusterPolicy>('cluster-policies', (p) => p.spec.rules[0].validate.failureAction === 'Enforce');
  // A result that is neither pass nor fail (a CEL error, say) becomes a line no check verdict equals.
  const lines = (rule: boolean) => (report.results ?? []).filter((r) => r.result !== 'pass' && Boolean(r.rule) === rule)
    .flatMap((r) => (r.resources ?? []).map((resource) => {
      const at = { ...resource, namespace: resource.namespace ?? 'default' };
      const severity = r.result === 'fail' ? (rule ? cluster : validating).get(r.policy) ?? '?' : `(${r.result})`;
      return rule ? verdict(r.policy, severity, at, '').replace(/: $/, '') : verdict(r.policy, severity, at, r.message ?? '');
    })).sort();
  return { validating: lines(false), cluster: lines(true) };
}

/**
 * "Kind namespace/name" of every object in these files, a kind's later names counted as the kind (check refuses
 * an IoTTenant and an IoTProject of one name), an object without a namespace as one in default.
 */
function identities(files: string[]): Set<string> {
  return new Set(files.flatMap((file) => parseAllDocuments(readFileSync(join(ROOT, file), 'utf8')).map((d) => d.toJSON() as unknown)
    .filter((d): d is KubeObject => typeof d === 'object' && d !== null && 'kind' in d)
    .map((d) => `${canonicalKind(d.apiVersion, d.kind) ?? d.kind} ${d.metadata?.namespace ?? 'default'}/${d.metadata?.name ?? ''}`)));
}

/**
 * Fixtures packed into batches whose objects never share a kind, namespace and name: one `kyverno apply` per batch
 * (each run costs about a second, and both the CLI and check refuse two objects of one name in a run).
 */
export function batches(fixtures: Record<string, string[]>): string[][] {
  const packed: { names: string[]; objects: Set<string> }[] = [];
  for (const [name, files] of Object.entries(fixtures)) {
    const objects = identities(files);
    const batch = packed.find((b) => ![...objects].some((o) => b.objects.has(o)));
    if (batch) {
      batch.names.push(name);
      for (const o of objects) batch.objects.add(o);
    } else packed.push({ names: [name], objects });
  }
  return packed.map((b) => b.names);
}
