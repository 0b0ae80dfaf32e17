/**
 * An HTTP server on an ephemeral loopback port, in its own worker thread, standing in for a backend
 * with finite capacity:
 *
 * - `cpuMs`: each request costs this much CPU before it is answered, and requests are served one
 *   at a time (one thread), as a database or service with one core would;
 * - `delayMs`: each request waits this long (a read with a fixed latency) without using the CPU;
 * - `maxConnections`: connections past this many are closed at once (`server.maxConnections`), as a
 *   server, proxy or database with a connection limit would.
 *
 * The server counts the requests it answered, so a benchmark can report loader calls.
 */
import { once } from 'node:events';
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * @param {{ cpuMs?: number, delayMs?: number, maxConnections?: number }} options
 * @returns {Promise<{ url: string, served: () => Promise<number>, close: () => Promise<void> }>}
 */
export async function startWorkServer(options) {
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  const exited = once(worker, 'exit');
  const [message] = await Promise.race([
    once(worker, 'message'),
    exited.then(([code]) => {
      throw new Error(`work server exited with code ${code} before listening`);
    }),
  ]);
  let closed = false;
  return {
    url: `http://127.0.0.1:${message.port}/`,
    async served() {
      worker.postMessage('count');
      const [reply] = await once(worker, 'message');
      return reply.served;
    },
    async close() {
      if (closed) return;
      closed = true;
      worker.postMessage('close');
      await exited;
    },
  };
}

if (!isMainThread && parentPort) {
  const { cpuMs = 0, delayMs = 0, maxConnections } = workerData;
  let served = 0;
  const server = http.createServer((req, res) => {
    const answer = () => {
      served++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url, served }));
    };
    if (cpuMs > 0) {
      const until = performance.now() + cpuMs;
      while (performance.now() < until) {
        // busy: the request's cost on a one-core backend
      }
    }
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
  if (maxConnections !== undefined) server.maxConnections = maxConnections;
  server.keepAliveTimeout = 1_000;
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', (message) => {
    if (message === 'count') parentPort.postMessage({ served });
    if (message === 'close') {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
}
