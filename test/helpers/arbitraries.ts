/**
 * fast-check arbitraries for the property suites (test/property): Kubernetes names (valid, nearly valid and
 * arbitrary), builder inputs and kustomization.yaml texts with comments. YAML-shaped garbage for `check` is in
 * arbitraries-check.ts.
 */
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { underCi } from './ci';

/** Every property runs at least this many times (fast-check prints the seed and the shrunk counterexample). */
export const RUNS = 1000;
/** fast-check parameters of every property: RUNS runs, and the failing assertion's message in the report. */
export const PARAMS = { numRuns: RUNS, includeErrorInReport: true };

/**
 * The seed of every property in this process. Under CI one fixed seed, so a run is repeatable and a submission
 * cannot fail by chance; elsewhere a new one each time (fast-check prints it), to find what the fixed one does not.
 * FC_SEED=N replays a run.
 */
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : underCi() ? 20261201 : undefined;
if (SEED !== undefined) fc.configureGlobal({ seed: SEED });

/** The Kubernetes regexes (k8s.io/apimachinery/pkg/util/validation), written out again as the oracle. */
export const K8S_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const K8S_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const HONO_TENANT = /^[a-zA-Z0-9-_\.]+$/;
export const isK8sLabel = (s: string): boolean => s.length <= 63 && K8S_LABEL.test(s);
export const isK8sSubdomain = (s: string): boolean => s.length <= 253 && K8S_SUBDOMAIN.test(s);

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}0123456789`;
const alnum = fc.constantFrom(...ALNUM);

/** A length in 1..max, often tiny and often at or just below the limit. */
function lengthUpTo(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: 1, max: Math.min(8, max) }),
    fc.integer({ min: Math.max(1, max - 3), max }),
    fc.integer({ min: 1, max }),
  );
}

/**
 * Exactly `length` characters from [a-z0-9.-] (no '.' when `dots` is false), repaired left to right into a
 * valid name: alphanumeric first and last, no '.' after '.' or '-', no '-' after '.'. Repairs keep the length.
 */
function repairedName(length: number, dots: boolean): fc.Arbitrary<string> {
  const separator = dots ? fc.constantFrom('-', '.') : fc.constant('-');
  const char = fc.oneof({ arbitrary: alnum, weight: 5 }, { arbitrary: separator, weight: 1 });
  return fc.tuple(fc.array(char, { minLength: length, maxLength: length }), alnum).map(([chars, fix]) => {
    const out: string[] = [];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const prev = out[i - 1];
      const last = i === chars.length - 1;
      const ok = i === 0 ? ALNUM.includes(c)
        : c === '.' ? !last && ALNUM.includes(prev)
          : c === '-' ? !last && prev !== '.'
            : true;
      out.push(ok ? c : fix);
    }
    return out.join('');
  });
}

/** A valid DNS-1123 label (a namespace name), lengths 1..63 with the limit drawn often. */
export const dnsLabel = (max = 63): fc.Arbitrary<string> => lengthUpTo(max).chain((n) => repairedName(n, false));

/** A valid DNS-1123 subdomain (metadata.name), lengths 1..253 with the limit drawn often. */
export const dnsSubdomain = (max = 253): fc.Arbitrary<string> => lengthUpTo(max).chain((n) => repairedName(n, true));

/** Characters that break names in interesting ways: case, '_', separators, whitespace, look-alikes, controls. */
const BAD_CHARS = [
  'A', 'Z', '_', '-', '.', '..', ' ', '\n', '\t', '\r', '/', ':', '@', '*', '\u0000', 'é', 'ı', '\u212A' /* Kelvin K */,
  'ａ' /* fullwidth a */, 'ß', '😀', '\u200B' /* zero-width space */, '\uFEFF', '٣' /* Arabic-Indic 3 */,
];

/** A valid name with one or two small mutations; may or may not stay valid (the oracle decides). */
export function nearName(): fc.Arbitrary<string> {
  const base = fc.oneof(dnsLabel(), dnsSubdomain());
  const mutation = fc.oneof(
    fc.tuple(fc.constantFrom(...BAD_CHARS), fc.nat()).map(([c, at]) => (s: string) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + c + s.slice(i);
    }),
    fc.constantFrom(
      (s: string) => `-${s}`, (s: string) => `${s}-`, (s: string) => `.${s}`, (s: string) => `${s}.`,
      (s: string) => `${s}\n`, (s: string) => ` ${s}`, (s: string) => s.toUpperCase(),
      (s: string) => s.replace('.', '..'), (s: string) => s.replace(/[a-z]/, (c) => c.toUpperCase()),
      (s: string) => `${s}.${s}`, (s: string) => s.padEnd(63, 'a'), (s: string) => s.padEnd(64, 'a'),
      (s: string) => s.padEnd(253, 'b'), (s: string) => s.padEnd(254, 'b'), (s: string) => s.slice(1),
      (s: string) => s.slice(0, -1), (s: string) => s.replaceAll('-', '_'), (s: string) => s.replace(/.$/, '-'),
      (s: string) => '',
    ),
  );
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 2 }))
    .map(([s, ms]) => ms.reduce((acc, m) => m(acc), s));
}

/** Any string: arbitrary code points, name-ish alphabets, and long runs around the length limits. */
export function anyName(): fc.Arbitrary<string> {
  const nameish = fc.constantFrom(...`${ALNUM}-.`, ...BAD_CHARS);
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: nameish, maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...`${ALNUM}-.`), minLength: 58, maxLength: 68 }),
    fc.string({ unit: fc.constantFrom(...`${ALNUM}-.`), minLength: 248, maxLength: 258 }),
    fc.string({ unit: fc.constantFrom(...`${ALNUM}-_.AZ`), minLength: 250, maxLength: 262 }),
  );
}

/** A name to throw at the validators: valid, nearly valid, or anything. */
export const nameCandidate = (): fc.Arbitrary<string> =>
  fc.oneof(dnsLabel(), dnsSubdomain(), nearName(), nearName(), anyName());

// ---------------------------------------------------------------------------------------------------------------
// kustomization.yaml texts

/** Whether YAML reads `text` as exactly that string, under YAML 1.2 (the plugin) and 1.1 (kustomize's reader). */
export const plainString = (text: string): boolean =>
  parse(text) === text && parse(text, { version: '1.1' }) === text;

/**
 * A resource path as the plugin writes them: a file or folder name, maybe in a folder. Never starts with '.',
 * and always a plain string in YAML (see yamlAmbiguousName for the names that are not).
 */
export const resourcePath = (): fc.Arbitrary<string> => {
  const segment = fc.tuple(alnum, fc.string({ unit: fc.constantFrom(...`${ALNUM}-_.`), maxLength: 12 }))
    .map(([a, b]) => a + b);
  return fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '.yaml', '.yml', '.json'))
    .map(([parts, ext]) => parts.join('/') + ext)
    .filter(plainString);
};

/**
 * Valid namespace names (DNS-1123 labels, so also the folder names `create` registers) that YAML does not read
 * as strings when written bare: numbers, booleans and null of YAML 1.2, and YAML 1.1's (kustomize reads those).
 */
export const yamlAmbiguousName = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('123', '1e3', '0x1f', '0o17', '0777', '0b1', 'true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n'),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 10 }),
  ).filter((name) => isK8sLabel(name) && !plainString(name));

/** Comment text, unique per use (a numbered marker), so the suite can find each comment in the output. */
const commentBody = fc.string({ unit: fc.constantFrom(...`${ALNUM} -_:#"'[]{},&*!|>%@\``, 'é', '😀'), maxLength: 20 });

