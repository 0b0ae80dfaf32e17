import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import transform from '../../codemods/add-timeout';
import { startHangingServer, type HangingServer } from './helpers/hanging-server';
import { loadTsSource } from './helpers/load-ts-source';

// The shape require-timeout exists for: a call that waits as long as the peer likes.
const SOURCE = `export async function getStatus(url: string): Promise<number> {
  const response = await fetch(url);
  return response.status;
}
`;

const TIMEOUT_MS = 300;
/** How long the unfixed call must still be pending to count as "would hang". */
const PENDING_FOR_MS = 1_000;

interface Client {
  getStatus(url: string): Promise<number>;
}

type Settlement = { state: 'fulfilled'; value: unknown } | { state: 'rejected'; reason: unknown };

function settle(promise: Promise<unknown>): Promise<Settlement> {
  return promise.then(
    (value) => ({ state: 'fulfilled', value }),
    (reason: unknown) => ({ state: 'rejected', reason }),
  );
}

/** The settlement if it comes within `ms`, else 'pending'; the timer never outlives the call. */
async function within(outcome: Promise<Settlement>, ms: number): Promise<Settlement | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function applyAddTimeout(source: string): string {
  const api = { report() {}, j: undefined as never, jscodeshift: undefined as never, stats() {} } as never;
  return transform({ path: 'client.ts', source }, api, { timeoutMs: TIMEOUT_MS });
}

describe('add-timeout against a server that never answers', () => {
  let server: HangingServer;

  beforeAll(async () => {
    server = await startHangingServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('adds the deadline to the call', () => {
    const output = applyAddTimeout(SOURCE);
    expect(output).toContain(`AbortSignal.timeout(${TIMEOUT_MS})`);
    expect(output).not.toBe(SOURCE);
  });

  it('without the fix, the call is still waiting after a second', async () => {
    const { getStatus } = loadTsSource<Client>(SOURCE, 'client.ts');
    const requestsBefore = server.requests;
    const outcome = settle(getStatus(server.url));

    expect(await within(outcome, PENDING_FOR_MS)).toBe('pending');
    // It is waiting on the server's answer, not on something before the request went out.
    expect(server.requests).toBe(requestsBefore + 1);

    // Nothing can cancel this call from the client side (that is the bug), so end it from the server:
    // the call then fails with a socket error instead of staying behind after the test.
    await server.destroyConnections();
    const final = await within(outcome, 5_000);
    expect(final).toMatchObject({ state: 'rejected' });
  });

  it('with the fix, the call fails with a TimeoutError after about the deadline', async () => {
    const { getStatus } = loadTsSource<Client>(applyAddTimeout(SOURCE), 'client.fixed.ts');
    const requestsBefore = server.requests;
    const started = performance.now();
    const outcome = await within(settle(getStatus(server.url)), 5_000);
    const elapsed = performance.now() - started;

    expect(outcome).not.toBe('pending');
    if (outcome === 'pending' || outcome.state !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
    const error = outcome.reason as Error;
    expect(error.name).toBe('TimeoutError');
    expect(error.constructor.name).toBe('DOMException');
    expect(server.requests).toBe(requestsBefore + 1);
    // Generous bounds: the deadline cannot fire early, and a loaded CI machine may run it late.
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(2_000);
  });
});
