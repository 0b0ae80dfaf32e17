import dns from 'node:dns';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertNoLeaks, checkEachTest, describeLeaks, findLeaks, LeakError, takeSnapshot, leaksSince } from '../../src/testing';

// Every test here that leaks on purpose stops what it leaked in a `finally`, so the suite itself
// leaves nothing running: the check runs after each of its own tests to prove it.
checkEachTest({ beforeEach, afterEach });

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('findLeaks', () => {
  it('reports an interval left running, with its count', async () => {
    const timers: NodeJS.Timeout[] = [];
    try {
      const leaks = await findLeaks(() => {
        timers.push(setInterval(() => {}, 60_000), setInterval(() => {}, 60_000));
      });
      expect(leaks).toEqual([{ type: 'Timeout', count: 2 }]);
    } finally {
      timers.forEach(clearInterval);
    }
  });

  it('reports a listening server', async () => {
    const server = net.createServer();
    try {
      const leaks = await findLeaks(() => listen(server));
      expect(leaks).toEqual([{ type: 'TCPServerWrap', count: 1 }]);
    } finally {
      await close(server);
    }
  });

  it('reports a socket left open', async () => {
    const accepted: net.Socket[] = [];
    const server = net.createServer((socket) => accepted.push(socket));
    const port = await listen(server);
    let client: net.Socket | undefined;
    try {
      const leaks = await findLeaks(
        () =>
          new Promise<void>((resolve) => {
            client = net.connect(port, '127.0.0.1', () => resolve());
          }),
      );
      // The client's socket and the server's end of it.
      expect(leaks).toEqual([{ type: 'TCPSocketWrap', count: 2 }]);
    } finally {
      client?.destroy();
      accepted.forEach((socket) => socket.destroy());
      await close(server);
    }
  });

  it('stays quiet for cleared and unref-ed timers and for a completed timeout', async () => {
    const unrefd: NodeJS.Timeout[] = [];
    try {
      const leaks = await findLeaks(async () => {
        const interval = setInterval(() => {}, 10);
        await new Promise((resolve) => setTimeout(resolve, 25));
        clearInterval(interval);
        unrefd.push(setInterval(() => {}, 60_000).unref());
        await new Promise((resolve) => setTimeout(resolve, 1));
      });
      expect(leaks).toEqual([]);
    } finally {
      unrefd.forEach(clearInterval);
    }
  });

  it('waits for a server that is still closing (close() called, not awaited)', async () => {
    const leaks = await findLeaks(async () => {
      const server = http.createServer((_req, res) => res.end('ok'));
      const port = await listen(server);
      await new Promise<void>((resolve) => {
        http.get(`http://127.0.0.1:${port}/`, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
      });
      server.close();
    });
    expect(leaks).toEqual([]);
  });

  it('waits for a DNS request wrap that is being released', async () => {
    const leaks = await findLeaks(() => dns.promises.lookup('localhost'));
    expect(leaks).toEqual([]);
  });

  it('reports a server that never closes even after the grace period', async () => {
    const server = net.createServer();
    try {
      const started = Date.now();
      const leaks = await findLeaks(() => listen(server), { graceMs: 30 });
      expect(leaks.map((leak) => leak.type)).toEqual(['TCPServerWrap']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    } finally {
      await close(server);
    }
  });

  it('ignores types it is told to ignore', async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const leaks = await findLeaks(
        () => {
          timer = setInterval(() => {}, 60_000);
        },
        { ignore: ['Timeout'] },
      );
      expect(leaks).toEqual([]);
    } finally {
      clearInterval(timer);
    }
  });

  it('counts listeners added to given emitters and AbortSignals, and not removed ones', async () => {
    const bus = new EventEmitter();
    const controller = new AbortController();
    const keep = () => {};
    bus.on('tick', keep); // there before: not a leak
    const handler = () => {};
    try {
      const leaks = await findLeaks(
        () => {
          bus.on('tick', handler);
          bus.on('tock', handler);
          bus.on('gone', handler);
          bus.off('gone', handler);
          controller.signal.addEventListener('abort', handler);
        },
        { emitters: [{ target: bus, name: 'bus' }, controller.signal] },
      );
      expect(leaks).toEqual([
        { type: 'listener:bus:tick', count: 1 },
        { type: 'listener:bus:tock', count: 1 },
        { type: 'listener:AbortSignal#1:abort', count: 1 },
      ]);
    } finally {
      bus.removeAllListeners();
      controller.signal.removeEventListener('abort', handler);
    }
  });

  it('counts listeners on process and on an EventTarget for the events named', async () => {
    const target = new EventTarget();
    const handler = () => {};
    try {
      const leaks = await findLeaks(
        () => {
          process.on('warning', handler);
          target.addEventListener('message', handler);
          target.addEventListener('other', handler, { once: true });
        },
        { emitters: [{ target: process, events: ['warning'] }, { target, events: ['message'], name: 'port' }] },
      );
      expect(leaks).toEqual([
        { type: 'listener:process:warning', count: 1 },
        { type: 'listener:port:message', count: 1 },
      ]);
    } finally {
      process.off('warning', handler);
      target.removeEventListener('message', handler);
      target.removeEventListener('other', handler);
    }
  });

  it('rejects an EventTarget without event names, which it cannot list', async () => {
    await expect(findLeaks(() => {}, { emitters: [new EventTarget()] })).rejects.toThrow(/needs \{ target, events/);
  });

  it('records where each leaked resource was made with { stacks: true }', async () => {
    let timer: NodeJS.Timeout | undefined;
    let quiet: NodeJS.Timeout | undefined;
    try {
      const leaks = await findLeaks(
        function startPolling() {
          quiet = setInterval(() => {}, 60_000).unref();
          timer = setInterval(() => {}, 60_000);
        },
        { stacks: true },
      );
      expect(leaks).toHaveLength(1);
      expect(leaks[0]!.type).toBe('Timeout');
      // One stack: the unref'd interval does not hold the loop and is not blamed.
      expect(leaks[0]!.stack).toHaveLength(1);
      expect(leaks[0]!.stack![0]).toMatch(/startPolling/);
      expect(leaks[0]!.stack![0]).toMatch(/index\.test\.ts/);
    } finally {
      clearInterval(timer);
      clearInterval(quiet);
    }
  });

  it('passes errors of the code under test through', async () => {
    await expect(findLeaks(() => Promise.reject(new Error('boom')), { stacks: true })).rejects.toThrow('boom');
  });
});

describe('assertNoLeaks', () => {
  it('throws a LeakError that lists the leaks', async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const error = await assertNoLeaks(() => {
        timer = setInterval(() => {}, 60_000);
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LeakError);
      expect((error as LeakError).leaks).toEqual([{ type: 'Timeout', count: 1 }]);
      expect((error as LeakError).message).toBe(
        'the code under test left 1 resource alive: Timeout x1\n  (pass { stacks: true } to see where each was made)',
      );
    } finally {
      clearInterval(timer);
    }
  });

  it('resolves for clean code: a server closed and awaited, an interval cleared', async () => {
    await expect(
      assertNoLeaks(async () => {
        const server = net.createServer();
        await listen(server);
        const interval = setInterval(() => {}, 1000);
        clearInterval(interval);
        await close(server);
      }),
    ).resolves.toBeUndefined();
  });
});

