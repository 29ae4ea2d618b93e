// Bundles the plugin with esbuild. The CLI is one file; the cluster client (@kubernetes/client-node,
// 400-550 ms to import) is a second file that only commands touching a cluster load.
import { build } from 'esbuild';
import { asciiBundle, YARGS_ALIASES, YARGS_PLUGIN } from './bundle-options.mjs';
import { thirdPartyNotices } from './notices.mjs';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: { KUBECTL_IOT_VERSION: JSON.stringify(version), KUBECTL_IOT_SEA: 'false' },
  alias: YARGS_ALIASES,
  plugins: [YARGS_PLUGIN],
};

mkdirSync('dist', { recursive: true });
mkdirSync('bin', { recursive: true });
const results = await Promise.all([
  build({ ...common, metafile: true, entryPoints: ['plugin/cli.ts'], outfile: 'dist/kubectl-iot.cjs', external: ['./cluster.cjs'] }),
  build({ ...common, metafile: true, entryPoints: ['plugin/cluster/index.ts'], outfile: 'dist/cluster.cjs' }),
  // The worker threads of `check` (plugin/threads/pool.ts): the manifest parser, the engine and opa-wasm.
  build({ ...common, metafile: true, entryPoints: ['plugin/threads/worker.ts'], outfile: 'dist/worker.cjs' }),
]);
for (const file of ['dist/kubectl-iot.cjs', 'dist/cluster.cjs', 'dist/worker.cjs']) asciiBundle(file);
// The bundles keep no licence comments; the bundled packages' licences ship beside them instead.
writeFileSync('dist/THIRD-PARTY-NOTICES.txt', thirdPartyNotices(results.map((r) => r.metafile)));

writeFileSync('bin/kubectl-iot', readFileSync('scripts/launcher.cjs', 'utf8'));
chmodSync('bin/kubectl-iot', 0o755);
