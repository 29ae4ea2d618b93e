/**
 * The limits of the manifest readers, in one place (README "Input limits" documents them, and every error that
 * hits one says "exceeds the limit of N ..."). They keep a hostile or broken file from exhausting memory, the
 * stack or the time of a CI job; real manifests stay far below them.
 */
export const LIMITS = {
  /** Bytes of one file, of stdin and of one kustomize build's output. */
  fileBytes: 32 * 1024 * 1024,
  /** Bytes of one YAML document (the API server refuses requests over 3 MiB). */
  documentBytes: 3 * 1024 * 1024,
  /** YAML documents in one file or stream (`---` separated; empty ones included). */
  documents: 100_000,
  /** Characters of one scalar value (a ConfigMap or Secret holds at most 1 MiB in all). */
  scalarBytes: 1024 * 1024,
  /** Nested mappings and sequences in one document. */
  depth: 200,
  /** Nodes that the aliases of one document expand to, nested aliases counted in full ("billion laughs"). */
  aliasNodes: 10_000,
  /**
   * Lines, commas, colons and brackets of one document read by the careful reader (the one that documents with
   * anchors, aliases, tags, merge keys, tabs or errors need); its document model costs about 800 bytes for each.
   */
  carefulTokens: 150_000,
  /** Problems printed by one run; the rest are counted in a last line. */
  problems: 100,
} as const;

/** A size in the units the limits use (`3 MiB`, `512 KiB`, `100 bytes`). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function trim(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The problem of a file over LIMITS.fileBytes (the reader refuses it without reading it). */
export function fileTooLarge(bytes: number): string {
  return `a file of ${bytes} bytes exceeds the limit of ${formatBytes(LIMITS.fileBytes)} per file; split it into several files`;
}
