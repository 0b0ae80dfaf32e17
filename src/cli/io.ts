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
  /** The reader of stdout went away (`hotpath ... | head`): further output is dropped. */
  stdoutClosed(): boolean;
}

export function createOutput(options: CliOptions = {}): Output {
  const io: CliIO = {
    cwd: options.cwd ?? process.cwd(),
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    env: options.env ?? process.env,
  };
  const noColor = io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '';
  const stdout = closeQuietly(io.stdout);
  const stderr = closeQuietly(io.stderr);
  return {
    io,
    out: (text) => {
      if (!stdout.closed) io.stdout.write(text);
    },
    err: (text) => {
      if (!stderr.closed) io.stderr.write(text);
    },
    color: pc.createColors(isTTY(io.stdout) && !noColor),
    stderrIsTTY: isTTY(io.stderr),
    stdoutClosed: () => stdout.closed,
  };
}

// A pipe whose reader exited fails writes with EPIPE (Node ignores SIGPIPE), and writes racing the
// first failure find the stream destroyed.
const CLOSED_PIPE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * `hotpath scan | head` must end quietly when `head` has read enough: without a listener the EPIPE
 * error event would crash the process with a stack trace. Other stream errors are still thrown.
 */
function closeQuietly(stream: Writable): { closed: boolean } {
  const state = { closed: false };
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!CLOSED_PIPE.has(error.code ?? '')) throw error;
    state.closed = true;
  });
  return state;
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
