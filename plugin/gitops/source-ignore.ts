/**
 * What Flux's source-controller leaves out of a GitRepository's artifact, so that `check` reads a Flux
 * Kustomization's folder as kustomize-controller gets it: the patterns of every `.sourceignore` file of the
 * repository (each scoped to its folder) and the GitRepository's `spec.ignore`, or, when there are none, Flux's
 * default exclusions (CI files, images, archives, .sops.yaml); version-control files always. Patterns follow
 * .gitignore's format as fluxcd/pkg/sourceignore reads it: the last pattern that matches a path decides, `!`
 * includes again, a trailing `/` matches folders only, a pattern with a `/` inside is anchored to its file's folder
 * (`**` for any folders), one without matches any name on the path, names are matched as Go's filepath.Match does.
 * Links are left out too: the artifact holds regular files only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Why a path is left out: the pattern and where it was read. */
export interface LeftOut {
  pattern: string;
  from: string;
}

interface Pattern {
  text: string;
  from: string;
  domain: string[];
  parts: string[];
  inclusion: boolean;
  dirOnly: boolean;
  glob: boolean;
}

const IGNORE_FILE = '.sourceignore';
const VCS = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];
const DEFAULTS = [
  '*.jpg', '*.jpeg', '*.gif', '*.png', '*.wmv', '*.flv', '*.tar.gz', '*.zip',
  '.github/', '.circleci/', '.travis.yml', '.gitlab-ci.yml', 'appveyor.yml', '.drone.yml', 'cloudbuild.yaml',
  'codeship-services.yml', 'codeship-steps.yml',
  '**/.goreleaser.yml', '**/.sops.yaml', '**/.flux.yaml',
];

/**
 * The artifact's filter for the repository at `root`, with the GitRepository's spec.ignore when it has one. The
 * repository is searched for .sourceignore files at the first question, not before: a command that finds the
 * Kustomizations but reads none of their folders (create's choice of folder) does not walk the repository.
 */
export function sourceIgnore(root: string, specIgnore?: string): (full: string) => LeftOut | undefined {
  let patterns: Pattern[] | undefined;
  const load = (): Pattern[] => {
    const found = [...ignoreFiles(root, []), ...(specIgnore === undefined ? [] : lines(specIgnore, [], 'the GitRepository\'s spec.ignore'))];
    const vcs = VCS.map((p) => parse(p, [], 'Flux\'s version-control exclusions'));
    return found.length > 0 ? [...vcs, ...found] : [...vcs, ...DEFAULTS.map((p) => parse(p, [], 'Flux\'s default exclusions'))];
  };
  return (full) => {
    patterns ??= load();
    const path = relative(root, full).split(sep);
    for (let i = patterns.length - 1; i >= 0; i--) {
      const result = matches(patterns[i], path);
      if (result !== undefined) return result ? { pattern: patterns[i].text, from: patterns[i].from } : undefined;
    }
    return undefined;
  };
}

/** The patterns of `.sourceignore` in `dir` and in each folder below it but `.git` (links are not followed). */
function ignoreFiles(dir: string, domain: string[]): Pattern[] {
  const patterns: Pattern[] = [];
  try {
    const shown = [...domain, IGNORE_FILE].join('/');
    patterns.push(...lines(readFileSync(join(dir, IGNORE_FILE), 'utf8'), domain, shown));
  } catch {
    // none here (source-controller fails the artifact on an unreadable one; check reads the folder on)
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return patterns;
  }
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name !== '.git') patterns.push(...ignoreFiles(join(dir, entry.name), [...domain, entry.name]));
  }
  return patterns;
}

/** A pattern file's lines: blank ones and those starting with `#` are not patterns (a trailing CR is dropped). */
function lines(text: string, domain: string[], from: string): Pattern[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''))
    .filter((line) => !line.startsWith('#') && line.trim() !== '').map((line) => parse(line, domain, from));
}

function parse(line: string, domain: string[], from: string): Pattern {
  let text = line;
  const inclusion = text.startsWith('!');
  if (inclusion) text = text.slice(1);
  if (!text.endsWith('\\ ')) text = text.replace(/ +$/, '');
  const dirOnly = text.endsWith('/');
  if (dirOnly) text = text.slice(0, -1);
  return { text: line, from, domain, parts: text.split('/'), inclusion, dirOnly, glob: text.includes('/') };
}

