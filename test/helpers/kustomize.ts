/** The kustomize runner tests hand the reader: kubectl's, as this process's environment names it (KUBECTL, PATH). */
import { kustomizeWith } from '../../plugin/gitops/kustomize';

export const KUSTOMIZE = kustomizeWith(process.env);
