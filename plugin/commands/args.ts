/**
 * The parsed arguments of the commands whose work loads only when they run (check, fn). The command module
 * (its yargs definition) loads its -run module, and the -run module needs these types: kept here, apart from both,
 * so neither imports the other back.
 */
import type { GlobalArgs } from './options';

export interface CheckArgs extends GlobalArgs {
  paths: string[];
  live: boolean;
  'fail-on': 'error' | 'warning';
  'policyreport-api': 'wgpolicyk8s' | 'openreports';
  baseline?: string;
  write?: string | string[];
  exclude?: string | string[];
  'repo-root'?: string;
  'repo-url': string[];
  application?: string;
  'destination-namespace'?: string;
}

export interface FnArgs extends GlobalArgs {
  'fail-on': 'error' | 'warning';
}
