/** `kubectl iot version`: what a bug report needs, as `kubectl version` gives it. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';

const version = suite('commands/version (in-process, on the sources)');

version('-o json: plugin version, the sha256 of the policy bundle inside, the OPA that built it, Node and platform', async () => {
  const result = await runInProcess(['version', '-o', 'json']);
  assert.is(result.code, 0, result.stderr);
  const info = JSON.parse(result.stdout);
  const pinned = /^OPA_VERSION=v(\S+)$/m.exec(readFileSync(join(ROOT, 'scripts', 'tools.env'), 'utf8'))![1];
  assert.equal(info, {
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    policyBundle: {
      sha256: createHash('sha256').update(readFileSync(join(ROOT, 'policies', 'build', 'policy.wasm'))).digest('hex'),
      opa: pinned,
    },
    node: process.versions.node,
    platform: `${process.platform}/${process.arch}`,
  });
  assert.equal(parse((await runInProcess(['version', '-o', 'yaml'])).stdout), info);
  const text = (await runInProcess(['version'])).stdout;
  assert.is(text, `kubectl-iot ${info.version}\nPolicy bundle: sha256:${info.policyBundle.sha256} (built by OPA ${pinned})\n` +
    `Node: v${info.node} ${info.platform}\n`);
});

version.run();
