/** Runs Argo CD health checks on the real Lua 5.1 interpreter through test/components/argocd-health.lua. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HARNESS = join(__dirname, 'argocd-health.lua');

/** Whether `lua5.1` is on PATH (scripts/install-tools.sh lua installs it). */
export function luaAvailable(): boolean {
  return spawnSync('lua5.1', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** A Lua 5.1 string literal: printable ASCII as is, every other byte as a decimal escape (5.1 has no \u). */
function luaString(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte >= 0x20 && byte < 0x7f && char !== '"' && char !== '\\' ? char : `\\${byte}`;
  }
  return `${out}"`;
}

/** A value as Argo CD hands it to Lua: objects and arrays become tables, null becomes nil. */
export function toLua(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return luaString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `{ ${value.map(toLua).join(', ')} }`;
  const fields = Object.entries(value as Record<string, unknown>).map(([k, v]) => `[${luaString(k)}] = ${toLua(v)}`);
  return `{ ${fields.join(', ')} }`;
}

export type LuaResult = { table: Record<string, string> } | { error: string };

/** Runs `script` (saved into `dir`) with `obj` set to `object`; the returned table, or the error. */
export function runHealthCheck(dir: string, script: string, object: unknown): LuaResult {
  const file = join(dir, 'health.lua');
  writeFileSync(file, script);
  const run = spawnSync('lua5.1', [HARNESS, file], { input: `return ${toLua(object)}`, encoding: 'utf8' });
  if (run.status !== 0) return { error: (run.stdout + run.stderr).trim() };
  const table: Record<string, string> = {};
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    table[line.slice(0, at)] = line.slice(at + 1).replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
  }
  return { table };
}
