/** A throwaway PostgreSQL 15 server for tests: initdb into a temp dir, start on a free loopback port, stop, remove. */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Postgres {
  port: number;
  /** Runs SQL (a string, or `{ file }`) in `database` and returns psql's unaligned, tuples-only output. */
  psql(input: string | { file: string }, database?: string): string;
  /** Stops the server and removes its directory; safe to call twice. */
  stop(): void;
}

/** Whether the PostgreSQL server binaries this helper needs are installed. */
export function postgresAvailable(): boolean {
  return ['initdb', 'pg_ctl', 'psql'].every((tool) => existsSync(join(PG_BIN, tool)));
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; the tiny race with other processes is acceptable here). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}

/** Runs a server binary; initdb and pg_ctl refuse root, so as root they run as the `postgres` user. */
function runServerTool(tool: string, args: string[]): string {
  const command = [join(PG_BIN, tool), ...args];
  const [file, ...argv] = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...command] : command;
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a fresh server with trust authentication, reachable only on 127.0.0.1. */
export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-iot-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  let running = false;
  const stop = (): void => {
    try {
      if (running) runServerTool('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
    } finally {
      running = false;
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const port = await freePort();
    runServerTool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-instructions']);
    const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`;
    runServerTool('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options]);
    running = true;
    const psql = (input: string | { file: string }, database = 'postgres'): string => {
      const source = typeof input === 'string' ? ['-c', input] : ['-f', input.file];
      const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port)];
      return execFileSync(join(PG_BIN, 'psql'), [...args, '-U', 'postgres', '-d', database, ...source], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    };
    return { port, psql, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
