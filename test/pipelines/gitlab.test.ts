/**
 * ci/gitlab/kubectl-iot.gitlab-ci.yml: its job's script lines run in bash as GitLab's runner would (with the job's
 * variables; the npm install line installs this checkout packed as the npm package, not the registry's), then
 * the JUnit and Code Quality reports the job declares are checked for GitLab's shape.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { CodeQualityIssue } from '../../plugin/output/codequality';
import { ROOT, runCli } from '../helpers/cli';
import { assertCodeQualityShape } from '../helpers/codequality';
import { tempDir } from '../helpers/tmp';

interface GitlabJob {
  stage: string;
  image: string;
  variables: Record<string, string>;
  script: string[];
  artifacts: { when: string; reports: Record<string, string>; paths: string[] };
}

const gitlab = suite('GitLab template (job script lines in bash)');
const TEMPLATE = join(ROOT, 'ci', 'gitlab', 'kubectl-iot.gitlab-ci.yml');
const job = () => (parse(readFileSync(TEMPLATE, 'utf8')) as Record<string, GitlabJob>)['kubectl-iot'];

let tmp: ReturnType<typeof tempDir>;
let tarball: string;
gitlab.before(() => {
  runCli(['version']); // dist/ built, so the package can be packed without running its prepare step
  tmp = tempDir();
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp.dir],
    { cwd: ROOT, encoding: 'utf8' });
  assert.is(packed.status, 0, packed.stderr);
  tarball = join(tmp.dir, packed.stdout.trim().split('\n').pop()!);
});
gitlab.after(() => tmp.cleanup());

/**
 * Runs the job in a copy of `example` as the project directory. PATH has an npm prefix of the suite's own instead
 * of this checkout's bin/: the first job's install line installs the package there, later jobs find it.
 */
function runJob(example: string, name: string, variables: Record<string, string> = {}) {
  const project = join(tmp.dir, name);
  cpSync(join(ROOT, 'examples', example), project, { recursive: true });
  const prefix = join(tmp.dir, 'npm-prefix');
  const env = {
    ...process.env, ...job().variables, KUBECTL_IOT_PACKAGE: tarball, ...variables,
    CI: 'true', GITLAB_CI: 'true', CI_PROJECT_DIR: project,
    npm_config_prefix: prefix, npm_config_offline: 'true',
    PATH: `${join(prefix, 'bin')}${delimiter}${(process.env.PATH ?? '').split(delimiter).filter((d) => d !== join(ROOT, 'bin')).join(delimiter)}`,
  };
  // GitLab stops at the first line that fails, as bash -e does.
  const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-c', job().script.join('\n')],
    { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, project, prefix };
}

const junitOf = (project: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })
  .parse(readFileSync(join(project, job().artifacts.reports.junit), 'utf8'));
const codeQualityOf = (project: string) =>
  JSON.parse(readFileSync(join(project, job().artifacts.reports.codequality), 'utf8')) as CodeQualityIssue[];

gitlab('declares the JUnit and Code Quality reports, kept when the job fails, and the package of this version', () => {
  const { artifacts, variables, stage } = job();
  assert.is(stage, 'test');
  assert.is(artifacts.when, 'always');
  assert.equal(Object.keys(artifacts.reports).sort(), ['codequality', 'junit']);
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.is(variables.KUBECTL_IOT_PACKAGE, `kubectl-iot@${version}`);
});

gitlab('a failing tree: the job fails, with the explanation in its log and both reports in GitLab\'s shape', () => {
  const { code, stdout, stderr, project, prefix } = runJob('broken', 'failing');
  assert.is(code, 1, stderr);
  assert.ok(existsSync(join(prefix, 'bin', 'kubectl-iot')), 'the first job\'s install line installed the package');
  assert.match(stdout, /fix: kubectl iot create tenant -n ns-no-tenant/);
  const junit = junitOf(project).testsuites;
  assert.is(junit.name, 'kubectl-iot');
  assert.ok(Number(junit.failures) >= 4, String(junit.failures));
  const issues = codeQualityOf(project);
  assertCodeQualityShape(issues);
  assert.is(issues.length, 5);
  // Paths are relative to the project directory, as GitLab maps them onto the merge request's files.
  assert.ok(issues.some((i) => i.location.path === 'ns-no-tenant/iot-project.yaml' && i.location.lines.begin === 7));
  assert.equal([...new Set(issues.map((i) => i.severity))].sort(), ['critical', 'minor']);
  assert.is(JSON.parse(readFileSync(join(project, 'kubectl-iot.json'), 'utf8')).summary.errors, 2);
});

gitlab('a healthy tree: the job passes, no Code Quality issues, every JUnit testcase passes', () => {
  const { code, stderr, project } = runJob('gitops', 'healthy');
  assert.is(code, 0, stderr);
  assert.equal(codeQualityOf(project), []);
  const junit = junitOf(project).testsuites;
  assert.is(Number(junit.failures), 0);
  assert.ok(Number(junit.tests) > 0);
});

gitlab('with the failing tree\'s report as KUBECTL_IOT_BASELINE, the same tree passes', () => {
  const first = runJob('broken', 'first');
  assert.is(first.code, 1);
  const { code, stderr } = runJob('broken', 'again', { KUBECTL_IOT_BASELINE: join(first.project, 'kubectl-iot.json') });
  assert.is(code, 0, stderr);
});

gitlab.run();
