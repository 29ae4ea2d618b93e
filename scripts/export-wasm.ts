/** The wasm export: a README; `policies export --format wasm` copies it with policy.wasm and policies.json. */
import { generatedHeader, type PolicyMeta } from './export-sources';

/** README.md of policies/build/wasm/. */
export function wasmFiles(policies: PolicyMeta[]): Record<string, string> {
  return { 'README.md': `<!-- ${generatedHeader('').trim()} -->
# kubectl-iot policy pack as WebAssembly

- \`policy.wasm\`: the ${policies.length} policies compiled by \`opa build -t wasm\` (the module \`kubectl iot check\` runs),
  entrypoint \`policies/main/report\` (entrypoint 0, the SDK's default); its second entrypoint,
  \`policies/main/compact\`, is the same report with what the projects of a namespace share written once, which
  is what \`kubectl iot check\` evaluates;
- \`policies.json\`: their METADATA (id, title, description, severity, condition, remediation).

Input: every parsed document, model or not, and the infrastructure namespace:

\`\`\`json
{"parameters": {"infraNamespace": "enmasse-infra"}, "resources": [{"apiVersion": "iot.enmasse.io/v1alpha1", "kind": "IoTProject", "...": "..."}]}
\`\`\`

Output: \`{"projects": [...], "findings": [...]}\`, every IoTProject's predicted status and every finding
(\`policy\`, \`severity\`, \`message\`, \`resource\`, \`remediation\`, \`index\` = position in \`resources\`).

With Node.js and \`@open-policy-agent/opa-wasm\`:

\`\`\`js
const { loadPolicy } = require('@open-policy-agent/opa-wasm');
const policy = await loadPolicy(require('fs').readFileSync('policy.wasm'));
const [{ result }] = policy.evaluate(input, 'policies/main/report');
\`\`\`

The same Rego from source (the conftest export carries it): \`opa eval -d DIR -i input.json
data.policies.main.report\`. An undefined or empty result is an error, never a pass.
Large inputs need memory: 10,000 projects take about 450 MB of WebAssembly heap (pass a larger
\`initial\` memory to \`loadPolicy\` to avoid slow page-by-page growth).
` };
}
