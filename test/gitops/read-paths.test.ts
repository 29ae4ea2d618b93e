/** How the reader names folders in its problems (plugin/gitops/read-paths.ts): from the root, else the caller's cwd. */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { folderName } from '../../plugin/gitops/read-paths';

const test = suite('gitops/read-paths folderName');

test('a folder below the root is named from the root; the root itself from the working directory it is given', () => {
  const root = join('/', 'work', 'repo');
  assert.is(folderName(root, join(root, 'apps', 'iot'), '/elsewhere'), 'apps/iot');
  assert.is(folderName(root, root, join('/', 'work')), 'repo');
  assert.is(folderName(root, root, root), '.');
  // Outside the working directory: the path as given.
  assert.is(folderName(root, root, join('/', 'other')), root);
});

test.run();
