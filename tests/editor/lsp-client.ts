import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * A minimal Language Server Protocol client over stdio: JSON-RPC 2.0 messages framed by a
 * `Content-Length` header (a byte count, not a character count). Enough to drive a real server the way
 * an editor does: requests in both directions, notifications, and a clean shutdown.
 */

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export type RequestHandler = (params: unknown) => unknown;

export interface LspClientOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** How long a request waits for its response before the call rejects. */
  requestTimeoutMs?: number;
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

// JSON-RPC's "method not found": what an editor answers to a request it does not implement.
const METHOD_NOT_FOUND = -32601;

export class LspClient {
  /** Every notification the server sent, in order (`window/logMessage`, `eslint/status`, ...). */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Every request the server sent, in order, with what the client answered. */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  /** The server's stderr, for failure messages. */
  stderr = '';

  private readonly child: ChildProcessWithoutNullStreams;
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly pending = new Map<number, Pending>();
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly requestTimeoutMs: number;

  constructor(options: LspClientOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    // A server that dies must fail the waiting requests now, not after their timeouts.
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        for (const [id, waiting] of this.pending) {
          clearTimeout(waiting.timer);
          waiting.reject(new Error(`${waiting.method}: the server exited (code ${code}, signal ${signal}) before answering\n${this.stderr}`));
          this.pending.delete(id);
        }
        resolve({ code, signal });
      });
    });
    this.child.on('error', (error) => {
      this.stderr += `spawn error: ${error.message}\n`;
    });
  }

  /** Answers requests the server sends with `method` (for example `workspace/configuration`). */
  onRequest(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = this.requestTimeoutMs): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms\n${this.describeLog()}`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /**
   * The LSP exit sequence: `shutdown` (the server answers once it has stopped working), then `exit`
   * (the server process ends). A server that does not end in time is killed, so a test never leaves
   * a process behind.
   */
  async stop(timeoutMs = 5_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; clean: boolean }> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return { ...(await this.exited), clean: false };
    }
    let clean = true;
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      clean = false;
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([this.exited, deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      return { ...(await this.exited), clean: false };
    }
    return { ...outcome, clean };
  }

  /** The server's log messages and stderr, for assertion messages. */
  describeLog(): string {
    const logs = this.notifications
      .filter((entry) => entry.method === 'window/logMessage' || entry.method === 'window/showMessage')
      .map((entry) => `  ${(entry.params as { message?: string }).message ?? ''}`);
    return [`server log:`, ...logs, `server stderr:`, this.stderr].join('\n');
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = /^content-length:\s*(\d+)\s*$/im.exec(header)?.[1];
      if (length === undefined) throw new Error(`LSP message without Content-Length: ${header}`);
      const start = headerEnd + 4;
      const end = start + Number(length);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (!waiting) return;
      this.pending.delete(message.id as number);
      clearTimeout(waiting.timer);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message} (${message.error.code})`));
      else waiting.resolve(message.result);
      return;
    }
    if (message.id === undefined || message.id === null) {
      this.notifications.push({ method: message.method, params: message.params });
      return;
    }
    this.serverRequests.push({ method: message.method, params: message.params });
    const handler = this.handlers.get(message.method);
    if (!handler) {
      this.send({ jsonrpc: '2.0', id: message.id, error: { code: METHOD_NOT_FOUND, message: `unhandled: ${message.method}` } });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.params))
      .then(
        (result) => this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null }),
        (error: unknown) =>
          this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: error instanceof Error ? error.message : String(error) } }),
      );
  }
}

/** LSP positions are zero-based lines and UTF-16 code units, which is what JavaScript string indices are. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Applies edits the way an editor does: against the original text, from the last to the first. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offsetAt(text, edit.range.start)) + edit.newText + result.slice(offsetAt(text, edit.range.end));
  }
  return result;
}
