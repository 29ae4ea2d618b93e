/**
 * check's --exclude patterns: what a folder walk leaves out (other tools' YAML in a monorepo, such as Ansible
 * playbooks, which are no manifests). A pattern is a glob matched against a path relative to the checked folder,
 * with `/` between its parts: `*` and `?` match within one part, `**` any number of parts. A pattern without a `/`
 * (other than a trailing one) matches a file or folder of that name at any depth, as in .gitignore, unless it starts
 * with `./`; a matched folder is left out whole.
 */
import { CliError } from '../errors';

/** Whether a walked path (relative to the checked folder, `/`-separated) is left out. */
export type Excluded = (path: string) => boolean;

export const NOTHING_EXCLUDED: Excluded = () => false;

export function excluder(patterns: string[]): Excluded {
  if (patterns.length === 0) return NOTHING_EXCLUDED;
  const tests = patterns.map((pattern) => {
    const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    if (trimmed === '' || trimmed.startsWith('/') || trimmed.split('/').includes('..')) {
      throw new CliError(`--exclude ${JSON.stringify(pattern)}: give a glob relative to the checked folder, such as 'ansible/**' or '*.j2.yaml'`);
    }
    const regex = new RegExp(`^${globSource(trimmed)}$`);
    const anchored = trimmed.includes('/') || pattern.startsWith('./');
    return anchored ? (path: string) => regex.test(path) : (path: string) => regex.test(path.slice(path.lastIndexOf('/') + 1));
  });
  return (path) => tests.some((test) => test(path));
}

/** A glob as the source of a regular expression. */
function globSource(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more whole parts; a trailing (or lone) `**` is anything below.
      if (glob[i + 2] === '/') {
        source += '(?:[^/]*/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return source;
}
