/**
 * Reads YAML and JSON manifests into Kubernetes objects with the line each starts at, and fails closed: binary or
 * non-UTF-8 content, documents that are not objects, objects without apiVersion, kind or metadata.name, duplicate
 * keys and anything over the limits (limits.ts) are problems, every one of them reported with file and line.
 *
 * A text is split into its documents at `---` and `...` lines (YAML forbids both inside a document), and each
 * document takes one of three readers: JSON.parse for a JSON document, the block subset reader or else js-yaml for
 * a plain YAML one (the fast path, parse-fast.ts and parse-block.ts), and the `yaml` package's document model (the
 * careful path) for the rest: anchors, aliases, tags, merge keys, tabs, and every document the others refuse, so
 * that errors are worded by one reader. All give the same values (differential tests in test/gitops/parse-*.test.ts).
 *
 * The pieces: parse-decode.ts (bytes to text), parse-split.ts (text to documents), parse-json.ts, parse-fast.ts
 * and parse-careful.ts (the three readers), parse-objects.ts (values to objects), parse-problems.ts (their words).
 */
import { escapeControls } from '../output/sanitize';
import { InputError } from '../errors';
import type { KubeObject } from '../model/kinds';
import { fileTooLarge, formatBytes, LIMITS } from './limits';
import { carefulDocument } from './parse-careful';
import { decode, lineAtOffset } from './parse-decode';
import { firstContentLine, plainDocument } from './parse-fast';
import { jsonDocument } from './parse-json';
import { isShapeless, kubernetesObjects } from './parse-objects';
import { unrenderedTemplate, type ReadDocument, type Report } from './parse-problems';
import { lineOfMarker, splitDocuments } from './parse-split';

export { LIMITS } from './limits';

/** One Kubernetes object read from a file, with the 1-based line of its document's first content line. */
export interface ParsedObject {
  object: KubeObject;
  line: number;
}

/** Something wrong with the input: `FILE:LINE: message`, or `FILE: message` when no content was read. */
export interface Problem {
  file: string;
  line?: number;
  message: string;
}

export interface ReadResult {
  objects: ParsedObject[];
  problems: Problem[];
  /** A document is a mapping but no Kubernetes object (skipped here; a problem where Flux reads it, see `flux`). */
  shapeless?: true;
}

export interface ReadManifestOptions {
  /** Check that every document is a Kubernetes object (default); false: only syntax and limits (a kustomization). */
  objects?: boolean;
  /** Read every document with the careful path (the differential tests compare the readers). */
  careful?: boolean;
  /** A file of a folder Flux writes the kustomization for: a document that is no Kubernetes object is a problem. */
  flux?: boolean;
}

export function formatProblem(problem: Problem): string {
  // The file name and the parser's message can quote the input: its control characters are shown escaped.
  const text = problem.line === undefined ? `${problem.file}: ${problem.message}` : `${problem.file}:${problem.line}: ${problem.message}`;
  return escapeControls(text);
}

/** At most LIMITS.problems lines, then how many more there are. */
export function cappedProblems(lines: string[]): string[] {
  if (lines.length <= LIMITS.problems) return lines;
  return [...lines.slice(0, LIMITS.problems), `... and ${lines.length - LIMITS.problems} more problems`];
}

/** Reads every document of a file's content (bytes, or text already decoded); `file` names it in problems. */
export function readManifests(data: string | Uint8Array, file: string, options: ReadManifestOptions = {}): ReadResult {
  const objects: ParsedObject[] = [];
  const problems: Problem[] = [];
  const report = (line: number | undefined, message: string) => problems.push({ file, line, message });
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > LIMITS.fileBytes) {
    report(undefined, fileTooLarge(size));
    return { objects, problems };
  }
  const decoded = decode(data);
  if ('problem' in decoded) {
    report(decoded.line, decoded.problem);
    return { objects, problems };
  }
  const { text } = decoded;
  const beyond = lineOfMarker(text, LIMITS.documents);
  if (beyond !== undefined) {
    report(beyond, `the file exceeds the limit of ${LIMITS.documents} documents per file (document ${LIMITS.documents + 1} starts here); split it`);
    return { objects, problems };
  }
  let shapeless = false;
  for (const chunk of splitDocuments(text)) {
    const said = chunk.text.includes('{{') ? templateReport(chunk.text, chunk.line, report) : report;
    const document = readDocument(chunk.text, chunk.line, options, said);
    if (document && options.objects !== false) {
      const found = kubernetesObjects(document.value, (message) => said(document.line, message), undefined, options.flux);
      for (const object of found) objects.push({ object, line: document.line });
      if (found.length === 0 && isShapeless(document.value)) shapeless = true;
    }
  }
  return shapeless ? { objects, problems, shapeless } : { objects, problems };
}

/** readManifests that throws every problem (one line each) as an InputError. */
export function parseManifests(text: string | Uint8Array, file: string): ParsedObject[] {
  return orThrow(readManifests(text, file));
}

/** parseManifests with every document on the careful path (exported for tests). */
export function parseCarefully(text: string | Uint8Array, file: string): ParsedObject[] {
  return orThrow(readManifests(text, file, { careful: true }));
}

function orThrow({ objects, problems }: ReadResult): ParsedObject[] {
  if (problems.length > 0) throw new InputError(problems.map(formatProblem));
  return objects;
}

// ---- one document ---------------------------------------------------------------------------------------------

/** One document's value and line, or undefined when it is empty or has problems (reported). */
function readDocument(text: string, firstLine: number, options: ReadManifestOptions, report: Report): ReadDocument | undefined {
  const content = firstContentLine(text);
  if (content < 0) return undefined; // empty, or only comments
  const line = firstLine + content;
  const bytes = text.length * 3 > LIMITS.documentBytes ? Buffer.byteLength(text) : text.length;
  if (bytes > LIMITS.documentBytes) {
    report(line, `a document of ${bytes} bytes exceeds the limit of ${formatBytes(LIMITS.documentBytes)} per document ` +
      '(the most the API server accepts); split it');
    return undefined;
  }
  let failure: { line: number; reason: string } | undefined;
  if (!options.careful) {
    const json = jsonDocument(text, firstLine, content, report);
    if (json === null) return undefined;
    if (json) return json;
    const plain = plainDocument(text, firstLine);
    if (plain && 'value' in plain) return plain;
    failure = plain?.failed;
  }
  if (tokens(text) > LIMITS.carefulTokens) {
    if (failure) report(failure.line, `malformed YAML: ${failure.reason}`);
    else {
      report(line, `a document with anchors, aliases, tags, merge keys or tabs exceeds the limit of ${LIMITS.carefulTokens} ` +
        'lines and values for such a document (it is read with every check); split it, or write it without them');
    }
    return undefined;
  }
  return carefulDocument(text, firstLine, report);
}

/**
 * `report` for a document holding `{{`: a problem there is most likely an unrendered Helm or Go template (its
 * `{{ .Values.name }}` reads as a mapping, its `{{- if }}` lines as malformed YAML), so it says so, and a
 * problem of the whole document is placed at the template's first line rather than the document's.
 */
function templateReport(text: string, firstLine: number, report: Report): Report {
  const line = firstLine + lineAtOffset(text, text.indexOf('{{')) - 1;
  const content = firstLine + Math.max(firstContentLine(text), 0);
  return (problemLine, message) => report(problemLine === content ? line : problemLine, `${message}${unrenderedTemplate()}`);
}

/** Lines, commas, colons and opening brackets: about the number of nodes the careful path would build. */
function tokens(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 58 || c === 91 || c === 123) count++;
  }
  return count;
}
