/**
 * Changes one object where it lives in a GitOps tree: the document is found by its file and first line (what
 * `check` reports), edited through yaml's Document API (comments and key order kept) and spliced back, so every
 * other document and every byte around it stays as it was. Deleting the last document of a file removes the file
 * and its entry in the kustomization.yaml that lists it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { type Document, isMap, LineCounter, parseAllDocuments } from 'yaml';
import { CliError } from '../errors';
import type { KubeObject } from '../model/kinds';
import type { SourceRef } from '../policy/types';
import { removeResources } from './kustomization';
import type { PlannedFile } from './write';

/** What to do with the document: edit it in place (comments kept), or delete it. */
export type DocumentChange = { edit: (doc: Document.Parsed) => void } | { delete: true };

/** A change of the document that starts at `source` (its file relative to the tree's root); `what` names it. */
export interface ObjectChange {
  source: SourceRef;
  what: string;
  change: DocumentChange;
}

/**
 * The file changes that apply every change. Changes of one file are applied from its last document up, so the
 * lines of the documents still to change stay where `check` saw them.
 */
export function planDocumentChanges(root: string, changes: ObjectChange[]): PlannedFile[] {
  const byFile = new Map<string, ObjectChange[]>();
  for (const change of changes) byFile.set(change.source.file, [...(byFile.get(change.source.file) ?? []), change]);
  const planned: PlannedFile[] = [];
  for (const [file, list] of byFile) {
    let text: string | undefined = readSource(root, file, list[0].what);
    for (const change of [...list].sort((a, b) => b.source.line - a.source.line)) {
      if (text === undefined) break;
      text = applyChange(text, change);
    }
    planned.push(text === undefined ? { path: file, content: '', remove: true } : { path: file, content: text, update: true });
    if (text === undefined) planned.push(...unregister(root, file));
  }
  return planned;
}

/** The text with one change applied; undefined when its last document was deleted (the file goes). */
function applyChange(text: string, { source, what, change }: ObjectChange): string | undefined {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) throw new CliError(`${source.file}: not a YAML stream; cannot change ${what} there`);
  const index = docs.findIndex((doc) => lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line === source.line);
  if (index === -1) throw new CliError(`${source.file}:${source.line}: ${what} is not there any more; run kubectl iot check again`);
  const doc = docs[index] as Document.Parsed;
  if (doc.errors.length > 0) throw new CliError(`${source.file}:${source.line}: malformed YAML; fix it first`);
  const [start, , end] = doc.range;
  if ('delete' in change) {
    if (docs.every((d, i) => i === index || d.contents === null)) return undefined;
    return text.slice(0, start) + text.slice(end);
  }
  change.edit(doc);
  // A comment before the first document lies outside its range: printing it again would duplicate it.
  if (text.slice(index === 0 ? 0 : docs[index - 1].range[2], start).trim() !== '') doc.commentBefore = null;
  let printed = doc.toString({ lineWidth: 0 });
  // The explicit end marker (`...`) stays only when it was in the text.
  if (!text.slice(start, end).trimEnd().endsWith('...')) printed = printed.replace(/\n\.\.\.\n$/, '\n');
  return text.slice(0, start) + printed + text.slice(end);
}

/** Sets (or, with undefined, deletes) a path of the document, creating the maps on the way. */
export function setPath(doc: Document.Parsed, path: string[], value: unknown): void {
  if (value === undefined) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    return;
  }
  // An empty flow map on the way (`spec: {}`) becomes a block one, as a person would write what goes in it.
  for (let depth = 1; depth < path.length; depth++) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isMap(node) && node.flow && node.items.length === 0) node.flow = false;
  }
  doc.setIn(path, doc.createNode(value));
}

/** Replaces the whole object of a document with `object`, keeping the comment above it. */
export function replaceObject(doc: Document.Parsed, object: KubeObject): void {
  const comment = doc.contents?.commentBefore;
  doc.contents = doc.createNode(object) as typeof doc.contents;
  if (doc.contents && comment) doc.contents.commentBefore = comment;
}

function readSource(root: string, file: string, what: string): string {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    throw new CliError(`${file}: cannot read it to change ${what}`);
  }
}

/** Removes `file` (relative to root) from the kustomization.yaml files above it that list it. */
function unregister(root: string, file: string): PlannedFile[] {
  const planned: PlannedFile[] = [];
  let folder = posix.dirname(file);
  for (;;) {
    const kustomization = folder === '.' ? 'kustomization.yaml' : `${folder}/kustomization.yaml`;
    const entry = folder === '.' ? file : posix.relative(folder, file);
    let text: string | undefined;
    try {
      text = readFileSync(join(root, kustomization), 'utf8');
    } catch {
      text = undefined;
    }
    const updated = text === undefined ? undefined : removeResources(text, kustomization, entry);
    if (updated !== undefined) planned.push({ path: kustomization, content: updated, update: true });
    if (folder === '.' || folder === dirname(folder)) break;
    folder = posix.dirname(folder);
  }
  return planned;
}
