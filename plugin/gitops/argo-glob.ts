/**
 * The glob patterns of an Argo CD directory source (spec.source.directory.include and .exclude), matched as Argo CD
 * matches them: its reposerver tests each manifest's path from the source folder (`dir/file.yaml`) against the whole
 * pattern with gobwas/glob and no separators, so `*` and `**` match any text, `/` included; `?` matches one
 * character; `[abc]`, `[a-z]` and `[!...]` match one character of (or not of) a class; `{a,b}` matches one of the
 * alternatives, which may hold patterns; `\` makes the next character literal. A pattern that does not compile matches
 * nothing (Argo CD logs it and goes on), so an include that is broken includes no file and an exclude excludes none.
 */

/** `pattern` as an anchored regular expression, or undefined when gobwas/glob would refuse to compile it. */
export function argoGlob(pattern: string): RegExp | undefined {
  let at = 0;
  const alternatives = (depth: number): string | undefined => {
    const options: string[] = [];
    let current = '';
    while (at < pattern.length) {
      const c = pattern[at];
      if (c === '\\') {
        if (at + 1 >= pattern.length) return undefined;
        current += literal(pattern[at + 1]);
        at += 2;
      } else if (c === '*') {
        while (pattern[at] === '*') at++;
        current += '[^]*';
      } else if (c === '?') {
        current += '[^]';
        at++;
      } else if (c === '[') {
        const close = pattern.indexOf(']', at + 1);
        if (close < 0) return undefined;
        let body = pattern.slice(at + 1, close);
        const negated = body.startsWith('!');
        if (negated) body = body.slice(1);
        if (body === '') return undefined;
        current += `[${negated ? '^' : ''}${[...body].map((ch, i, all) => (ch === '-' && i > 0 && i < all.length - 1 ? '-' : classLiteral(ch))).join('')}]`;
        at = close + 1;
      } else if (c === '{') {
        at++;
        const inner = alternatives(depth + 1);
        if (inner === undefined || pattern[at] !== '}') return undefined;
        current += inner;
        at++;
      } else if (c === '}' && depth > 0) {
        break;
      } else if (c === ',' && depth > 0) {
        options.push(current);
        current = '';
        at++;
      } else {
        current += literal(c);
        at++;
      }
    }
    if (depth > 0 && pattern[at] !== '}') return undefined;
    options.push(current);
    return depth > 0 ? `(?:${options.join('|')})` : options[0];
  };
  const source = alternatives(0);
  if (source === undefined || at !== pattern.length) return undefined;
  try {
    return new RegExp(`^${source}$`, 'u');
  } catch {
    return undefined; // a class Argo CD's library takes and JavaScript does not (an inverted range): it matches nothing
  }
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
