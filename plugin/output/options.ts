import type { PolicyInfo } from '../policy/types';

/** Everything a printer may need besides the report itself; the caller decides colour (TTY, NO_COLOR). */
export interface RenderOptions {
  /** ANSI colours in the text view. */
  color: boolean;
  /** The policy pack's METADATA: titles and descriptions for SARIF rules, JUnit suites, GitHub titles. */
  policies: PolicyInfo[];
  /** The plugin's version, for SARIF's tool.driver. */
  toolVersion: string;
  /** Which PolicyReport API `-o policyreport` emits; default `wgpolicyk8s`. */
  policyReportApi?: 'wgpolicyk8s' | 'openreports';
  /**
   * The folder findings' files are relative to, as a path from the working directory (empty: they already are).
   * SARIF and GitHub annotations prefix it so they point at the repository's files.
   */
  root?: string;
  /** When the check ran (PolicyReport timestamps); default now. Tests pin it. */
  now?: Date;
  /** SARIF tool.driver.informationUri; default the EnMasse project. */
  informationUri?: string;
}
