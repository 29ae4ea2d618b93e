/**
 * The import graph of plugin/ and what must not be in it: cycles (type-only imports count, since they tie the
 * modules' designs together just the same) and imports from plugin/policy/ into gitops/, commands/ or output/
 * (the engine stays apart from reading and printing). Imports are read by TypeScript's own pre-processor, not
 * by a regular expression. `node --require tsx/cjs scripts/import-cycles.ts` prints each problem, exit 1 if any.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type Graph = Map<string, string[]>;

const ROOT = resolve(__dirname, '..');
/** The folders of plugin/ that plugin/policy/ must not import. */
export const POLICY_MUST_NOT_IMPORT = ['plugin/gitops/', 'plugin/commands/', 'plugin/output/'];

function sources(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names, as TypeScript would resolve it, or undefined (packages, JSON, assets). */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]
    .find((file) => existsSync(file) && statSync(file).isFile());
}

/** Every module under `dir` with the modules under `dir` it imports; paths start with dir's name (plugin/...). */
export function importGraph(dir = join(ROOT, 'plugin')): Graph {
  const graph: Graph = new Map();
  for (const file of sources(dir)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((i) => resolveImport(file, i.fileName))
      .filter((target): target is string => target !== undefined && !relative(dir, target).startsWith('..'));
    const name = (path: string) => relative(dirname(dir), path);
    graph.set(name(file), [...new Set(targets.map(name))].sort());
  }
  return graph;
}

/** Each cycle once, as the path of modules that leads back to its first (strongly connected parts, Tarjan). */
export function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const part = stack.splice(stack.indexOf(node));
    if (part.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(pathWithin(graph, new Set(part)));
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** A shortest way from the smallest module of a strongly connected part back to itself, inside the part. */
function pathWithin(graph: Graph, part: Set<string>): string[] {
  const start = [...part].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of (graph.get(node) ?? []).filter((n) => part.has(n))) {
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** "from -> to" for each import from plugin/policy/ into a folder it must not depend on. */
export function forbiddenImports(graph: Graph): string[] {
  return [...graph].filter(([from]) => from.startsWith('plugin/policy/'))
    .flatMap(([from, targets]) => targets.filter((to) => POLICY_MUST_NOT_IMPORT.some((dir) => to.startsWith(dir)))
      .map((to) => `${from} -> ${to}`));
}

if (require.main === module) {
  const graph = importGraph();
  const problems = [
    ...cycles(graph).map((cycle) => `cycle: ${cycle.join(' -> ')}`),
    ...forbiddenImports(graph).map((edge) => `plugin/policy/ must not import this: ${edge}`),
  ];
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stderr.write(`${graph.size} modules, ${problems.length} problems\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
