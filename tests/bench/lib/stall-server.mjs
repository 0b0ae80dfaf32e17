/**
 * An HTTP server on an ephemeral loopback port, in its own worker thread, that answers at once
 * except for the requests it is told to stall.
 *
 * The worker gives the server its own event loop, so the server's work does not run between the
 * client's callbacks and count in the latencies the client measures.
 *
 * A request `GET /?i=<n>&stall=1` hangs for `stallMs` when n % stallEvery === stallEvery - 1 (so a run
 * stalls the same requests every time); any other request gets a small JSON body.
 */
import { once } from 'node:events';
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * @param {{ stallEvery: number, stallMs: number }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStallServer(options) {
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  const exited = once(worker, 'exit');
  const [message] = await Promise.race([
    once(worker, 'message'),
    exited.then(([code]) => {
      throw new Error(`stall server exited with code ${code} before listening`);
    }),
  ]);
  let closed = false;
  return {
    url: `http://127.0.0.1:${message.port}/`,
    async close() {
      if (closed) return;
      closed = true;
      worker.postMessage('close');
      await exited;
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { stallEvery, stallMs } = /** @type {{ stallEvery: number, stallMs: number }} */ (workerData);
  /** @type {Set<NodeJS.Timeout>} */
  const stalled = new Set();

  const server = http.createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    if (query.get('stall') === '1' && Number(query.get('i')) % stallEvery === stallEvery - 1) {
      const timer = setTimeout(() => response.end('late'), stallMs);
      stalled.add(timer);
      // Finished, or the client gave up (its deadline fired): either way the timer is done.
      response.on('close', () => {
        clearTimeout(timer);
        stalled.delete(timer);
      });
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  });

  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    port.postMessage({ port: address !== null && typeof address === 'object' ? address.port : 0 });
  });

  port.on('message', (message) => {
    if (message !== 'close') return;
    for (const timer of stalled) clearTimeout(timer);
    stalled.clear();
    server.close(() => port.close());
    // Idle keep-alive sockets from the client would hold close() open for the keep-alive timeout.
    server.closeAllConnections();
  });
}
