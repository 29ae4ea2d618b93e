/** Exports the policy pack for other engines (conftest, Gatekeeper, Kyverno, wasm). */
import { CliError } from '../errors';

export const EXPORT_FORMATS = ['conftest', 'gatekeeper', 'kyverno', 'wasm'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes the pack in `format` into `dir`; returns the files written. */
export async function exportPolicies(format: ExportFormat, _dir: string, _options: { force: boolean }): Promise<string[]> {
  throw new CliError(`export to ${format} is not available yet`);
}
