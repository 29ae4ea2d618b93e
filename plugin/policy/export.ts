/**
 * Exports the policy pack for other engines by copying the export that scripts/gen-exports.ts generated from
 * the Rego source into policies/build/<format>/ (shipped with the package): nothing is generated at run time,
 * so what a user gets is exactly what CI verified with conftest and gator. Writing them is commands/policies.ts'
 * work (with gitops/write.ts): the policy modules neither read nor write trees.
 */
import { assetLocation, listAssets, readAsset } from '../assets';

export const EXPORT_FORMATS = ['conftest', 'gatekeeper', 'kyverno', 'vap', 'wasm'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where the committed exports live, inside the package. */
export const EXPORT_ROOT = 'policies/build';

/** What to run next, printed after an export into DIR. */
export const EXPORT_HINTS: Record<ExportFormat, string> = {
  conftest: 'conftest test --combine --all-namespaces -p DIR manifests/',
  gatekeeper: 'gator verify DIR/suite.yaml; kubectl apply -f DIR/config.yaml -f DIR/templates/, then -f DIR/constraints/',
  kyverno: 'kyverno test DIR/tests; kubectl apply -f DIR/policies/',
  vap: 'kubectl apply -f DIR/policies/ (Kubernetes 1.30 or later; DIR/README.md lists what admission cannot check)',
  wasm: 'see DIR/README.md (entrypoint policies/main/report)',
};

/** Files a format takes from policies/build itself rather than from its own folder. */
const SHARED: Partial<Record<ExportFormat, string[]>> = { wasm: ['policy.wasm', 'policies.json'] };

/** The files of an export: path inside the target folder, and bytes (from the package or the executable). */
export function exportFiles(format: ExportFormat): { path: string; content: Buffer }[] {
  const folder = `${EXPORT_ROOT}/${format}`;
  try {
    const own = listAssets(folder).map((key) => ({ path: key.slice(folder.length + 1), content: readAsset(key) }));
    const shared = (SHARED[format] ?? []).map((name) => ({ path: name, content: readAsset(`${EXPORT_ROOT}/${name}`) }));
    return [...own, ...shared].sort((a, b) => (a.path < b.path ? -1 : 1));
  } catch (cause) {
    throw new Error(`the ${format} export is missing from ${assetLocation(folder)}: ${(cause as Error).message}`, { cause });
  }
}
