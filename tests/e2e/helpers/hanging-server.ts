import { once } from 'node:events';
import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * An HTTP server on an ephemeral loopback port that accepts connections, reads requests and never
 * answers: the stalled peer that a call without a deadline waits on forever.
 */
export interface HangingServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Requests received so far (each is left unanswered). */
  readonly requests: number;
  /** Connections currently open. */
  readonly openConnections: number;
  /** Destroys every open connection: a client waiting on one gets a socket error. */
  destroyConnections(): Promise<void>;
  /** Destroys every connection and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = http.createServer(() => {
    requests++;
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('hanging server has no TCP address');

  async function destroyConnections(): Promise<void> {
    const closing = [...sockets].map((socket) => once(socket, 'close'));
    // closeAllConnections() reaches the sockets the HTTP layer tracks; destroying our own set as
    // well covers a socket that connected but has not sent a full request yet.
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
    await Promise.all(closing);
  }

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    get requests() {
      return requests;
    },
    get openConnections() {
      return sockets.size;
    },
    destroyConnections,
    close() {
      closed ??= (async () => {
        const stopped = once(server, 'close');
        server.close();
        await destroyConnections();
        await stopped;
      })();
      return closed;
    },
  };
}
