import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkDocument, type Verdict } from './parse-block-check';

const random = suite('the block subset reader on generated documents: declined, or exactly the careful path\'s values and lines');

/** A seeded generator (mulberry32), so that a failure names a document that can be made again. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
type Random = ReturnType<typeof generator>;

// Strings that the core schema, the plain-scalar grammar or the quoting rules treat specially.
const TRICKY = [
  'yes', 'no', 'on', 'off', 'y', 'true', 'True', 'TRUE', 'tRUE', 'false', 'null', 'Null', 'NULL', 'nULL', '~', '',
  '0x1F', '0x', '0xG', '+0x1F', '0o17', '0o8', '0b101', '012', '-0', '+12', '1e3', '1E-3', '1e', '.5', '-.5', '+.5', '0.',
  '1.0', '1.', '.', '..', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1_000', '12345678901234567890', '1:20', '2020-01-01',
  '-', '--', '-1', '-x', '--x', '---', '...', '?', '?x', '? x', ':', ':x', 'x:', 'a: b', 'a:b', 'a :b', '#', '# x', 'a #b',
  'a#b', 'a # b', '"', "'", '"q"', "'q'", "it's", 'say "hi"', '\\', '\\n', 'a\\"b', '&a', '*a', '!t', '!!str', '%x', '@x',
  '`x', '|', '>', '|-', '[]', '{}', '[a]', '{a: 1}', 'a,b', 'a, b', 'a]', 'x{y}', '<<', 'a<<b', 'é', '日本語', '😀',
  'a\u00a0', '\u00a0', 'a  b', ' lead', 'trail ', 'http://x:80/y?a=1&b=2', 'app.kubernetes.io/name', 'v1', 'tenant-000001',
  '__proto__', 'constructor', 'toString', 'x\u2028y',
];
const NAMES = ['a', 'b', 'c', 'name', 'labels', 'spec', 'k8s.io/x', 'a-b', 'a_b', 'A', '1', '2'];

/** A scalar as it may be written: plain (as is, which may well not be valid), double- or single-quoted. */
function scalar(r: Random, pool: readonly string[]): string {
  const value = r.pick(pool);
  const style = r.int(10);
  if (style < 6) return value;
  if (style < 8) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** What may follow a value on its line. */
function after(r: Random): string {
  return r.pick(['', '', '', '', ' # note', '  #: x', '   ', '#x', ' #']);
}

function key(r: Random): string {
  return r.chance(0.85) ? r.pick(NAMES) : scalar(r, TRICKY);
}

function width(r: Random): number {
  return r.chance(0.9) ? r.pick([2, 2, 2, 4, 1, 3]) : r.pick([0, 5]);
}

/** The lines of a random node at `indent`, `depth` levels deep. */
function node(r: Random, indent: number, depth: number, kind = r.int(depth > 3 ? 2 : 5)): string[] {
  const pad = ' '.repeat(indent);
  if (kind <= 1) return [`${pad}${scalar(r, r.chance(0.5) ? TRICKY : NAMES)}${after(r)}`];
  if (kind <= 3) return mapping(r, indent, depth);
  return sequence(r, indent, depth);
}

/** A block scalar's header and lines: mostly the common shape, now and then one of the others. */
function blockLines(r: Random, head: string, indent: number): string[] {
  const header = r.pick(['|', '|', '|-', '>', '>', '>-', '|+', '>+', '|2', '| # c', '>- #c', '|#']);
  const inner = indent + (r.chance(0.9) ? width(r) || 2 : 0);
  const lines = [`${head} ${header}`];
  const count = r.int(5);
  for (let i = 0; i < count; i++) {
    const choice = r.int(10);
    if (choice < 6) lines.push(`${' '.repeat(inner)}${r.pick([...NAMES, ...TRICKY])}`);
    else if (choice < 7) lines.push(`${' '.repeat(inner + 1 + r.int(2))}${r.pick(NAMES)}`);
    else if (choice < 9) lines.push(' '.repeat(r.pick([0, 0, inner, inner + 1, 1])));
    else lines.push(`${' '.repeat(inner)}# not a comment`);
  }
  return lines;
}

function value(r: Random, head: string, indent: number, depth: number): string[] {
  const choice = r.int(11);
  if (choice === 10) return blockLines(r, head, indent);
  if (choice < 4) return [`${head} ${scalar(r, TRICKY)}${after(r)}`];
  if (choice < 5) return [`${head}${r.pick(['', ' # empty', ' {}', ' []', ' {} # x', ' [ ]'])}`];
  if (choice < 6 || depth > 4) return [`${head} ${scalar(r, NAMES)}`];
  if (r.chance(0.3)) return [head, ...sequence(r, indent + (r.chance(0.5) ? 0 : width(r)), depth + 1)]; // or indentless
  return [head, ...node(r, indent + width(r), depth + 1)];
}

function mapping(r: Random, indent: number, depth: number): string[] {
  const lines: string[] = [];
  const count = 1 + r.int(4);
  for (let i = 0; i < count; i++) lines.push(...value(r, `${' '.repeat(indent)}${key(r)}:`, indent, depth));
  return lines;
}

function sequence(r: Random, indent: number, depth: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    const choice = r.int(10);
    if (choice < 2) lines.push(`${pad}- ${scalar(r, TRICKY)}${after(r)}`);
    else if (choice < 3) lines.push(...blockLines(r, `${pad}-`, indent));
    else if (choice < 4) lines.push(`${pad}-${r.pick(['', ' # empty', ' {}', ' []'])}`);
    else if (choice < 8 && depth <= 4) {
      // A compact mapping: its first key on the dash's line, the others under it.
      const gap = r.chance(0.85) ? 1 : 3;
      const [first, ...rest] = mapping(r, indent + 1 + gap, depth + 1);
      lines.push(`${pad}-${' '.repeat(gap)}${first.trimStart()}`, ...rest);
    } else if (depth <= 4) {
      lines.push(r.chance(0.9) ? `${pad}-` : `${pad}- # nested`, ...node(r, indent + Math.max(width(r), 1), depth + 1));
    } else lines.push(`${pad}- ${scalar(r, NAMES)}`);
  }
  return lines;
}

