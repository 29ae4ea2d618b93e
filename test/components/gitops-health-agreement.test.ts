/**
 * Argo CD and Flux must judge every IoT resource alike: the shipped Lua checks (in Argo CD's sandbox on
 * gopher-lua) and the shipped healthCheckExprs (in Flux's fluxcd/pkg/runtime/cel) on every status sample,
 * under every name of every kind. The README's "Argo CD and Flux" section documents the same mapping.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HEALTH_CHECKED_KINDS, type HealthCheckExpr } from '../../plugin/gitops/flux-health';
import { namesOf } from '../../plugin/model/kinds';
import { PROJECT_STATUSES, sampleCases } from '../fixtures/project-status';
import { ROOT } from '../helpers/cli';
import { argocdHealth, fluxHealth, requireHealthEval } from '../helpers/health-eval';

/** Argo CD health -> Flux status. Flux has no message; Degraded stops a Flux wait at once as Failed. */
const ARGO_TO_FLUX: Record<string, string> = { Healthy: 'Current', Progressing: 'InProgress', Degraded: 'Failed' };

const COMPONENTS = join(ROOT, 'kustomize', 'components');
const data: Record<string, string> = parse(readFileSync(join(COMPONENTS, 'argocd', 'argocd-cm.yaml'), 'utf8')).data;
const healthCheckExprs: HealthCheckExpr[] =
  parse(parse(readFileSync(join(COMPONENTS, 'flux', 'kustomization.yaml'), 'utf8')).patches.at(-1).patch).spec.healthCheckExprs;

const test = suite('Argo CD (gopher-lua) and Flux (fluxcd/pkg/runtime/cel) agree on every status sample');

if (requireHealthEval(test)) {
  const cases = sampleCases(HEALTH_CHECKED_KINDS.flatMap((kind) => namesOf(kind)));

  test(`the ${Object.keys(PROJECT_STATUSES).length} samples of each of the 7 names: Healthy↔Current, Progressing↔InProgress, Degraded↔Failed`, () => {
    const objects = cases.map((c) => c.object);
    const [argo] = argocdHealth([{ data, objects }]);
    const [flux] = fluxHealth([{ healthCheckExprs, objects }]);
    assert.is(argo.length, cases.length);
    const disagreements: string[] = [];
    const waitingWithoutStatus: string[] = [];
    cases.forEach(({ kind, sample, object }, i) => {
      // The one documented exception: without any status Flux's expressions cannot evaluate (Unknown), and Flux
      // keeps waiting, as it does for InProgress; Argo CD says Progressing.
      if (!('status' in object) && flux[i].status === 'Unknown' && flux[i].error && argo[i].status === 'Progressing') {
        waitingWithoutStatus.push(kind);
        return;
      }
      if (ARGO_TO_FLUX[argo[i].status] !== flux[i].status) {
        disagreements.push(`${kind} "${sample}": Argo CD ${argo[i].status}, Flux ${flux[i].status}`);
      }
    });
    assert.equal(disagreements, []);
    assert.equal(waitingWithoutStatus, cases.filter((c) => c.sample === 'no status yet').map((c) => c.kind));
    // Each of the three verdicts is reached, so the mapping is exercised in full.
    assert.equal([...new Set(argo.map((v) => v.status))].sort(), ['Degraded', 'Healthy', 'Progressing']);
  });
}

test.run();
