/** `check --write FORMAT=FILE`: several reports from one run, each the same as `-o FORMAT` would print. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';

const write = suite('check --write (in-process, on the sources)');
const BROKEN = join(ROOT, 'examples', 'broken');
let tmp: ReturnType<typeof tempDir>;
write.before.each(() => {
  tmp = tempDir();
});
write.after.each(() => tmp.cleanup());

write('writes each format to its file, as -o would print it, and keeps the exit code and stdout of -o', async () => {
  const [sarif, junit, markdown] = ['a.sarif', 'b.xml', 'c.md'].map((name) => join(tmp.dir, name));
  const result = (await runInProcess(['check', '-o', 'github', '--write', `sarif=${sarif}`, BROKEN, '--write', `junit=${junit}`,
    '--write', `markdown=${markdown}`]));
  assert.is(result.code, 1, result.stderr);
  assert.is(result.stdout, (await runInProcess(['check', '-o', 'github', BROKEN])).stdout);
  for (const [format, file] of [['sarif', sarif], ['junit', junit], ['markdown', markdown]]) {
    assert.is(readFileSync(file, 'utf8'), (await runInProcess(['check', '-o', format, BROKEN])).stdout, format);
  }
});

for (const [value, problem] of [
  ['sarif', /--write "sarif": expected FORMAT=FILE, for example --write sarif=iot\.sarif/],
  ['html=x.html', /--write "html=x\.html": unknown format "html": use one of text, json, .*codequality/],
  ['sarif=/nonexistent-dir/x.sarif', /--write sarif=\/nonexistent-dir\/x\.sarif: no such file or directory/],
] as const) {
  write(`--write ${value}: one line on stderr, exit 2`, async () => {
    const { code, stderr } = await runInProcess(['check', '--write', value, BROKEN]);
    assert.is(code, 2);
    assert.is(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.match(stderr, problem);
  });
}

write.run();
