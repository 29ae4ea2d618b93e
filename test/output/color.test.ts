import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { palette } from '../../plugin/output/color';

const color = suite('palette (util.styleText)');

/** Runs `body` with the environment variables set (a value) or removed (undefined), then restores them. */
function withEnv(vars: Record<string, string | undefined>, body: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    body();
  } finally {
    apply(saved);
  }
}

// NO_COLOR set (and stdout a pipe under the test runner): styleText's own check of stdout (Node >= 20.18) would
// drop the codes, but the caller (context.ts colorFor) has decided already, often for stderr or a file.
color('colours when enabled whatever stdout and NO_COLOR say, with the codes the goldens hold', () => {
  withEnv({ NO_COLOR: '1', FORCE_COLOR: undefined }, () => {
    const on = palette(true);
    assert.is(on.red('x'), '\u001b[31mx\u001b[39m');
    assert.is(on.yellow('x'), '\u001b[33mx\u001b[39m');
    assert.is(on.green('x'), '\u001b[32mx\u001b[39m');
    assert.is(on.bold('x'), '\u001b[1mx\u001b[22m');
    // Nested styles keep each other: the inner reset closes only its own style.
    assert.is(on.bold(on.red('x')), '\u001b[1m\u001b[31mx\u001b[39m\u001b[22m');
  });
});

color('returns text unchanged when disabled, even with FORCE_COLOR', () => {
  withEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }, () => {
    const off = palette(false);
    assert.equal([off.red('x'), off.yellow('x'), off.green('x'), off.bold('x')], ['x', 'x', 'x', 'x']);
  });
});

color.run();
