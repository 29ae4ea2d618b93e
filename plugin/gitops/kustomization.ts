/** Registers files in a kustomization.yaml without losing its comments, order or formatting. */
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';
import { CliError } from '../errors';

/**
 * A scalar as YAML must write it to read back as that string under YAML 1.2 and 1.1 (kustomize's parser):
 * plain when it is plainly text, double-quoted when it could read as a number, boolean or null (`123`, `yes`).
 */
export function yamlString(value: string): string {
  const plain = /^[\w./][\w./-]*$/.test(value) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(value) &&
    parse(value) === value && parse(value, { version: '1.1' }) === value;
  return plain ? value : JSON.stringify(value);
}

/** The text of a new kustomization.yaml. */
export function newKustomization(resources: string[], namespace?: string): string {
  const lines = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization'];
  if (namespace) lines.push(`namespace: ${yamlString(namespace)}`);
  lines.push(resources.length > 0 ? 'resources:' : 'resources: []', ...resources.map((r) => `  - ${yamlString(r)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Adds `resources` entries to an existing kustomization (`file` names it in errors). Returns the new text,
 * or undefined when every entry is already there. The Document API finds the list; the entries go in as
 * new text beside the last one (or into the empty key), so every other byte of the file (comments, spacing,
 * order) stays as it was.
 */
export function addResources(text: string, file: string, resources: string[]): string | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new CliError(`${file}: malformed YAML: ${error.message.split('\n')[0]}; fix it and retry`);
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new CliError(`${file}: not a kustomization (expected a mapping at the top)`);
  }
  const node = doc.get('resources', true) as unknown;
  const empty = isScalar(node) && node.value === null;
  if (node !== undefined && node !== null && !empty && !isSeq(node)) throw new CliError(`${file}: "resources" must be a list`);
  const list = isSeq(node) ? node : undefined;
  const present = new Set((list?.items ?? []).map((item) => String(isScalar(item) ? item.value : item)));
  const missing = [...new Set(resources)].filter((r) => !present.has(r) && !present.has(`./${r}`));
  if (missing.length === 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (empty) return intoEmptyKey(text, doc, missing, eol);
  if (!list) {
    const indent = sequenceIndented(text) ? '  ' : '';
    const body = text.length === 0 || text.endsWith('\n') ? text : `${text}${eol}`;
    return `${body}resources:${eol}${missing.map((r) => `${indent}- ${yamlString(r)}${eol}`).join('')}`;
  }
  if (list.flow && list.range) {
    // `[a, b]` gains `, c` right after its last entry (or its `[`); nothing else moves, comments included.
    const last = list.items[list.items.length - 1] as { range?: [number, number, number] } | undefined;
    const at = last?.range ? last.range[1] : text.indexOf('[', list.range[0]) + 1;
    const separator = last ? ', ' : '';
    return `${text.slice(0, at)}${separator}${missing.map(yamlString).join(', ')}${text.slice(at)}`;
  }
  const last = list.items[list.items.length - 1];
  if (!isScalar(last) || !last.range) {
    for (const entry of missing) list.add(doc.createNode(entry));
    return doc.toString({ lineWidth: 0 });
  }
  const lineStart = text.lastIndexOf('\n', last.range[0]) + 1;
  const indent = /^\s*/.exec(text.slice(lineStart))?.[0].replace(/[\r\n]/g, '') ?? '';
  let lineEnd = text.indexOf('\n', last.range[1]);
  if (lineEnd === -1) lineEnd = text.length;
  else if (text[lineEnd - 1] === '\r') lineEnd -= 1;
  const added = missing.map((r) => `${eol}${indent}- ${yamlString(r)}`).join('');
  return text.slice(0, lineEnd) + added + (lineEnd === text.length ? eol : '') + text.slice(lineEnd);
}

/** `resources:` with no value (or `~`, `null`): the entries go on the lines after the key, the comment stays. */
function intoEmptyKey(text: string, doc: ReturnType<typeof parseDocument>, entries: string[], eol: string): string {
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'resources') : undefined;
  const value = pair?.value;
  const key = pair?.key;
  if (!isScalar(key) || !key.range) throw new CliError('"resources" could not be located');
  let at = key.range[1];
  let rest = text.slice(at);
  if (isScalar(value) && value.range && value.range[1] > value.range[0]) {
    // Drop the literal `~` / `null`, keep whatever follows it on the line (a comment).
    rest = text.slice(at, value.range[0]) + text.slice(value.range[1]);
  }
  const lineEnd = rest.search(/\r?\n|$/);
  const indent = sequenceIndented(text) ? '  ' : '';
  const lines = entries.map((r) => `${eol}${indent}- ${yamlString(r)}`).join('');
  const tail = rest.slice(lineEnd);
  return text.slice(0, at) + rest.slice(0, lineEnd) + lines + (tail === '' ? eol : tail);
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
