/**
 * Where `kubectl iot check` puts its report: `-o FORMAT` on stdout, and each `--write FORMAT=FILE` into a file,
 * so one run feeds a pipeline's several consumers (annotations, SARIF, job summary, JUnit, Code Quality).
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { CliError, describeFsError } from '../errors';
import { OUTPUT_FORMATS, renderReport, type OutputFormat, type RenderOptions } from '../output';
import { jsonChunks } from '../output/json';
import { policyReportChunks } from '../output/policyreport';
import { yamlChunks } from '../output/yaml';
import { findingsFor, type FixTarget } from '../output/fixes';
import type { CheckReport } from '../policy/types';
import { out, type Context } from '../context';

export interface ReportFile {
  format: OutputFormat;
  file: string;
}

/** `--write FORMAT=FILE` values, checked: a known format and a file name; else one line and exit 2. */
export function parseWrites(values: string[]): ReportFile[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const format = value.slice(0, Math.max(at, 0));
    const file = value.slice(at + 1);
    if (at < 1 || file === '') {
      throw new CliError(`--write "${value}": expected FORMAT=FILE, for example --write sarif=iot.sarif`);
    }
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new CliError(`--write "${value}": unknown format "${format}": use one of ${OUTPUT_FORMATS.join(', ')}`);
    }
    return { format: format as OutputFormat, file };
  });
}

/** Writes `chunks` to stdout, waiting for a pipe to drain, or the whole text would pile up in memory. */
export async function writeChunks(ctx: Context, chunks: Iterable<string>): Promise<void> {
  for (const piece of chunks) {
    if (!ctx.stdout.write(piece)) await once(ctx.stdout, 'drain');
  }
}

/**
 * Writes the report into each file (no colour: files are not terminals), then prints `format` on stdout; the
 * formats people read print fixes that act on `target` (output/fixes.ts).
 */
export async function emitReport(ctx: Context, whole: CheckReport, format: OutputFormat, files: ReportFile[],
  options: RenderOptions, target?: FixTarget): Promise<void> {
  const as = (shown: OutputFormat): CheckReport => {
    const results = findingsFor(shown, whole.results, target);
    return results === whole.results ? whole : { ...whole, results };
  };
  for (const { format: fileFormat, file } of files) {
    try {
      writeFileSync(file, renderReport(as(fileFormat), fileFormat, { ...options, color: false }));
    } catch (error) {
      throw new CliError(`--write ${fileFormat}=${file}: ${describeFsError(error as NodeJS.ErrnoException)}`);
    }
  }
  // JSON, YAML and PolicyReports go out a piece at a time: 100,000 projects are about 200 MB of text.
  // A pipe takes writes asynchronously: wait for it to drain, or the whole text piles up in memory.
  const report = as(format);
  if (format === 'json') await writeChunks(ctx, jsonChunks(report));
  else if (format === 'yaml') await writeChunks(ctx, yamlChunks(report));
  else if (format === 'policyreport') await writeChunks(ctx, policyReportChunks(report, options));
  else {
    out(ctx, renderReport(report, format, options));
  }
}
