/** The PostgreSQL schema of Hono's JDBC device registry, shipped as kustomize/infrastructure/postgresql/schema.sql. */
import { readAsset } from '../assets';

/** Where the schema lives inside the package (the kustomize base reads the same file). */
export const SCHEMA_SQL_PATH = 'kustomize/infrastructure/postgresql/schema.sql';

let cached: string | undefined;

/** The SQL that creates the device-registry tables; idempotent (CREATE ... IF NOT EXISTS). */
export function registrySchemaSql(): string {
  // An asset rather than bundled code: the file ships in kustomize/, and tsx-run tests see the same file.
  cached ??= readAsset(SCHEMA_SQL_PATH, 'utf8');
  return cached;
}
