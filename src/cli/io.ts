import type { Writable } from 'node:stream';
import pc from 'picocolors';

type Colors = ReturnType<typeof pc.createColors>;

/** Where a command reads and writes. Tests inject streams and a cwd; the binary passes the process's. */
export interface CliIO {
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export type CliOptions = Partial<CliIO>;

export interface Output {
  io: CliIO;
  out(text: string): void;
  err(text: string): void;
  /** Colours for stdout: only on a terminal, and never when NO_COLOR is set. */
  color: Colors;
  /** Whether stderr is a terminal: progress lines are written only then. */
  stderrIsTTY: boolean;
}

export function createOutput(options: CliOptions = {}): Output {
  const io: CliIO = {
    cwd: options.cwd ?? process.cwd(),
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    env: options.env ?? process.env,
  };
  const noColor = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
  return {
    io,
    out: (text) => void io.stdout.write(text),
    err: (text) => void io.stderr.write(text),
    color: pc.createColors(isTTY(io.stdout) && !noColor),
    stderrIsTTY: isTTY(io.stderr),
  };
}

export function isTTY(stream: Writable): boolean {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true;
}

/** A single status line on stderr that is rewritten in place; a no-op unless stderr is a terminal. */
export function progress(output: Output): { update(text: string): void; done(): void } {
  if (!output.stderrIsTTY) return { update() {}, done() {} };
  let shown = false;
  return {
    update(text) {
      shown = true;
      output.err(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) output.err('\r\x1b[2K');
      shown = false;
    },
  };
}
