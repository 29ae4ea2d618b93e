import type { CheckReport } from '../policy/types';
import { renderCodeQuality } from './codequality';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import type { RenderOptions } from './options';
import { renderPolicyReport } from './policyreport';
import { renderSarif } from './sarif';
import { renderText } from './text';
import { renderYaml } from './yaml';

export type { RenderOptions } from './options';

import type { OutputFormat } from './formats';

export { OUTPUT_FORMATS, type OutputFormat } from './formats';

/** The check report printed in `format`; pure, so the caller decides where it goes. */
export function renderReport(report: CheckReport, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case 'text': return renderText(report, options);
    case 'json': return renderJson(report);
    case 'yaml': return renderYaml(report);
    case 'sarif': return renderSarif(report, options);
    case 'junit': return renderJunit(report, options);
    case 'github': return renderGithub(report, options);
    case 'policyreport': return renderPolicyReport(report, options);
    case 'markdown': return renderMarkdown(report, options);
    case 'codequality': return renderCodeQuality(report, options);
    default: {
      const unknown: never = format;
      throw new Error(`unknown output format ${String(unknown)}`);
    }
  }
}
