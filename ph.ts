import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFilesSync, encodeParsed } from './plugin/gitops/read-file';
const files: { full: string; shown: string }[] = [];
const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) { const f = join(d, e.name); if (e.isDirectory()) walk(f); else files.push({ full: f, shown: f }); } };
walk(process.argv[2]);
const half = files.slice(0, files.length / 2);
for (let r = 0; r < Number(process.env.R ?? 4); r++) {
  const t = performance.now();
  const out = parseFilesSync(half).map(encodeParsed);
  const t2 = performance.now();
  console.log(r, 'parse+encode', (t2 - t).toFixed(0), 'ms', out.length);
}
