import rule from '../../rules/no-quadratic-proximity';
import { createRuleTester } from '../rule-tester';

createRuleTester().run('no-quadratic-proximity', rule, {
  valid: [
    // The inner collection comes from a spatial query: only neighbours are compared.
    `export function aggro(npcs: Npc[], grid: SpatialHash<Player>, r: number) {
      for (const npc of npcs) {
        for (const p of grid.query(npc.x, npc.y, r)) {
          const dx = p.x - npc.x, dy = p.y - npc.y;
          if (dx * dx + dy * dy < r * r) npc.target = p;
        }
      }
    }`,
    `export function hits(shots: Shot[], tree: RBush<Ship>) {
      for (const s of shots) {
        const candidates = tree.search(boxAround(s));
        for (const ship of candidates) if (Math.hypot(ship.x - s.x, ship.y - s.y) < ship.radius) ship.hit(s);
      }
    }`,
    `export function near(shots: Shot[], hash: Hash) {
      const around = hash.nearby(0, 0);
      for (const s of shots) for (const o of around) if (Math.hypot(o.x - s.x, o.y - s.y) < 5) o.hit(s);
    }`,
    // A small literal inner collection.
    `export function safe(players: Player[]) {
      for (const p of players) {
        for (const spawn of [{ x: 0, y: 0 }, { x: 100, y: 100 }]) if (Math.hypot(p.x - spawn.x, p.y - spawn.y) < 50) p.protected = true;
      }
    }`,
    // A counted inner loop with a small literal bound.
    `export function corners(units: Unit[], c: Point[]) {
      for (const u of units) for (let k = 0; k < 4; k++) if (Math.hypot(u.x - c[k].x, u.y - c[k].y) < 10) u.stuck = true;
    }`,
    // One loop, distance to a fixed point.
    `export function inZone(entities: E[], cx: number, cy: number, r: number) { return entities.filter((e) => Math.hypot(e.x - cx, e.y - cy) < r); }`,
    // Nested loops over cells of a grid, measuring from a fixed centre: not a pair of elements.
    `export function disc(w: number, h: number, cx: number, cy: number, r: number) {
      for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) if (Math.hypot(x - cx, y - cy) < r) paint(x, y);
    }`,
    // The inner collection belongs to the outer element (a tree walk, not all pairs).
    `export function rooms(rooms: Room[]) {
      for (const room of rooms) for (const p of room.players) if (distance(p, room.center) > room.radius) kick(p);
    }`,
    // Nested loops that compare no distance.
    `export function dupes(xs: Item[]) { for (const a of xs) for (const b of xs) if (a.id < b.id && a.name === b.name) report(a, b); }`,
    // A distance between outer elements only, with an unrelated inner loop.
    `export function f(xs: P[], ys: Q[], home: P) { for (const a of xs) { let total = 0; for (const b of ys) total += b.w; if (distance(a, home) < total) go(a); } }`,
    // A name fragment from the options marks the inner collection as spatial.
    {
      code: `export function f(bodies: Body[], sweep: Sweep) { for (const a of bodies) for (const b of sweep.active) if (Math.hypot(a.x - b.x, a.y - b.y) < 1) touch(a, b); }`,
      options: [{ spatialNames: ['sweep'] }],
    },
  ],
  invalid: [
    {
      // The example game server: every NPC against every entity.
      code: `export class World {
  entities: Entity[] = [];
  tick(aggroRadius: number) {
    for (const npc of this.entities) {
      if (npc.kind !== 'npc') continue;
      for (const player of this.entities) {
        const dx = player.x - npc.x;
        const dy = player.y - npc.y;
        if (dx * dx + dy * dy < aggroRadius * aggroRadius) npc.target = player.id;
      }
    }
  }
}`,
      errors: [
        {
          messageId: 'quadraticProximity',
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 43,
          data: {
            inner: 'this.entities',
            outer: 'this.entities',
            measured: '10,000 moving entities: 215 ms of CPU per tick with nested loops, 11.8 ms with a spatial hash grid',
          },
        },
      ],
    },
    {
      // Index loops over the same array, each pair once: still n²/2.
      code: `export function collide(bodies: Body[]) {
  for (let i = 0; i < bodies.length; i++) {
    for (let j = i + 1; j < bodies.length; j++) {
      const a = bodies[i], b = bodies[j];
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) bounce(a, b);
    }
  }
}`,
      errors: [{ messageId: 'quadraticProximity', line: 3, column: 5 }],
    },
    {
      // Two unbounded collections through callbacks, with a distanceTo method.
      code: `export function fire(units: Unit[], towers: Tower[]) {
  units.forEach((u) => {
    towers.forEach((t) => { if (t.pos.distanceTo(u.pos) <= t.range) t.shoot(u); });
  });
}`,
      errors: [{ messageId: 'quadraticProximity', line: 3, column: 12, data: { inner: 'towers', outer: 'units', measured: '10,000 moving entities: 215 ms of CPU per tick with nested loops, 11.8 ms with a spatial hash grid' } }],
    },
    {
      // A Map's values, a distance helper, and a local holding the distance.
      code: `export function chat(players: Map<string, Player>, say: (p: Player) => void) {
  for (const [, speaker] of players) {
    for (const listener of players.values()) {
      const d = distance(speaker.pos, listener.pos);
      if (d < 30) say(listener);
    }
  }
}`,
      errors: [{ messageId: 'quadraticProximity', line: 3, column: 5 }],
    },
    {
      // Math.sqrt of a sum of squares held in a local; nearest-neighbour search.
      code: `export function nearest(npcs: Npc[], players: Player[]) {
  for (const npc of npcs) {
    let best = Infinity;
    for (const p of players) {
      const d2 = (p.x - npc.x) ** 2 + (p.y - npc.y) ** 2;
      const d = Math.sqrt(d2);
      if (d < best) { best = d; npc.target = p; }
    }
  }
}`,
      errors: [{ messageId: 'quadraticProximity', line: 4, column: 5 }],
    },
    {
      // Chebyshev distance on a tile map.
      code: `export function visible(players: Player[]) {
  for (const a of players) for (const b of players) if (Math.max(Math.abs(a.x - b.x), Math.abs(a.z - b.z)) <= 15) a.sees(b);
}`,
      errors: [{ messageId: 'quadraticProximity', line: 2, column: 28 }],
    },
    {
      // JavaScript for-in over an object of players.
      code: `function tick(players) {
  for (var i in players) {
    for (var j in players) {
      var dx = players[i].x - players[j].x;
      var dy = players[i].y - players[j].y;
      if (dx * dx + dy * dy < 400) players[i].bump(players[j]);
    }
  }
}`,
      filename: 'game.js',
      errors: [{ messageId: 'quadraticProximity', line: 3, column: 5 }],
    },
  ],
});
