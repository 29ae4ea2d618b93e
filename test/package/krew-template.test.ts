/**
 * krew.yaml, the template of the release manifest: it follows package.json (version, homepage), passes Krew's own
 * validation once its placeholders are filled, and package.json's repository and bugs point at the same place.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  archiveName, krewManifest, packageInfo, PLACEHOLDER, releaseUrl, TEMPLATE, templatePlatforms, templateProblems,
  validateManifest,
} from '../../scripts/gen-krew';
import { underCi } from '../helpers/ci';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const template = suite('krew.yaml: the template of the Krew manifest follows package.json and passes Krew\'s validation');
const text = readFileSync(TEMPLATE, 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
let tmp: ReturnType<typeof tempDir>;
template.before(() => {
  tmp = tempDir('kubectl-iot-krew-template-');
});
template.after(() => tmp?.cleanup());

const hasValidator = (process.env.PATH ?? '').split(delimiter).some((d) => existsSync(join(d, 'validate-krew-manifest')));

/** Dummy archives for every platform of the template, each with its own fake sha256. */
const dummies = () => templatePlatforms().map((platform, i) => {
  const [os, arch] = platform.split('/');
  return { os, arch, file: archiveName(os, arch), sha256: `${i}`.repeat(60) + 'abcd' };
});

template('it lists the five platforms, each with the placeholder, and its version is package.json\'s', () => {
  assert.equal(templatePlatforms(), ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64']);
  assert.equal(templateProblems(text), []);
  assert.ok(text.includes(`\n  version: v${pkg.version}\n`));
  assert.is(text.split(`sha256: "${PLACEHOLDER}"`).length - 1, 5);
});

template('a template behind package.json is refused: its version, homepage and uris are named', () => {
  const ahead = { version: '9.9.9', homepage: 'https://github.com/example/elsewhere' };
  const problems = templateProblems(text, ahead);
  assert.ok(problems.some((p) => p.startsWith('krew.yaml: spec.version is "v0.') && p.endsWith('expected "v9.9.9"')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('krew.yaml: spec.homepage')));
  assert.is(problems.filter((p) => p.includes('.uri is')).length, 5);
  assert.throws(() => krewManifest(dummies(), undefined, text.replace(`v${pkg.version}`, 'v0.0.0-other')), /spec\.version/);
});

template('rendering fills each platform\'s sha256 and keeps the release uris', () => {
  const rendered = krewManifest(dummies());
  assert.not.ok(rendered.includes(PLACEHOLDER));
  assert.not.ok(rendered.includes('# The Krew manifest'), 'the template\'s comments are left out');
  for (const { os, arch, file, sha256 } of dummies()) {
    assert.ok(rendered.includes(`        os: ${os}\n        arch: ${arch}\n    uri: ${releaseUrl(packageInfo())}/${file}\n` +
      `    sha256: ${sha256}\n`), `${os}/${arch} in\n${rendered}`);
  }
  const one = krewManifest(dummies().slice(0, 1), 'http://127.0.0.1:1');
  assert.is(one.split('- selector:').length - 1, 1);
  assert.ok(one.includes('    uri: http://127.0.0.1:1/kubectl-iot_linux_amd64.tar.gz\n'));
});

(hasValidator || underCi() ? template : template.skip)(
  'validate-krew-manifest accepts the template rendered with dummy sha256 values, and rejects the bare placeholder',
  async () => {
    const rendered = join(tmp.dir, 'rendered.yaml');
    writeFileSync(rendered, krewManifest(dummies()));
    const ok = await validateManifest(rendered, false);
    assert.ok(ok.ok, ok.output);
    const bare = await validateManifest(TEMPLATE, false);
    assert.not.ok(bare.ok, 'the placeholder is not a sha256');
    assert.match(bare.output, /sha256/);
  });

template('package.json\'s homepage decides the project\'s place: repository and bugs are on the same GitHub repository', () => {
  assert.match(pkg.homepage, /^https:\/\/github\.com\/[\w-]+\/kubectl-iot$/);
  assert.equal(pkg.repository, { type: 'git', url: `git+${pkg.homepage}.git` });
  assert.equal(pkg.bugs, { url: `${pkg.homepage}/issues` });
});

template.run();