describe('describeLeaks', () => {
  it('names every kind, the total, and the stacks when there are some', () => {
    const text = describeLeaks(
      [
        { type: 'Timeout', count: 2, stack: ['at poll (src/poll.ts:3:5)'] },
        { type: 'listener:bus:tick', count: 1 },
      ],
      'this test',
    );
    expect(text).toBe('this test left 3 resources alive: Timeout x2, listener:bus:tick x1\n  Timeout created at:\n    at poll (src/poll.ts:3:5)');
  });
});

describe('checkEachTest', () => {
  function fakeRunner() {
    const hooks: { before?: () => unknown; after?: () => unknown } = {};
    checkEachTest({
      beforeEach: (fn) => {
        hooks.before = fn;
      },
      afterEach: (fn) => {
        hooks.after = fn;
      },
    });
    return hooks;
  }

  it('fails a test that leaves an interval running, with the leak in the error', async () => {
    const hooks = fakeRunner();
    let timer: NodeJS.Timeout | undefined;
    try {
      await hooks.before!();
      timer = setInterval(() => {}, 60_000);
      const error = await Promise.resolve(hooks.after!()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LeakError);
      expect((error as Error).message).toMatch(/^this test left 1 resource alive: Timeout x1/);
    } finally {
      clearInterval(timer);
    }
  });

  it('passes a test that cleans up', async () => {
    const hooks = fakeRunner();
    await hooks.before!();
    clearInterval(setInterval(() => {}, 10));
    await expect(Promise.resolve(hooks.after!())).resolves.toBeUndefined();
  });
});

describe('takeSnapshot and leaksSince', () => {
  it('bracket code that is not one function', async () => {
    const snapshot = takeSnapshot();
    const timer = setTimeout(() => {}, 60_000);
    try {
      expect(await leaksSince(snapshot)).toEqual([{ type: 'Timeout', count: 1 }]);
    } finally {
      clearTimeout(timer);
    }
  });
});
