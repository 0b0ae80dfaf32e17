import { WebSocketServer } from 'ws';
import { Lobby } from './lobby';
import { verifyTicket } from './matchmaking';

const port = Number(process.env.PORT ?? 7350);
const lobby = new Lobby();
const wss = new WebSocketServer({ port, maxPayload: 4 * 1024 });

wss.on('connection', (socket, request) => {
  const ticket = new URL(request.url ?? '/', 'ws://localhost').searchParams.get('ticket');
  if (!ticket) {
    socket.close(4001, 'missing ticket');
    return;
  }
  verifyTicket(ticket).then(
    (profile) => lobby.place().join(socket, profile),
    () => socket.close(4003, 'invalid ticket'),
  );
});

// Module scope runs once: one metrics line every 10 s for the life of the process.
setInterval(() => {
  const rooms = lobby.summary();
  const players = rooms.reduce((sum, room) => sum + room.players, 0);
  console.log(JSON.stringify({ msg: 'metrics', rooms: rooms.length, players, rss: process.memoryUsage.rss() }));
}, 10_000).unref();

process.once('SIGINT', () => {
  lobby.closeAll();
  wss.close();
});
