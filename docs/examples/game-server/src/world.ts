/**
 * The simulation core of the arena server: entities with positions, the input queue, one fixed step.
 *
 * It does no I/O and imports nothing, so the socket layer (server.ts, rooms.ts) and a tick-capacity
 * benchmark drive it the same way: `enqueue()` inputs, call `tick(dt)` at the tick rate, read the
 * report. Only erasable TypeScript syntax is used (no enums, no parameter properties), so the file also
 * runs after plain type stripping.
 */

export type EntityKind = 'player' | 'npc';

export interface Entity {
  id: number;
  kind: EntityKind;
  name: string;
  x: number;
  y: number;
  /** Velocity in world units per second. */
  vx: number;
  vy: number;
  hp: number;
  score: number;
  /** The player an NPC is chasing. */
  target?: number;
  /** Ticks of spawn protection left. */
  shield?: number;
}

export type InputMessage =
  | { type: 'move'; entityId: number; vx: number; vy: number }
  | { type: 'attack'; entityId: number; targetId: number }
  | { type: 'chat'; entityId: number; text: string };

export interface PositionUpdate {
  id: number;
  x: number;
  y: number;
}

export interface TickReport {
  tick: number;
  positions: PositionUpdate[];
  /** Human-readable lines for the room feed: chat, kills, score changes. */
  feed: string[];
}

export interface WorldOptions {
  width?: number;
  height?: number;
  /** NPCs start chasing a player closer than this. */
  aggroRadius?: number;
  /** Melee range, for players and NPCs alike. */
  attackRadius?: number;
  /** How many past ticks are kept for lag compensation. */
  historyLength?: number;
  /** Seed of the spawn-position generator, so runs are repeatable. */
  seed?: number;
}

const DEFAULTS: Required<WorldOptions> = {
  width: 2_000,
  height: 2_000,
  aggroRadius: 120,
  attackRadius: 12,
  historyLength: 32,
  seed: 1,
};

const PLAYER_SPEED = 160;
const NPC_SPEED = 90;
const ATTACK_DAMAGE = 25;
const KILL_SCORE = 100;
const SPAWN_SHIELD_TICKS = 60;
const MAX_CHAT_LENGTH = 200;
const BLOCKED_WORDS = '\\b(?:aimbot|wallhack|speedhack)\\b';

export class World {
  entities: Entity[] = [];
  readonly inbox: InputMessage[] = [];
  tickCount = 0;

  private readonly options: Required<WorldOptions>;
  private readonly byId = new Map<number, Entity>();
  /** Ring of past states, indexed by tick, read when a late attack is checked against the past. */
  private readonly history: Entity[][] = [];
  private readonly random: () => number;
  private nextId = 1;

  constructor(options: WorldOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.random = mulberry32(this.options.seed);
  }

  spawn(kind: EntityKind, name: string): Entity {
    const entity: Entity = {
      id: this.nextId++,
      kind,
      name,
      x: this.random() * this.options.width,
      y: this.random() * this.options.height,
      vx: 0,
      vy: 0,
      hp: 100,
      score: 0,
      shield: SPAWN_SHIELD_TICKS,
    };
    this.entities.push(entity);
    this.byId.set(entity.id, entity);
    return entity;
  }

  remove(id: number): void {
    this.byId.delete(id);
    this.entities = this.entities.filter((entity) => entity.id !== id);
  }

  enqueue(message: InputMessage): void {
    this.inbox.push(message);
  }

  get(id: number): Entity | undefined {
    return this.byId.get(id);
  }

  /** The state `ticksAgo` ticks back, if still in the ring. */
  past(ticksAgo: number): Entity[] | undefined {
    if (ticksAgo >= this.options.historyLength || ticksAgo > this.tickCount) return undefined;
    return this.history[(this.tickCount - ticksAgo) % this.options.historyLength];
  }

