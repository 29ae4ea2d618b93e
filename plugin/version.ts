/** The plugin's version, set by the bundler from package.json (falls back when run from sources). */
declare const KUBECTL_IOT_VERSION: string | undefined;

export const VERSION: string = typeof KUBECTL_IOT_VERSION === 'string' ? KUBECTL_IOT_VERSION : '0.0.0-dev';
