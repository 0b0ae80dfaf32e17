import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const NIGHTLY_MS = 24 * 60 * 60_000;

/**
 * Nightly logical backup with pg_dump. The scheduler keeps its interval handle so the service can
 * stop it during shutdown.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly directory: string) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.runOnce().catch((error: Error) => console.error(JSON.stringify({ msg: 'backup failed', error: error.message })));
    }, NIGHTLY_MS);
  }

  async runOnce(): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const target = join(this.directory, `shop-${new Date().toISOString().slice(0, 10)}.dump`);
    await execFileAsync('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, process.env.DATABASE_URL ?? '']);
    return target;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
