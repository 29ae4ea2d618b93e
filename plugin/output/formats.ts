/** The formats of `kubectl iot check -o`, text first as the default (apart, so the command loads no printer). */
export const OUTPUT_FORMATS = ['text', 'json', 'yaml', 'sarif', 'junit', 'github', 'policyreport', 'markdown', 'codequality'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
