/** The plugin's version, set by the bundler from package.json; from sources (tsx), read from package.json. */
import { join } from 'node:path';

declare const KUBECTL_IOT_VERSION: string | undefined;

// A require esbuild cannot follow: the bundles carry the defined constant, not package.json.
const lateRequire: NodeJS.Require = require;

export const VERSION: string = typeof KUBECTL_IOT_VERSION === 'string'
  ? KUBECTL_IOT_VERSION
  : (lateRequire(join(__dirname, '..', 'package.json')) as { version: string }).version;
