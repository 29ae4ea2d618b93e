/**
 * What a command handler may reach outside its arguments: streams, environment, clock, the policy pack and the
 * cluster. cli.ts builds one per run and hands it to the handlers, so tests can run a command in-process with
 * captured output, a chosen environment and a fake-free engine (test/helpers/in-process.ts).
 */
import type { Cluster, ClusterOptions } from './cluster/index';
import type { PolicyEngine } from './policy/engine';
import type { PolicyInfo } from './policy/types';
import { processStream } from './output/fd-stream';
import { escapeControls } from './output/sanitize';

import type { OutStream } from './output/fd-stream';

export type { OutStream } from './output/fd-stream';

export interface Context {
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The working directory relative paths in messages are shown against. */
  cwd(): string;
  now(): Date;
  loadEvaluator(): Promise<PolicyEngine>;
  connect(options: ClusterOptions): Promise<Cluster>;
  policyCatalog(): PolicyInfo[];
  /** Set by a handler whose run found something (1); cli.ts's run() returns it. */
  exitCode?: number;
}

/** The real process. The engine and the cluster client load on first use: each costs hundreds of ms. */
export function defaultContext(): Context {
  return {
    // Pipes and files are written directly (output/fd-stream.ts), each made on first use: a stream costs milliseconds.
    get stdout() {
      return processStream(1);
    },
    get stderr() {
      return processStream(2);
    },
    // On first use: making process.stdin a stream costs milliseconds, and only commands reading "-" need it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: () => process.cwd(),
    now: () => new Date(),
    loadEvaluator: () => (require('./policy/evaluate') as typeof import('./policy/evaluate')).loadEvaluator(),
    connect: (options) => (require('./cluster/load') as typeof import('./cluster/load')).connect(options),
    policyCatalog: () => (require('./policy/catalog') as typeof import('./policy/catalog')).policyCatalog(),
  };
}

/** Data on stdout, one line ending in a newline. */
export function out(ctx: Pick<Context, 'stdout'>, text: string): void {
  ctx.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

/** A message for people on stderr. */
export function err(ctx: Pick<Context, 'stderr'>, text: string): void {
  ctx.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A `warning: ` line on stderr, its control characters escaped: what a reader hands a `warn` callback. */
export function warner(ctx: Pick<Context, 'stderr'>): (message: string) => void {
  return (message) => err(ctx, `warning: ${escapeControls(message)}`);
}

/** Whether to colour what goes to `stream`: a TTY without NO_COLOR, or FORCE_COLOR. */
export function colorFor(ctx: Pick<Context, 'env'>, stream: OutStream): boolean {
  const { NO_COLOR, FORCE_COLOR } = ctx.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return false;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}
