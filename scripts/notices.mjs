// Third-party notices for what esbuild bundles: every npm package whose code ends up in an output file, with
// its licence text. The bundle drops the packages' own files, so their notices must travel beside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package folders (node_modules/<name> or node_modules/@scope/<name>) behind a metafile's inputs. */
function packagesOf(metafile) {
  const folders = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) folders.add(match[1]);
    }
  }
  return [...folders];
}

function licenceText(folder) {
  const file = readdirSync(folder).find((name) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(name));
  return file ? readFileSync(join(folder, file), 'utf8').trim() : undefined;
}

/** The notices text for the packages bundled by the builds whose metafiles are given (paths relative to root). */
export function thirdPartyNotices(metafiles, root = process.cwd()) {
  const entries = new Map();
  for (const folder of metafiles.flatMap(packagesOf).map((relative) => join(root, relative))) {
    if (!existsSync(join(folder, 'package.json'))) continue;
    const { name, version, license } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    entries.set(`${name}@${version}`, { name, version, license, text: licenceText(folder) });
  }
  const sorted = [...entries.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const sections = sorted.map((p) => [
    `${p.name} ${p.version} (${typeof p.license === 'string' ? p.license : 'see below'})`,
    p.text ?? `No licence file in the package; package.json says: ${JSON.stringify(p.license ?? 'nothing')}.`,
  ].join('\n\n'));
  return [
    'kubectl-iot bundles the following npm packages into its JavaScript files. Their licences follow.',
    ...sections,
  ].join(`\n\n${'-'.repeat(78)}\n\n`) + '\n';
}
