import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { GameLoop } from './loop';
import { reportMatchResult, type PlayerProfile } from './matchmaking';
import { World, type InputMessage, type TickReport } from './world';

const MAX_PLAYERS = 64;
const NPCS_PER_ROOM = 40;
const SCOREBOARD_INTERVAL_MS = 5_000;

interface Seat {
  profile: PlayerProfile;
  socket: WebSocket;
  entityId: number;
}

/**
 * One arena: a world, its loop and the sockets of the players in it. Emits `join` and `leave` with
 * the player's profile, and `empty` when the last player leaves.
 */
export class Room extends EventEmitter {
  readonly world = new World();
  private readonly loop: GameLoop;
  private readonly seats = new Map<string, Seat>();

  constructor(readonly id: string) {
    super();
    this.loop = new GameLoop(this.world, (report) => this.broadcast(report));
    for (let i = 0; i < NPCS_PER_ROOM; i++) this.world.spawn('npc', `Drone ${i + 1}`);
  }

  get size(): number {
    return this.seats.size;
  }

  get full(): boolean {
    return this.seats.size >= MAX_PLAYERS;
  }

  open(): void {
    this.loop.start();
    setInterval(() => this.sendScoreboard(), SCOREBOARD_INTERVAL_MS);
  }

  join(socket: WebSocket, profile: PlayerProfile): void {
    const entity = this.world.spawn('player', profile.displayName);
    this.seats.set(profile.id, { profile, socket, entityId: entity.id });

    socket.on('message', (data) => {
      const input = parseInput(data.toString(), entity.id);
      if (input) this.world.enqueue(input);
    });
    socket.on('close', () => this.leave(profile.id));
    // Tell the client to reconnect elsewhere when this process is being replaced.
    process.on('SIGTERM', () => socket.close(1012, 'server restarting'));

    socket.send(JSON.stringify({ type: 'welcome', room: this.id, entityId: entity.id }));
    this.emit('join', profile);
  }

  leave(playerId: string): void {
    const seat = this.seats.get(playerId);
    if (!seat) return;
    this.seats.delete(playerId);
    const entity = this.world.get(seat.entityId);
    this.world.remove(seat.entityId);
    void reportMatchResult({ roomId: this.id, playerId, score: entity?.score ?? 0 }).catch(() => {
      // Stats are best effort; a lost result must not take the room down.
    });
    this.emit('leave', seat.profile);
    if (this.seats.size === 0) this.emit('empty');
  }

  close(): void {
    this.loop.stop();
    for (const seat of this.seats.values()) seat.socket.close(1001, 'room closed');
    this.seats.clear();
    this.removeAllListeners();
  }

  private broadcast(report: TickReport): void {
    const frame = JSON.stringify({ type: 'tick', ...report });
    for (const seat of this.seats.values()) seat.socket.send(frame);
  }

  private sendScoreboard(): void {
    const rows = [...this.seats.values()]
      .map((seat) => ({ name: seat.profile.displayName, score: this.world.get(seat.entityId)?.score ?? 0 }))
      .sort((a, b) => b.score - a.score);
    const frame = JSON.stringify({ type: 'scoreboard', rows });
    for (const seat of this.seats.values()) seat.socket.send(frame);
  }
}

function parseInput(raw: string, entityId: number): InputMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.type === 'move' && typeof m.vx === 'number' && typeof m.vy === 'number') {
    return { type: 'move', entityId, vx: m.vx, vy: m.vy };
  }
  if (m.type === 'attack' && typeof m.targetId === 'number') {
    return { type: 'attack', entityId, targetId: m.targetId };
  }
  if (m.type === 'chat' && typeof m.text === 'string') {
    return { type: 'chat', entityId, text: m.text };
  }
  return null;
}
