import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Throwaway PostgreSQL and Redis servers on loopback, started from the installed binaries in a
 * temporary directory on a free port, for tests and benchmarks. Nothing is shared with a system
 * instance: each start gets its own data directory, removed by `stop()`.
 *
 * When a binary is missing, `start*` returns `{ skipped: reason }` so a local run can skip with the
 * reason; under CI (`process.env.CI` set) it throws instead, because CI installs the servers and a
 * silently skipped database test would pass while testing nothing.
 *
 * Only node builtins are imported, so benchmarks can load this file after a plain transpile.
 */

export interface RunningServer {
  host: '127.0.0.1';
  port: number;
  /** A connection URL for the client library (`postgres://...`, `redis://...`). */
  url: string;
  stop(): Promise<void>;
}

export type Started = RunningServer | { skipped: string };

const LOOPBACK = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 30_000;

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function missing(reason: string): { skipped: string } {
  if (process.env['CI']) {
    throw new Error(`${reason}. CI installs it (see .ci/run); a database test must not be skipped there.`);
  }
  return { skipped: reason };
}

/** The directory holding `initdb`, `postgres` and `pg_ctl`: the newest /usr/lib/postgresql/<v>/bin, or PATH. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return null;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user. */
function serverUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', timeout: 5_000 }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', timeout: 5_000 }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run the server as (apt-get install postgresql creates it)');
  }
}

/**
 * Starts PostgreSQL with trust authentication for user `postgres` on 127.0.0.1, durability off
 * (fsync, synchronous_commit) since the data is thrown away. The URL names database `postgres`.
 */
export async function startPostgres(): Promise<Started> {
  const bin = findPostgresBin();
  if (!bin) return missing('PostgreSQL is not installed (no initdb/postgres in /usr/lib/postgresql/*/bin or PATH)');
  const user = serverUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hotpath-pg-'));
  const data = path.join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  try {
    execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], {
      ...ids,
      stdio: 'pipe',
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`);
  }
  const port = await freePort();
  const child = spawn(
    path.join(bin, 'postgres'),
    [
      '-D', data,
      '-p', String(port),
      '-k', dir,
      '-c', `listen_addresses=${LOOPBACK}`,
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return started(child, port, `postgres://postgres@${LOOPBACK}:${port}/postgres`, dir, 'database system is ready to accept connections');
}

/** Starts redis-server with persistence off, bound to 127.0.0.1. */
export async function startRedis(): Promise<Started> {
  const bin = which('redis-server');
  if (!bin) return missing('redis-server is not installed');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hotpath-redis-'));
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return started(child, port, `redis://${LOOPBACK}:${port}`, dir, 'Ready to accept connections');
}

function which(command: string): string | null {
  for (const dir of (process.env['PATH'] ?? '/usr/bin:/usr/sbin').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
    if (existsSync(path.join(dir, command))) return path.join(dir, command);
  }
  return null;
}

/** Waits for the server's ready line, then for its port to accept a connection. */
async function started(child: ChildProcess, port: number, url: string, dir: string, readyLine: string): Promise<RunningServer> {
  let output = '';
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`)));
    child.once('error', reject);
  });
  const ready = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`server not ready within ${STARTUP_TIMEOUT_MS} ms:\n${output.slice(-2000)}`)), STARTUP_TIMEOUT_MS);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT'); // PostgreSQL: fast shutdown; Redis: shutdown without saving (--save '')
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(forced);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([Promise.all([ready, waitForPort(port)]), exited, timeout]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // Keep reading so a full pipe never blocks the server; the output is not needed after start.
  child.stdout?.resume();
  child.stderr?.resume();
  exited.catch(() => {});
  return { host: LOOPBACK, port, url, stop };
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, LOOPBACK, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * (attempt + 1), 500)));
  }
  throw new Error(`nothing listens on ${LOOPBACK}:${port}`);
}
