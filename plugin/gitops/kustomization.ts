/** Registers files in a kustomization.yaml without losing its comments, order or formatting. */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { CliError } from '../errors';

/** The text of a new kustomization.yaml. */
export function newKustomization(resources: string[], namespace?: string): string {
  const lines = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization'];
  if (namespace) lines.push(`namespace: ${namespace}`);
  lines.push('resources:', ...resources.map((r) => `  - ${r}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Adds `resources` entries to an existing kustomization (`file` names it in errors). Returns the new text,
 * or undefined when every entry is already there. The Document API finds the list; the entries go in as
 * new lines beside the last one, so every other byte of the file (comments, spacing, order) stays as it was.
 */
export function addResources(text: string, file: string, resources: string[]): string | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new CliError(`${file}: malformed YAML: ${error.message.split('\n')[0]}; fix it and retry`);
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new CliError(`${file}: not a kustomization (expected a mapping at the top)`);
  }
  const list = doc.get('resources', true);
  if (list !== undefined && list !== null && !isSeq(list)) throw new CliError(`${file}: "resources" must be a list`);
  const present = new Set((list?.items ?? []).map((item) => String(isScalar(item) ? item.value : item)));
  const missing = resources.filter((r) => !present.has(r) && !present.has(`./${r}`));
  if (missing.length === 0) return undefined;
  if (!list) {
    const indent = sequenceIndented(text) ? '  ' : '';
    const body = text.length === 0 || text.endsWith('\n') ? text : `${text}\n`;
    return `${body}resources:\n${missing.map((r) => `${indent}- ${r}\n`).join('')}`;
  }
  const last = list.items[list.items.length - 1];
  if (list.flow || !isScalar(last) || !last.range) {
    for (const entry of missing) list.add(doc.createNode(entry));
    return doc.toString({ lineWidth: 0 });
  }
  const lineStart = text.lastIndexOf('\n', last.range[0]) + 1;
  const indent = /^\s*/.exec(text.slice(lineStart))?.[0] ?? '';
  let lineEnd = text.indexOf('\n', last.range[1]);
  if (lineEnd === -1) lineEnd = text.length;
  const added = missing.map((r) => `\n${indent}- ${r}`).join('');
  return text.slice(0, lineEnd) + added + (lineEnd === text.length ? '\n' : '') + text.slice(lineEnd);
}

/** Whether the file indents block sequences under their key (`resources:\n  - a`), so additions match. */
function sequenceIndented(text: string): boolean {
  const match = /^(\s*)[\w-]+:\s*\n(\s*)- /m.exec(text);
  return match ? match[2].length > match[1].length : true;
}

/**
 * Removes the `resources` entry `resource` (or `./resource`) from a kustomization; undefined when it is not
 * listed. A block entry loses its own line only (comments on other lines stay); a flow list is re-printed.
 */
export function removeResources(text: string, file: string, resource: string): string | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const list = doc.get('resources', true);
  if (!isSeq(list)) return undefined;
  const index = list.items.findIndex((item) => isScalar(item) && [resource, `./${resource}`].includes(String(item.value)));
  if (index === -1) return undefined;
  const item = list.items[index];
  if (list.flow || !isScalar(item) || !item.range) {
    list.items.splice(index, 1);
    return doc.toString({ lineWidth: 0 });
  }
  const lineStart = text.lastIndexOf('\n', item.range[0]) + 1;
  let lineEnd = text.indexOf('\n', item.range[1]);
  lineEnd = lineEnd === -1 ? text.length : lineEnd + 1;
  const rest = text.slice(0, lineStart) + text.slice(lineEnd);
  // The last entry gone: an empty list, not a null that some tools reject.
  return list.items.length === 1 ? rest.replace(/^(\s*)resources:[ \t]*(#[^\n]*)?$/m,
    (_, indent: string, comment?: string) => `${indent}resources: []${comment ? ` ${comment}` : ''}`) : rest;
}
