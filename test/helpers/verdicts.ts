/**
 * Runs `kubectl iot check`, the real conftest on the conftest export and the real gator on the Gatekeeper
 * export over the same files, and reduces each answer to comparable verdicts: policy, severity, resource and
 * message, as one sorted line each.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from './cli';

export const CONFTEST_PACK = join(ROOT, 'policies', 'build', 'conftest');
export const GATEKEEPER = join(ROOT, 'policies', 'build', 'gatekeeper');

/** Every YAML file below `path` (or `path` itself), relative to the repository root, sorted. */
function yamlFiles(path: string): string[] {
  const absolute = join(ROOT, path);
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute).sort().flatMap((name) => (name.endsWith('.md') ? [] : yamlFiles(join(path, name))))
    .filter((file) => /\.ya?ml$/.test(file));
}

/**
 * The inputs the parity suites give every engine, fixture name -> its files: every policy sample alone, the broken
 * example tree, and the multi-file parity trees. None carries an expected verdict: check's own is the expectation.
 */
export function parityFixtures(): Record<string, string[]> {
  const samples = readdirSync(join(ROOT, 'policies'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['lib', 'main', 'build'].includes(e.name))
    .flatMap((e) => readdirSync(join(ROOT, 'policies', e.name, 'samples')).sort().map((f) => `policies/${e.name}/samples/${f}`));
  return {
    ...Object.fromEntries(samples.map((s) => [s, [s]])),
    'examples/broken': yamlFiles('examples/broken'),
    'test/fixtures/parity/multi-namespace': yamlFiles('test/fixtures/parity/multi-namespace'),
    'test/fixtures/parity/selectors': yamlFiles('test/fixtures/parity/selectors'),
  };
}

interface Resource {
  kind: string;
  namespace?: string;
  name: string;
}

/** "policy severity Kind namespace/name: message" */
export function verdict(policy: string, severity: string, resource: Resource, message: string): string {
  const where = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
  return `${policy} ${severity} ${resource.kind} ${where}: ${message}`;
}

/** Whether a tool answers on PATH (scripts/test.sh puts the pinned ones there). */
export function toolFound(tool: string): boolean {
  return spawnSync(tool, ['--help'], { stdio: 'ignore' }).status === 0;
}

/** A tool's run; exit codes 0 and 1 (violations found) are answers, anything else is a failure. */
function run(command: string, args: string[], cwd = ROOT): string {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000 });
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr.trim()}`);
  }
  return child.stdout;
}

/** `kubectl iot check -o json FILES`. */
export function checkVerdicts(files: string[], flags: string[] = []): string[] {
  const { code, stdout, stderr } = runCli(['check', '-o', 'json', ...flags, ...files]);
  if (code !== 0 && code !== 1) throw new Error(`check exited ${code}: ${stderr}`);
  const report = JSON.parse(stdout) as { results: { policy: string; severity: string; resource: Resource; message: string }[] };
  return report.results.map((r) => verdict(r.policy, r.severity, r.resource, r.message)).sort();
}

interface ConftestResult {
  msg: string;
  metadata?: { policy: string; severity: string; resource: Resource; message: string };
}

/** `conftest test --combine --all-namespaces -p <conftest export> -o json FILES`: deny is error, warn warning. */
export function conftestVerdicts(files: string[], flags: string[] = []): string[] {
  const out = run('conftest', ['test', '--combine', '--all-namespaces', '--no-color', '-p', CONFTEST_PACK, '-o', 'json', ...flags, ...files]);
  const namespaces = JSON.parse(out) as { namespace: string; failures?: ConftestResult[]; warnings?: ConftestResult[] }[];
  return namespaces.flatMap((n) => [
    ...(n.failures ?? []).map((r) => conftestVerdict(r, 'error')),
    ...(n.warnings ?? []).map((r) => conftestVerdict(r, 'warning')),
  ]).sort();
}

function conftestVerdict(result: ConftestResult, rule: string): string {
  const m = result.metadata;
  if (!m) return `(no metadata) ${rule}: ${result.msg}`;
  if (result.msg !== `${m.policy}: ${m.message}`) return `(msg ${result.msg}) ${rule}`;
  return verdict(m.policy, m.severity === rule ? m.severity : `${m.severity}-as-${rule}`, m.resource, m.message);
}

interface GatorResult {
  msg: string;
  enforcementAction: string;
  constraint: { metadata: { name: string } };
  violatingObject: { kind: string; metadata: { namespace?: string; name: string } };
}

/** `gator test` with the export's templates and Constraints on FILES: deny is error, warn warning. */
export function gatorVerdicts(files: string[]): string[] {
  const out = run('gator', ['test', '-o', 'json', '-f', join(GATEKEEPER, 'templates'), '-f', join(GATEKEEPER, 'constraints'),
    ...files.flatMap((f) => ['-f', f])]);
  const results = (JSON.parse(out.trim() || '[]') ?? []) as GatorResult[];
  return results.map((r) => {
    const object = r.violatingObject;
    const severity = { deny: 'error', warn: 'warning' }[r.enforcementAction] ?? r.enforcementAction;
    // gator reviews an object without metadata.namespace as it is; check reads it as namespace "default".
    const resource = { kind: object.kind, namespace: object.metadata.namespace ?? 'default', name: object.metadata.name };
    return verdict(r.constraint.metadata.name, severity, resource, r.msg);
  }).sort();
}

/** Runs a tool from the repository root and returns its exit code and output (for gator verify). */
export function runTool(command: string, args: string[], cwd = ROOT): { code: number; output: string } {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  if (child.error) throw child.error;
  return { code: child.status ?? -1, output: `${child.stdout}${child.stderr}` };
}