/** A document: a random root, with comments, blank lines and now and then a line indented one space off. */
function document(r: Random): string {
  const lines = node(r, r.chance(0.9) ? 0 : 2, 0, r.chance(0.8) ? 2 : r.int(5));
  const out: string[] = r.pick([[], [], ['---'], ['# head', '---'], ['---  '], ['# only a comment']]);
  for (const line of lines) {
    if (r.chance(0.05)) out.push(`${' '.repeat(r.int(6))}# comment`);
    if (r.chance(0.05)) out.push(r.pick(['', '  ']));
    out.push(r.chance(0.02) ? ` ${line}` : r.chance(0.02) ? line.slice(1) : line);
  }
  return out.join('\n') + (r.chance(0.9) ? '\n' : '');
}

random('generated documents of tricky keys, scalars, nesting, comments and indentation', () => {
  const r = generator(20261201);
  const counts: Record<Verdict, number> = { taken: 0, declined: 0 };
  for (let i = 0; i < 4000; i++) {
    const text = document(r);
    counts[checkDocument(text, `document ${i}`)]++;
  }
  // Both outcomes must be common, or the test has stopped testing one side.
  assert.ok(counts.taken > 1000 && counts.declined > 1000, JSON.stringify(counts));
});

random('number-like plain scalars resolve as the core schema resolves them', () => {
  const r = generator(7);
  const alphabet = [...'0123456789+-._eExXoOabcfABCF:~nNlLtTrRuUsS'];
  let taken = 0;
  for (let i = 0; i < 5000; i++) {
    const length = 1 + r.int(6);
    let text = '';
    for (let k = 0; k < length; k++) text += r.pick(alphabet);
    const where = r.int(3);
    const doc = where === 0 ? `v: ${text}\n` : where === 1 ? `- ${text}\n` : `${text}: v\n`;
    if (checkDocument(doc, JSON.stringify(doc)) === 'taken') taken++;
  }
  assert.ok(taken > 4000, `${taken}`);
});

random.run();