/** Whether `pattern` excludes (true) or includes (false) the file at `path` (its names from the root), or neither. */
function matches(pattern: Pattern, path: string[]): boolean | undefined {
  const { domain } = pattern;
  if (path.length <= domain.length || domain.some((name, i) => path[i] !== name)) return undefined;
  const below = path.slice(domain.length);
  const hit = pattern.glob ? globMatch(pattern, below) : nameMatch(pattern, below);
  return hit ? !pattern.inclusion : undefined;
}

/** A pattern without `/`: any name on the path (a folder's name only, for a folder-only pattern). */
function nameMatch(pattern: Pattern, path: string[]): boolean {
  const glob = goGlob(pattern.parts[0]);
  if (glob === undefined) return false;
  for (let i = 0; i < path.length; i++) {
    if (!glob.test(path[i])) continue;
    return !(pattern.dirOnly && i === path.length - 1);
  }
  return false;
}

/** A pattern with `/`: its names in turn from the pattern's folder, `**` for any number of folders. */
function globMatch(pattern: Pattern, full: string[]): boolean {
  let path = full;
  let matched = false;
  let traverse = false;
  for (let i = 0; i < pattern.parts.length; i++) {
    const part = pattern.parts[i];
    if (part === '') {
      traverse = false;
      continue;
    }
    if (part === '**') {
      if (i === pattern.parts.length - 1) break;
      traverse = true;
      continue;
    }
    if (part.includes('**')) return false;
    if (path.length === 0) return false;
    const glob = goGlob(part);
    if (glob === undefined) return false;
    if (traverse) {
      traverse = false;
      while (path.length > 0) {
        const name = path[0];
        path = path.slice(1);
        if (glob.test(name)) {
          matched = true;
          break;
        } else if (path.length === 0) matched = false;
      }
    } else {
      if (!glob.test(path[0])) return false;
      matched = true;
      path = path.slice(1);
    }
  }
  // The path is a file here: a folder-only pattern that took its last name does not match it.
  if (matched && pattern.dirOnly && path.length === 0) matched = false;
  return matched;
}

const globs = new Map<string, RegExp | undefined>();

/**
 * Go's filepath.Match for one name, as a regular expression: `*` any run of characters, `?` one, `[...]` a class
 * (`^` negates, `lo-hi` ranges), `\` escapes. A malformed pattern (an open class, an unescaped `-` or `]` where a
 * character belongs, a trailing `\`) matches nothing, as Go's error makes the matcher treat it.
 */
export function goGlob(pattern: string): RegExp | undefined {
  if (globs.has(pattern)) return globs.get(pattern);
  let source = '';
  const chars = [...pattern];
  const escape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const inClass = (c: string) => (c === '-' ? '\\-' : escape(c));
  let ok = true;
  const one = (i: number): [string, number] | undefined => {
    // A class member: a character, or an escaped one.
    let c = chars[i];
    if (c === undefined || c === '-' || c === ']') return undefined;
    if (c === '\\') {
      c = chars[i + 1];
      if (c === undefined) return undefined;
      return [c, i + 2];
    }
    return [c, i + 1];
  };
  for (let i = 0; i < chars.length && ok;) {
    const c = chars[i];
    if (c === '*') {
      source += '[^/]*';
      i++;
    } else if (c === '?') {
      source += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= chars.length) ok = false;
      else source += escape(chars[i + 1]);
      i += 2;
    } else if (c === '[') {
      i++;
      let negate = false;
      if (chars[i] === '^') {
        negate = true;
        i++;
      }
      let members = '';
      let count = 0;
      for (;;) {
        if (chars[i] === ']' && count > 0) {
          i++;
          break;
        }
        const lo = one(i);
        if (!lo) {
          ok = false;
          break;
        }
        i = lo[1];
        let member = inClass(lo[0]);
        if (chars[i] === '-') {
          const hi = one(i + 1);
          if (!hi) {
            ok = false;
            break;
          }
          i = hi[1];
          // A reversed range is no error in Go: it matches no character.
          member = (hi[0].codePointAt(0) ?? 0) < (lo[0].codePointAt(0) ?? 0) ? '' : `${member}-${inClass(hi[0])}`;
        }
        members += member;
        count++;
      }
      source += negate ? `[^/${members}]` : `[${members}]`;
    } else {
      source += escape(c);
      i++;
    }
  }
  const glob = ok ? new RegExp(`^${source}$`, 'su') : undefined;
  globs.set(pattern, glob);
  return glob;
}
