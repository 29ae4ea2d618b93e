/**
 * `check` never throws on random YAML-shaped input: read (parse -> inventory) and evaluated with the policy
 * pack in process, any text yields a consistent report or a CliError (one problem a line), and nothing else.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { CliError } from '../../plugin/errors';
import { loadEvaluator, type Evaluator } from '../../plugin/policy/evaluate';
import { PARAMS } from '../helpers/arbitraries';
import { loneSurrogateManifest, yamlishText } from '../helpers/arbitraries-check';
import { assertCleanReport, assertErrorLines, checkText } from './oracle';

/** No single input may take longer than this (a hang would stop the suite; the binary suite kills those). */
const SLOW_MS = 3000;
/** Shrinking a large counterexample can take minutes: stop it (reporting the best one so far) after this. */
const SHRINK_BUDGET = { interruptAfterTimeLimit: 45_000, markInterruptAsFailure: true };

const check = suite('property: check never throws on YAML-shaped input (in process, policy.wasm)');
let engine: Evaluator;

check.before(async () => {
  engine = await loadEvaluator();
});

check('a consistent report or a CliError of error lines, never another exception, never a hang', async () => {
  let reports = 0;
  let errors = 0;
  await fc.assert(fc.asyncProperty(yamlishText, async (text) => {
    const started = Date.now();
    const outcome = await checkText(engine, text);
    const took = Date.now() - started;
    assert.ok(took < SLOW_MS, `took ${took} ms`);
    if (outcome instanceof CliError) {
      errors++;
      assertErrorLines(outcome);
    } else {
      reports++;
      assertCleanReport(outcome);
    }
  }), { ...PARAMS, ...SHRINK_BUDGET });
  // The generator must exercise both outcomes, or the property says little.
  assert.ok(reports > 100 && errors > 50, `${reports} reports, ${errors} errors`);
});

check.run();

const bug = suite('property: lone surrogates (a bug these properties found, now fixed)');

bug.before(async () => {
  engine = await loadEvaluator();
});

bug('a string escaping a lone surrogate ("\\ud800") gives a report or a CliError naming the file', async () => {
  // JSON.stringify writes the lone surrogate as \ud800 and the wasm module's JSON reader refuses it: a plain
  // Error "policy evaluation failed: illegal string escape character" for any tree holding such a string.
  await fc.assert(fc.asyncProperty(loneSurrogateManifest, async (text) => {
    const outcome = await checkText(engine, text);
    if (outcome instanceof CliError) assertErrorLines(outcome);
    else assertCleanReport(outcome);
  }), { ...PARAMS, ...SHRINK_BUDGET });
});

bug.run();
