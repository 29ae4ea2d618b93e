/** `npm run bench`: timings to read, not to assert (tests never time things). Medians of several runs. */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';
import { benchCheckVsConftest, benchColdStart } from './cli';
import { benchPolicies } from './policy';

async function main(): Promise<void> {
  // Time the CLI as shipped: bundle it first.
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  console.log(`bench on ${process.platform} ${process.arch}, Node ${process.version}, ${cpus().length} cores`);
  benchCheckVsConftest();
  benchColdStart();
  await benchPolicies();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
