/**
 * The glob patterns of an Argo CD directory source (spec.source.directory.include and .exclude), matched as Argo CD
 * matches them: its reposerver tests each manifest's path from the source folder (`dir/file.yaml`) against the whole
 * pattern with gobwas/glob and no separators, so `*` and `**` match any text, `/` included; `?` matches one
 * character; `[abc]`, `[a-z]` and `[!...]` match one character of (or not of) a class; `{a,b}` matches one of the
 * alternatives, which may hold patterns; `\` makes the next character literal. A pattern that does not compile matches
 * nothing (Argo CD logs it and goes on), so an include that is broken includes no file and an exclude excludes none.
 */

/**
 * `pattern` as an anchored regular expression, or undefined when gobwas/glob v0.2.3 refuses to compile it. Its
 * grammar, as its lexer reads it: `{` opens alternatives, which `,` separates and `}` closes (outside them both are
 * plain text; the end of the pattern closes any left open); `[` opens a class: `!` first negates it, `X-Y` is a range
 * (exactly one character each side, then `]`; X above Y is an error), anything else up to `]` is a list, and an
 * empty one is an error; `\` makes the next character plain (a `\` at the very end is dropped).
 * One quirk of its matcher is kept, since Argo CD has it: an alternative that is text, stars, text (`a*a`) matches
 * what starts with the one and ends with the other, overlapping (so "a"). Others are not: empty alternatives (`{}`,
 * `{a,}`) and a `{` left open confuse its optimizer, and not even consistently (`*{}` matches nothing, `{}**`
 * everything, `a{}` panics); here they mean what they say.
 */
export function argoGlob(pattern: string): RegExp | undefined {
  const chars = [...pattern];
  let at = 0;
  let failed = false;
  const classAt = (): string => {
    let negated = false;
    if (chars[at] === '!') {
      negated = true;
      at++;
    }
    const first = chars[at];
    if (first === undefined) return fail();
    if (chars[at + 1] === '-') {
      const [lo, hi] = [first, chars[at + 2]];
      if (hi === undefined || chars[at + 3] !== ']') return fail();
      if (lo.codePointAt(0)! > hi.codePointAt(0)!) return fail();
      at += 4;
      return `[${negated ? '^' : ''}${classLiteral(lo)}-${classLiteral(hi)}]`;
    }
    let list = '';
    while (at < chars.length && chars[at] !== ']') {
      if (chars[at] === '\\') at++;
      if (at < chars.length) list += classLiteral(chars[at++]);
    }
    if (chars[at] !== ']' || list === '') return fail();
    at++;
    return `[${negated ? '^' : ''}${list}]`;
  };
  const fail = (): string => {
    failed = true;
    return '';
  };
  const sequence = (depth: number): string => {
    const options: string[] = [];
    // The alternative being read: its regular expression, and its shape when it is text, stars, text.
    let current = '';
    let shape = { prefix: '', stars: false, suffix: '', other: false };
    const end = () => {
      // gobwas/glob matches TEXT*TEXT as "starts with one, ends with the other", which may overlap: `a*a` takes "a".
      const { prefix, stars, suffix, other } = shape;
      options.push(!other && stars && prefix !== '' && suffix !== '' ? `(?=${prefix})[^]*${suffix}` : current);
      current = '';
      shape = { prefix: '', stars: false, suffix: '', other: false };
    };
    const text = (piece: string) => {
      current += piece;
      if (shape.stars) shape.suffix += piece;
      else shape.prefix += piece;
    };
    while (at < chars.length && !failed) {
      const c = chars[at];
      if (c === '\\') {
        at++;
        if (at < chars.length) text(literal(chars[at++]));
      } else if (c === '*') {
        while (chars[at] === '*') at++;
        current += '[^]*';
        if (shape.stars && shape.suffix !== '') shape.other = true;
        shape.stars = true;
      } else if (c === '?') {
        current += '[^]';
        shape.other = true;
        at++;
      } else if (c === '[') {
        at++;
        current += classAt();
        shape.other = true;
      } else if (c === '{') {
        at++;
        current += sequence(depth + 1);
        shape.other = true;
      } else if (c === '}' && depth > 0) {
        at++;
        break;
      } else if (c === ',' && depth > 0) {
        end();
        at++;
      } else {
        text(literal(c));
        at++;
      }
    }
    end();
    return depth > 0 ? `(?:${options.join('|')})` : options[0];
  };
  const source = sequence(0);
  if (failed) return undefined;
  return new RegExp(`^${source}$`, 'u');
}

/** Whether Argo CD reads the manifest at `path` (from the source folder, `/`-separated) with these patterns. */
export function argoReads(path: string, include: string | undefined, exclude: string | undefined): boolean {
  if (exclude && argoGlob(exclude)?.test(path)) return false;
  if (include && !argoGlob(include)?.test(path)) return false;
  return true;
}

/** A character outside a class, escaped where a regular expression would read it otherwise. */
function literal(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** A character in a class. */
function classLiteral(ch: string): string {
  return /[\\^\]\-[]/.test(ch) ? `\\${ch}` : ch;
}
