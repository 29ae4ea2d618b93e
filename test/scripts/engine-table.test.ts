import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BEGIN, END, engineTable, withTable } from '../../scripts/gen-engine-table';
import { ROOT } from '../helpers/cli';
import { exportedPolicies, policyId } from '../helpers/vap';

const table = suite('scripts/gen-engine-table: the README\'s engine x policy table');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
let generated: string;

table.before(async () => {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    generated = await engineTable();
  } finally {
    process.chdir(cwd);
  }
});

table('README.md holds the table the script writes from policies.json and the exports (npm run generate)', () => {
  assert.fixture(withTable(readme, generated), readme);
});

table('the VAP column is the export\'s bindings: Deny or Warn where a policy is exported, - elsewhere', () => {
  const actions = new Map(exportedPolicies().map(({ policy, action }) => [policyId(policy), action]));
  const rows = generated.split('\n').filter((line) => line.startsWith('| `'));
  assert.ok(rows.length > actions.size);
  for (const row of rows) {
    const cells = row.split('|').map((c) => c.trim());
    const id = cells[1].replaceAll('`', '');
    assert.is(cells[6], actions.get(id) ?? '-', id);
  }
});

table('every engine names at least one suite that runs it', () => {
  for (const engine of ['check (wasm)', 'conftest', 'Gatekeeper', 'Kyverno', 'VAP']) {
    assert.match(generated, new RegExp(`^- ${engine.replace(/[()]/g, '\\$&')}: \`[^\\n]+\\.test\\.ts\``, 'm'), engine);
  }
});

table('a README without the markers is refused rather than appended to', () => {
  assert.throws(() => withTable('# no table here\n', generated), /lacks the markers/);
  assert.ok(readme.includes(BEGIN) && readme.includes(END));
});

table.run();