  /** One fixed step: apply queued inputs, move, let NPCs pick targets, resolve deaths, record history. */
  tick(dt: number): TickReport {
    const { width, height, aggroRadius, attackRadius, historyLength } = this.options;
    const feed: string[] = [];

    while (this.inbox.length > 0) {
      const message = this.inbox.shift()!;
      const sender = this.byId.get(message.entityId);
      if (!sender || sender.hp <= 0) continue;
      switch (message.type) {
        case 'move': {
          const length = Math.hypot(message.vx, message.vy) || 1;
          sender.vx = (message.vx / length) * PLAYER_SPEED;
          sender.vy = (message.vy / length) * PLAYER_SPEED;
          break;
        }
        case 'attack': {
          const victim = this.byId.get(message.targetId);
          if (!victim || victim.hp <= 0 || victim.shield) break;
          const dx = victim.x - sender.x;
          const dy = victim.y - sender.y;
          if (dx * dx + dy * dy > attackRadius * attackRadius) break;
          victim.hp -= ATTACK_DAMAGE;
          if (victim.hp <= 0) {
            sender.score += KILL_SCORE;
            const scoreFormat = new Intl.NumberFormat('en-US');
            feed.push(`${sender.name} took down ${victim.name} (${scoreFormat.format(sender.score)} pts)`);
          }
          break;
        }
        case 'chat': {
          const blocked = new RegExp(BLOCKED_WORDS, 'i');
          const text = message.text.slice(0, MAX_CHAT_LENGTH);
          feed.push(`${sender.name}: ${blocked.test(text) ? '[message removed]' : text}`);
          break;
        }
      }
    }

    for (const entity of this.entities) {
      entity.x = clamp(entity.x + entity.vx * dt, 0, width);
      entity.y = clamp(entity.y + entity.vy * dt, 0, height);
      if (entity.shield !== undefined) {
        entity.shield -= 1;
        if (entity.shield <= 0) delete entity.shield;
      }
    }

    // Each NPC chases the nearest living player within aggro range.
    for (const npc of this.entities) {
      if (npc.kind !== 'npc' || npc.hp <= 0) continue;
      let nearest: Entity | undefined;
      let nearestDistance = Infinity;
      for (const player of this.entities) {
        if (player.kind !== 'player' || player.hp <= 0) continue;
        const dx = player.x - npc.x;
        const dy = player.y - npc.y;
        // Squared distances first: most pairs are out of range, and those need no square root.
        if (dx * dx + dy * dy < aggroRadius * aggroRadius) {
          const distance = Math.hypot(dx, dy);
          if (distance < nearestDistance) {
            nearest = player;
            nearestDistance = distance;
          }
        }
      }
      if (nearest) {
        npc.target = nearest.id;
        const length = nearestDistance || 1;
        npc.vx = ((nearest.x - npc.x) / length) * NPC_SPEED;
        npc.vy = ((nearest.y - npc.y) / length) * NPC_SPEED;
      } else if (npc.target !== undefined) {
        delete npc.target;
        npc.vx = 0;
        npc.vy = 0;
      }
    }

    const fallen = this.entities.filter((entity) => entity.hp <= 0);
    for (const entity of fallen) this.remove(entity.id);

    const positions: PositionUpdate[] = [];
    for (let i = 0; i < this.entities.length; i++) {
      const entity = this.entities[i]!;
      positions.push({ id: entity.id, x: Math.round(entity.x), y: Math.round(entity.y) });
    }

    this.tickCount++;
    this.history[this.tickCount % historyLength] = JSON.parse(JSON.stringify(this.entities)) as Entity[];
    return { tick: this.tickCount, positions, feed };
  }

  /** Entity counts by kind, for the room list and the metrics endpoint. */
  census(): Record<EntityKind, number> {
    return this.entities.reduce(
      (counts, entity) => ({ ...counts, [entity.kind]: counts[entity.kind] + 1 }),
      { player: 0, npc: 0 } as Record<EntityKind, number>,
    );
  }
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** A small seeded PRNG: spawn positions repeat from run to run, which keeps benchmarks comparable. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
