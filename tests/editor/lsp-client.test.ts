import { describe, expect, it } from 'vitest';
import { applyEdits, LspClient, offsetAt, positionAt } from './lsp-client';

/**
 * A stand-in server that frames its replies exactly as LSP requires. It echoes `echo` requests, asks
 * the client `client/ask` before answering `roundTrip`, writes two messages in one chunk for `burst`,
 * and, started with `stubborn`, never answers `shutdown`.
 */
const FAKE_SERVER = String.raw`
const stubborn = process.argv.includes('stubborn');
let buffer = Buffer.alloc(0);
let nextId = 1000;
const waiting = new Map();
const frame = (message) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from('Content-Length: ' + body.length + '\r\n\r\n'), body]);
};
const send = (message) => process.stdout.write(frame(message));
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
    buffer = buffer.subarray(end + 4 + length);
    if (message.method === undefined) { waiting.get(message.id)(message); continue; }
    switch (message.method) {
      case 'echo': send({ id: message.id, result: message.params }); break;
      case 'burst':
        process.stdout.write(Buffer.concat([frame({ method: 'note', params: { n: 1 } }), frame({ id: message.id, result: 'done' })]));
        break;
      case 'roundTrip': {
        const id = nextId++;
        waiting.set(id, (reply) => send({ id: message.id, result: reply }));
        send({ id, method: message.params.ask, params: { question: 'ready?' } });
        break;
      }
      case 'shutdown': if (!stubborn) send({ id: message.id, result: null }); break;
      case 'exit': process.exit(0);
    }
  }
});
`;

function startFake(...flags: string[]): LspClient {
  return new LspClient({ command: process.execPath, args: ['-e', FAKE_SERVER, '--', ...flags], cwd: process.cwd(), requestTimeoutMs: 5_000 });
}

describe('LspClient', () => {
  it('counts Content-Length in bytes, so text beyond ASCII survives the round trip', async () => {
    const client = startFake();
    try {
      const text = 'naïve café — 日本語 🚀';
      expect(await client.request('echo', { text })).toEqual({ text });
    } finally {
      expect((await client.stop()).clean).toBe(true);
    }
  });

  it('splits several messages arriving in one chunk, keeping notifications', async () => {
    const client = startFake();
    try {
      expect(await client.request('burst', null)).toBe('done');
      expect(client.notifications).toEqual([{ method: 'note', params: { n: 1 } }]);
    } finally {
      await client.stop();
    }
  });

  it('answers server requests with the registered handler, and unknown ones with "method not found"', async () => {
    const client = startFake();
    client.onRequest('client/known', (params) => ({ answer: (params as { question: string }).question.toUpperCase() }));
    try {
      expect(await client.request('roundTrip', { ask: 'client/known' })).toMatchObject({ result: { answer: 'READY?' } });
      expect(await client.request('roundTrip', { ask: 'client/unknown' })).toMatchObject({ error: { code: -32601 } });
      expect(client.serverRequests.map((request) => request.method)).toEqual(['client/known', 'client/unknown']);
    } finally {
      await client.stop();
    }
  });

  it('kills a server that does not answer shutdown, and reports the stop as unclean', async () => {
    const client = startFake('stubborn');
    const stopped = await client.stop(500);
    expect(stopped).toMatchObject({ clean: false, signal: 'SIGKILL' });
  });
});

describe('positions and edits', () => {
  const text = 'ab\ncdé\n\nf';
  it('converts offsets and positions both ways', () => {
    for (let offset = 0; offset <= text.length; offset++) expect(offsetAt(text, positionAt(text, offset))).toBe(offset);
    expect(positionAt(text, text.indexOf('f'))).toEqual({ line: 3, character: 0 });
  });

  it('applies edits against the original text, whatever their order', () => {
    const at = (line: number, character: number) => ({ line, character });
    const edits = [
      { range: { start: at(0, 0), end: at(0, 1) }, newText: 'A' },
      { range: { start: at(1, 3), end: at(1, 3) }, newText: '!' },
    ];
    expect(applyEdits(text, edits)).toBe('Ab\ncdé!\n\nf');
    expect(applyEdits(text, [...edits].reverse())).toBe('Ab\ncdé!\n\nf');
  });
});
