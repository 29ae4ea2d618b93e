/** The formats of `kubectl iot check -o`, text first as the default (apart, so the command loads no printer). */
export const OUTPUT_FORMATS = ['text', 'json', 'yaml', 'sarif', 'junit', 'github', 'policyreport'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
