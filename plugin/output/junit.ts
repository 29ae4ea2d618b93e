import type { CheckReport, Finding, PolicyInfo } from '../policy/types';
import { settledChecks } from '../policy/settled';
import { findingText, resourceLabel } from './resources';
import { xmlAttributes, xmlText } from './xml';

interface JunitOptions {
  policies: PolicyInfo[];
}

/** One testcase: a policy applied to a resource. It fails with its findings, is skipped, or passes. */
interface TestCase {
  name: string;
  file?: string;
  findings: Finding[];
  skipped?: string;
}

interface Suite {
  id: string;
  policy?: PolicyInfo;
  cases: Map<string, TestCase>;
}

/** Suites by policy id (the pack's policies in order, then ids only findings name), without empty ones. */
function collectSuites(report: CheckReport, policies: PolicyInfo[]): Suite[] {
  const suites = new Map<string, Suite>();
  for (const policy of policies) suites.set(policy.id, { id: policy.id, policy, cases: new Map() });
  // The name carries the policy too, so names are unique across suites, not only within one.
  const caseOf = (policyId: string, resource: string): TestCase => {
    if (!suites.has(policyId)) suites.set(policyId, { id: policyId, cases: new Map() });
    const cases = suites.get(policyId)!.cases;
    const name = `${resource} (${policyId})`;
    if (!cases.has(name)) cases.set(name, { name, findings: [] });
    return cases.get(name)!;
  };
  for (const finding of report.results) {
    const testCase = caseOf(finding.policy, resourceLabel(finding.resource));
    testCase.findings.push(finding);
    testCase.file ??= finding.file;
  }
  for (const check of settledChecks(report, policies)) {
    const testCase = caseOf(check.policy.id, resourceLabel(check.resource));
    testCase.file ??= check.project.source?.file;
    const { type, status, reason, message } = check.condition;
    if (check.outcome === 'skip') testCase.skipped = `${type} is ${status} (${reason}): ${message}`;
  }
  const all = [...suites.values()].filter((s) => s.cases.size > 0);
  const extra = all.filter((s) => !s.policy).sort((a, b) => a.id.localeCompare(b.id));
  return [...all.filter((s) => s.policy), ...extra];
}

function counts(cases: TestCase[]): Record<'tests' | 'failures' | 'errors' | 'skipped', number> {
  const failures = cases.filter((c) => c.findings.length > 0).length;
  return { tests: cases.length, failures, errors: 0, skipped: cases.filter((c) => c.skipped).length };
}

/**
 * A failing testcase's failure: every message names its resource as the other printers do (findingText), so
 * the message attribute, which CI viewers show alone, says which object failed.
 */
function failureXml(findings: Finding[]): string {
  const type = findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
  const body = findings.map((f) => {
    const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}: ` : '';
    return `${where}${f.severity}: ${findingText(f)}\nfix: ${f.remediation}`;
  });
  return `<failure${xmlAttributes({ message: findingText(findings[0]), type })}>${xmlText(body.join('\n\n'))}</failure>`;
}

function caseXml(suite: Suite, testCase: TestCase): string[] {
  const open = `    <testcase${xmlAttributes({ name: testCase.name, classname: suite.id, file: testCase.file })}`;
  let inner: string | undefined;
  if (testCase.findings.length > 0) inner = failureXml(testCase.findings);
  else if (testCase.skipped) inner = `<skipped${xmlAttributes({ message: testCase.skipped })}/>`;
  return inner === undefined ? [`${open}/>`] : [`${open}>`, `      ${inner}`, '    </testcase>'];
}

/** The policy's METADATA as testsuite properties, so a JUnit viewer shows what the suite checks. */
function propertiesXml(policy: PolicyInfo | undefined): string[] {
  if (!policy) return [];
  const { title, severity, description } = policy;
  const properties = Object.entries({ title, severity, description })
    .map(([name, value]) => `      <property${xmlAttributes({ name, value })}/>`);
  return ['    <properties>', ...properties, '    </properties>'];
}

function suiteXml(suite: Suite): string[] {
  const cases = [...suite.cases.values()];
  return [
    `  <testsuite${xmlAttributes({ name: suite.id, ...counts(cases) })}>`,
    ...propertiesXml(suite.policy),
    ...cases.flatMap((testCase) => caseXml(suite, testCase)),
    '  </testsuite>',
  ];
}

/**
 * `check -o junit`: a testsuite per policy, a testcase per (policy, resource). Findings fail their testcase
 * (warnings too, with type="warning"); projects' conditions add passing and skipped testcases.
 */
export function renderJunit(report: CheckReport, options: JunitOptions): string {
  const suites = collectSuites(report, options.policies);
  const total = counts(suites.flatMap((s) => [...s.cases.values()]));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes({ name: 'kubectl-iot', ...total })}>`,
    ...suites.flatMap(suiteXml),
    '</testsuites>',
    '',
  ].join('\n');
}