export interface KustomizationCase {
  text: string;
  /** The entries of `resources` as the text lists them (parsed values), in order; undefined without the key. */
  resources: string[] | undefined;
  /** Whether the list is written in flow style (`[a, b]`), which the writer rewrites through the yaml package. */
  flow: boolean;
  /** Every comment of the text, each containing a unique marker. */
  comments: string[];
}

/** A kustomization.yaml with comments in many places: header, between keys, inline, inside the list, trailer. */
export function kustomizationText(): fc.Arbitrary<KustomizationCase> {
  const style = fc.constantFrom('block', 'block-indented', 'block-deep', 'flow', 'flow-multiline', 'none');
  const entries = fc.uniqueArray(
    fc.oneof(
      { arbitrary: resourcePath().map((p) => ({ value: p, written: p })), weight: 6 },
      { arbitrary: resourcePath().map((p) => ({ value: `./${p}`, written: `./${p}` })), weight: 1 },
      { arbitrary: resourcePath().map((p) => ({ value: p, written: `"${p}"` })), weight: 1 },
      { arbitrary: resourcePath().map((p) => ({ value: p, written: `'${p}'` })), weight: 1 },
      { arbitrary: resourcePath().map((p) => ({ value: `../${p}`, written: `../${p}` })), weight: 1 },
    ),
    { maxLength: 6, selector: (e) => e.value.replace(/^\.\//, '') },
  );
  // Where comments go: a bitmask of places (header, after each key, inline on keys and entries, in the list, end).
  const places = fc.record({
    header: fc.nat({ max: 3 }),
    blankAfterHeader: fc.boolean(),
    inlineKeys: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    between: fc.array(fc.nat({ max: 2 }), { minLength: 6, maxLength: 6 }),
    inlineEntries: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    inList: fc.array(fc.constantFrom('none', 'item', 'col0', 'deeper'), { minLength: 7, maxLength: 7 }),
    onResourcesKey: fc.boolean(),
    trailer: fc.nat({ max: 2 }),
    finalNewline: fc.boolean(),
    spaces: fc.constantFrom(' ', '  ', '   '),
  });
  const otherKeys = fc.shuffledSubarray(['apiVersion', 'kind', 'namespace', 'labels', 'images', 'namePrefix'], {
    minLength: 0, maxLength: 6,
  });
  return fc.tuple(style, entries, places, otherKeys, fc.nat({ max: 6 }), fc.array(commentBody, { minLength: 40, maxLength: 40 }))
    .map(([listStyle, list, p, keys, resourcesAt, bodies]) => {
      let counter = 0;
      const comments: string[] = [];
      const comment = (): string => {
        const text = `# c${counter}~ ${bodies[counter % bodies.length]}`.trimEnd();
        counter++;
        comments.push(text);
        return text;
      };
      const inline = (line: string, yes: boolean) => (yes ? `${line}${p.spaces}${comment()}` : line);
      const keyPieces: { lines: string[] }[] = keys.map((key, i) => {
        switch (key) {
          case 'apiVersion': return { lines: [inline('apiVersion: kustomize.config.k8s.io/v1beta1', p.inlineKeys[i])] };
          case 'kind': return { lines: [inline('kind: Kustomization', p.inlineKeys[i])] };
          case 'namespace': return { lines: [inline('namespace: ns1', p.inlineKeys[i])] };
          case 'namePrefix': return { lines: [inline('namePrefix: "p-"', p.inlineKeys[i])] };
          case 'labels': return { lines: ['labels:', inline('- pairs:   {team: iot}', p.inlineKeys[i]), '  includeSelectors: false'] };
          default: return { lines: ['images:', '  - name: hono', inline('    newTag: "1.4"', p.inlineKeys[i])] };
        }
      });
      let resources: string[] | undefined;
      if (listStyle !== 'none') {
        resources = list.map((e) => e.value);
        const lines: string[] = [];
        if (listStyle === 'flow') {
          lines.push(inline(`resources: [${list.map((e) => e.written).join(', ')}]`, p.onResourcesKey));
        } else if (listStyle === 'flow-multiline') {
          lines.push(inline('resources: [', p.onResourcesKey));
          list.forEach((e, i) => lines.push(inline(`  ${e.written}${i < list.length - 1 ? ',' : ''}`, p.inlineEntries[i])));
          lines.push(']');
        } else if (list.length === 0) {
          lines.push(inline('resources: []', p.onResourcesKey));
        } else {
          const indent = listStyle === 'block' ? '' : listStyle === 'block-indented' ? '  ' : '    ';
          lines.push(inline('resources:', p.onResourcesKey));
          list.forEach((e, i) => {
            const where = p.inList[i];
            if (where === 'item') lines.push(`${indent}${comment()}`);
            if (where === 'col0') lines.push(comment());
            lines.push(inline(`${indent}- ${e.written}`, p.inlineEntries[i]));
            if (where === 'deeper') lines.push(`${indent}    ${comment()}`);
          });
          const after = p.inList[6];
          if (after === 'item') lines.push(`${indent}${comment()}`);
          if (after === 'col0') lines.push(comment());
        }
        keyPieces.splice(Math.min(resourcesAt, keyPieces.length), 0, { lines });
      }
      const out: string[] = [];
      for (let i = 0; i < p.header; i++) out.push(comment());
      if (p.header > 0 && p.blankAfterHeader) out.push('');
      keyPieces.forEach((piece, i) => {
        out.push(...piece.lines);
        for (let j = 0; j < (p.between[i] ?? 0); j++) out.push(j === 1 ? '' : comment());
      });
      for (let i = 0; i < p.trailer; i++) out.push(comment());
      let text = out.join('\n');
      if (text.length > 0 && p.finalNewline) text += '\n';
      const flow = listStyle !== 'none' && (listStyle.startsWith('flow') || list.length === 0);
      return { text, resources, flow, comments };
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Builder inputs

/** Control characters, which `create infrastructure` refuses in its JDBC flags (YAML cannot carry them raw). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A JDBC URL the `create infrastructure` flag check accepts, with anything printable after the driver. */
export const jdbcUrl = (): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ unit: alnum, minLength: 1, maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 60 }))
    .map(([driver, rest]) => `jdbc:${driver}:${rest.replace(new RegExp(CONTROL, 'g'), '')}`);

/** Free text for passwords, user names and database names (any code points but control characters). */
export const freeText = (): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }).map((t) => t.replace(new RegExp(CONTROL, 'g'), '')),
    fc.constantFrom('', 'true', 'null', '0x1F', '1e3', '~', '- a', 'a: b', '#x', "'", '"'));
