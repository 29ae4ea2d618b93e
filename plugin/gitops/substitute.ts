/**
 * Flux's post-build variable substitution (Kustomization spec.postBuild.substitute and substituteFrom, gathered by
 * sources.ts fluxVariables): `${var}`, `${var:=default}`
 * (and `${var:-default}`), `$${var}` for a literal `${var}`; a variable without a value or default becomes empty,
 * as kustomize-controller does outside strict mode. Objects labelled or annotated
 * `kustomize.toolkit.fluxcd.io/substitute: disabled` are left alone.
 */
import type { KubeObject } from '../model/kinds';

const VARIABLE = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?::[=-]([^}]*))?\}/g;
const DISABLED = 'kustomize.toolkit.fluxcd.io/substitute';

/** The object with the variables of every string value (and key) replaced; the object itself is not changed. */
export function substituteVariables(object: KubeObject, values: Record<string, string>, keepUnknown = false): KubeObject {
  const { labels, annotations } = object.metadata ?? {};
  if (labels?.[DISABLED] === 'disabled' || annotations?.[DISABLED] === 'disabled') return object;
  return walk(object, values, keepUnknown) as KubeObject;
}

/**
 * One string with its variables replaced; with `keepUnknown` (not every value is known), a variable without a value
 * stays as written, default and all.
 */
export function substituteText(text: string, values: Record<string, string>, keepUnknown = false): string {
  // Own keys only: `${constructor}` is no variable of a plain object's prototype.
  return text.replace(VARIABLE, (whole, escaped: string, name: string, fallback?: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return escaped ? whole.slice(1) : value !== undefined && (value !== '' || fallback === undefined) ? value
      : keepUnknown && value === undefined ? whole : fallback ?? '';
  });
}

function walk(value: unknown, values: Record<string, string>, keepUnknown: boolean): unknown {
  if (typeof value === 'string') return substituteText(value, values, keepUnknown);
  if (Array.isArray(value)) return value.map((v) => walk(v, values, keepUnknown));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [substituteText(k, values, keepUnknown), walk(v, values, keepUnknown)]));
}
