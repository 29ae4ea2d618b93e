/**
 * Flux's post-build variable substitution (Kustomization spec.postBuild.substitute): `${var}`, `${var:=default}`
 * (and `${var:-default}`), `$${var}` for a literal `${var}`; a variable without a value or default becomes empty,
 * as kustomize-controller does outside strict mode. Objects labelled or annotated
 * `kustomize.toolkit.fluxcd.io/substitute: disabled` are left alone.
 */
import type { KubeObject } from '../model/kinds';

const VARIABLE = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?::[=-]([^}]*))?\}/g;
const DISABLED = 'kustomize.toolkit.fluxcd.io/substitute';

/** The object with the variables of every string value (and key) replaced; the object itself is not changed. */
export function substituteVariables(object: KubeObject, values: Record<string, string>): KubeObject {
  const { labels, annotations } = object.metadata ?? {};
  if (labels?.[DISABLED] === 'disabled' || annotations?.[DISABLED] === 'disabled') return object;
  return walk(object, values) as KubeObject;
}

/** One string with its variables replaced. */
export function substituteText(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (whole, escaped: string, name: string, fallback?: string) =>
    escaped ? whole.slice(1) : values[name] !== undefined && (values[name] !== '' || fallback === undefined) ? values[name]
      : fallback ?? '');
}

function walk(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return substituteText(value, values);
  if (Array.isArray(value)) return value.map((v) => walk(v, values));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [substituteText(k, values), walk(v, values)]));
}
