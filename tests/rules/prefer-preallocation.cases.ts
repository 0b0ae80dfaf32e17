import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/prefer-preallocation';

// Shared by the RuleTester table and the preallocate codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // Conditional push: the final length is not known.
    `export function alive(es: { hp: number }[]) { const out = []; for (const e of es) { if (e.hp > 0) out.push(e); } return out; }`,
    `export function alive(es: { hp: number }[]) { const out = []; for (const e of es) { if (e.hp <= 0) continue; out.push(e); } return out; }`,
    // break, throw or return before the push, or anywhere for break and return.
    `export function upTo(es: number[]) { const out = []; for (const e of es) { out.push(e * 2); if (e > 10) break; } return out; }`,
    `export function checked(es: (number | null)[]) { const out = []; for (const e of es) { if (e === null) throw new Error('gap'); out.push(e); } return out; }`,
    `export function first(es: number[]) { const out = []; for (const e of es) { if (e < 0) return null; out.push(e); } return out; }`,
    // Unknown trip count: while loops, iterables that are not known arrays, a bound the loop changes.
    `export function drain(q: number[]) { const out = []; while (q.length) out.push(q.pop()! * 2); return out; }`,
    `export function keys(m: Map<string, number>) { const out = []; for (const k of m.keys()) out.push(k.length); return out; }`,
    `export function grow(xs: number[]) { const out = []; for (let i = 0; i < xs.length; i++) { out.push(xs[i]! * 2); if (i % 2) xs.pop(); } return out; }`,
    // A bound the body writes, or an array whose length the body changes (push, splice, a nested path, a new length).
    `export function shrink(xs: number[], n: number) { const out = []; for (let i = 0; i < n; i++) { out.push(xs[i]! * 2); if (xs[i]! < 0) n--; } return out.reduce((a, b) => a + b, 0); }`,
    `export function unique(xs: number[]) { const out = []; for (let i = 0; i < xs.length; i++) { out.push(xs[i]! * 2); if (xs.indexOf(xs[i]!) !== i) xs.splice(i, 1); } return out; }`,
    `export function split(xs: number[]) { const out = []; for (let i = 0; i < xs.length; i++) { out.push(xs[i]! & 15); if (xs[i]! > 15) xs.push(xs[i]! >> 4); } return out; }`,
    `export function cut(xs: number[]) { const out = []; for (let i = 0; i < xs.length; i++) { out.push(xs[i]! * 2); if (xs[i]! < 0) xs.length = i + 1; } return out; }`,
    `export function nested(q: { items: number[] }) { const out = []; for (let i = 0; i < q.items.length; i++) { out.push(q.items[i]! * 2); if (i % 2) q.items.pop(); } return out.reduce((a, b) => a + b, 0); }`,
    // for...of walks what the body appends: a queue it grows, or a field a method of `this` may grow.
    `export function walk(xs: number[]) { const out = []; for (const x of xs) { out.push(x * 2); if (x > 1) xs.push(x >> 1); } return out; }`,
    `export class T { nodes: { kids: number }[] = []; sizes() { const out = []; for (const n of this.nodes) { out.push(n.kids); this.expand(n); } return out; } expand(n: { kids: number }) { if (n.kids) this.nodes.push({ kids: n.kids - 1 }); } }`,
    `export function drop(xs: number[]) { const out = []; xs.forEach((x) => { out.push(x * 2); if (x < 0) xs.pop(); }); return out; }`,
    // Small literal trip counts (<= 64).
    `export function corners() { const out = []; for (let i = 0; i < 4; i++) out.push(i * 90); return out; }`,
    `export function rgb() { const out = []; for (const c of ['r', 'g', 'b']) out.push(c.toUpperCase()); return out; }`,
    `const SLOTS = 8; export function slots() { const out = []; for (let i = 0; i < SLOTS; i++) out.push({ i }); return out; }`,
    // Two pushes per iteration, or a push of several items: the length is not the trip count.
    `export function pairs(xs: number[]) { const out = []; for (const x of xs) { out.push(x); out.push(-x); } return out; }`,
    `export function flat(xs: number[][]) { const out: number[] = []; for (const x of xs) out.push(...x); return out; }`,
    // The array already has items, or is read inside the loop.
    `export function prefixed(xs: number[]) { const out = [0]; for (const x of xs) out.push(x); return out; }`,
    `export function sums(xs: number[]) { const out: number[] = []; for (let i = 0; i < xs.length; i++) out.push((out[i - 1] ?? 0) + xs[i]!); return out; }`,
    // Awaiting inside the loop: .map would start every call at once.
    `export async function serial(ids: string[], load: (id: string) => Promise<string>) { const out = []; for (const id of ids) out.push(await load(id)); return out; }`,
    // Objects built in a counted loop with no source array: nothing faster to suggest (Array.from measured slower).
    `export function grid(n: number) { const cells = []; for (let i = 0; i < n; i++) cells.push({ i, alive: false }); return cells; }`,
    // Numbers, but the array is handed out: a Float64Array would behave differently.
    `export function ramp(n: number) { const out = []; for (let i = 0; i < n; i++) out.push(i * 0.5); return out; }`,
    `export function ramp(n: number) { const out = []; for (let i = 0; i < n; i++) out.push(i * 0.5); return JSON.stringify(out); }`,
    // A bound on `this` that the body may change: a method call on `this` could remove entities.
    `export class W { es: { hp: number }[] = []; hp() { const out = []; for (let i = 0; i < this.es.length; i++) { this.check(i); out.push(this.es[i]!.hp); } return out; } check(i: number) { if (i > 3) this.es.pop(); } }`,
    `export class W { es: { hp: number }[] = []; hp() { const out = []; for (let i = 0; i < this.es.length; i++) { out.push(this.es[i]!.hp); if (!this.es[i]!.hp) this.es = this.es.slice(1); } return out; } }`,
    // The array is declared elsewhere (a field, a parameter).
    `export class Q { items: number[] = []; fill(xs: number[]) { for (const x of xs) this.items.push(x); } }`,
    `export function into(out: number[], xs: number[]) { for (const x of xs) out.push(x * 2); }`,
    // A test file is left alone unless asked.
    { code: `export function t(xs: number[]) { const out = []; for (const x of xs) out.push(x + 1); return out; }`, filename: 'tests/t.ts' },
  ],
  invalid: [
    // A property the enclosing `if` narrows stays narrowed in the loop but not in a `.map` callback,
    // so TypeScript gets no `.map` suggestion (pokemon-showdown's team validator).
    {
      code: [
        'export function merge(sources: string[], other: { egg?: string | null }) {',
        '  if (other.egg) {',
        '    const fresh = [];',
        `    for (const source of sources) fresh.push(source.startsWith('3E') ? other.egg : source);`,
        '    return fresh;',
        '  }',
        '  return sources;',
        '}',
      ].join('\n'),
      filename: 'src/validator.ts',
      errors: [{ messageId: 'growByPush', line: 4, suggestions: [] }],
    },
    // The example game server's positions: a known array, so .map.
    {
      code: [
        'export function positions(entities: { id: number; x: number; y: number }[]) {',
        '  const out: { id: number; x: number }[] = [];',
        '  for (const entity of entities) {',
        '    out.push({ id: entity.id, x: Math.round(entity.x) });',
        '  }',
        '  return out;',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'growByPush',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: [
                'export function positions(entities: { id: number; x: number; y: number }[]) {',
                '  const out: { id: number; x: number }[] = entities.map((entity) => ({ id: entity.id, x: Math.round(entity.x) }));',
                '  return out;',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // Statements before the push move into the callback; destructuring stays.
    {
      code: [
        'export function rows(entries: [string, number][]) {',
        '  const lines = [];',
        '  for (const [name, score] of entries) {',
        '    const padded = name.padEnd(12);',
        '    lines.push(`${padded} ${score}`);',
        '  }',
        '  return lines.join("\\n");',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'growByPush',
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: [
                'export function rows(entries: [string, number][]) {',
                '  const lines = entries.map(([name, score]) => {',
                '    const padded = name.padEnd(12);',
                '    return `${padded} ${score}`;',
                '  });',
                '  return lines.join("\\n");',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // An index loop over a known array: the body keeps its index.
    {
      code: [
        'export function reserve(ids: string[], reserveOne: (id: string, i: number) => Promise<boolean>) {',
        '  const promises: Promise<boolean>[] = [];',
        '  for (let i = 0; i < ids.length; i++) {',
        '    promises.push(reserveOne(ids[i]!, i));',
        '  }',
        '  return Promise.all(promises);',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'growByPush',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: [
                'export function reserve(ids: string[], reserveOne: (id: string, i: number) => Promise<boolean>) {',
                '  const promises: Promise<boolean>[] = ids.map((_, i) => reserveOne(ids[i]!, i));',
                '  return Promise.all(promises);',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // forEach over a known array becomes map.
    {
      code: `export function upper(names: string[]) { const out: string[] = []; names.forEach((n) => out.push(n.toUpperCase())); return out; }`,
      errors: [
        {
          messageId: 'growByPush',
          line: 1,
          column: 89,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: `export function upper(names: string[]) { const out: string[] = names.map((n) => n.toUpperCase()); return out; }`,
            },
          ],
        },
      ],
    },
    {
      code: `export function tags(names: string[]) { const out = []; names.forEach((n) => { const t = n.trim(); out.push({ t }); }); return out; }`,
      errors: [
        {
          messageId: 'growByPush',
          line: 1,
          column: 100,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: `export function tags(names: string[]) { const out = names.map((n) => { const t = n.trim(); return { t }; }); return out; }`,
            },
          ],
        },
      ],
    },
    // Numbers in a counted loop, read back only by index, length and reduce: a Float64Array.
    {
      code: [
        'export function energy(masses: number[], n: number) {',
        '  const out = [];',
        '  for (let i = 0; i < n; i++) {',
        '    out.push(masses[i]! * 9e16);',
        '  }',
        '  let total = 0;',
        '  for (let i = 0; i < out.length; i++) total += out[i]!;',
        '  return total + out.reduce((a, b) => Math.max(a, b), 0);',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'growByPushNumbers',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'growByPushFixTypedArray',
              output: [
                'export function energy(masses: number[], n: number) {',
                '  const out = new Float64Array(n);',
                '  for (let i = 0; i < n; i++) {',
                '    out[i] = masses[i]! * 9e16;',
                '  }',
                '  let total = 0;',
                '  for (let i = 0; i < out.length; i++) total += out[i]!;',
                '  return total + out.reduce((a, b) => Math.max(a, b), 0);',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // A bound read through a path stays fixed when the body changes another array on that object.
    {
      code: `export function doubled(q: { items: number[]; seen: number[] }) { const out = []; for (let i = 0; i < q.items.length; i++) { out.push(q.items[i]! * 2); q.seen.pop(); } return out.reduce((a, b) => a + b, 0); }`,
      errors: [
        {
          messageId: 'growByPushNumbers',
          line: 1,
          column: 126,
          suggestions: [
            {
              messageId: 'growByPushFixTypedArray',
              output: `export function doubled(q: { items: number[]; seen: number[] }) { const out = new Float64Array(q.items.length); for (let i = 0; i < q.items.length; i++) { out[i] = q.items[i]! * 2; q.seen.pop(); } return out.reduce((a, b) => a + b, 0); }`,
            },
          ],
        },
      ],
    },
    // The annotation that would reject a typed array is dropped.
    {
      code: `export function peak(n: number) { const xs: number[] = []; for (let i = 0; i < n; i++) xs.push(Math.sin(i)); return Math.max(...xs); }`,
      errors: [
        {
          messageId: 'growByPushNumbers',
          line: 1,
          column: 88,
          suggestions: [
            {
              messageId: 'growByPushFixTypedArray',
              output: `export function peak(n: number) { const xs = new Float64Array(n); for (let i = 0; i < n; i++) xs[i] = Math.sin(i); return Math.max(...xs); }`,
            },
          ],
        },
      ],
    },
    // A push that is not the body's last statement: reported, the rewrite left to a person.
    {
      code: `export function split(rows: { a: string; b: number }[]) { const as: string[] = []; for (const r of rows) { as.push(r.a); console.log(r.b); } return as; }`,
      errors: [{ messageId: 'growByPush', line: 1, column: 108, suggestions: [] }],
    },
    // A bound above the threshold, and the minLength option.
    {
      code: `const CELLS = 4096; export function cells(src: number[]) { const out = []; for (let i = 0; i < CELLS; i++) out.push(src[i]! | 0); return out.length; }`,
      errors: [
        {
          messageId: 'growByPushNumbers',
          line: 1,
          column: 108,
          suggestions: [
            {
              messageId: 'growByPushFixTypedArray',
              output: `const CELLS = 4096; export function cells(src: number[]) { const out = new Float64Array(CELLS); for (let i = 0; i < CELLS; i++) out[i] = src[i]! | 0; return out.length; }`,
            },
          ],
        },
      ],
    },
    {
      code: `export function quad(src: number[]) { const out = []; for (let i = 0; i < 4; i++) out.push(src[i]! * 2); return out[0]; }`,
      options: [{ minLength: 2 }],
      errors: [
        {
          messageId: 'growByPushNumbers',
          line: 1,
          column: 83,
          suggestions: [
            {
              messageId: 'growByPushFixTypedArray',
              output: `export function quad(src: number[]) { const out = new Float64Array(4); for (let i = 0; i < 4; i++) out[i] = src[i]! * 2; return out[0]; }`,
            },
          ],
        },
      ],
    },
    // A destructured parameter typed in its pattern (React props) is a known array.
    {
      code: `export function Row({ cells }: { cells: string[] }) { const tds = []; for (const c of cells) tds.push(c.trim()); return tds; }`,
      errors: [
        {
          messageId: 'growByPush',
          line: 1,
          column: 94,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: `export function Row({ cells }: { cells: string[] }) { const tds = cells.map((c) => c.trim()); return tds; }`,
            },
          ],
        },
      ],
    },
    // The example game server's positions: an index loop over a field, the body touching nothing of `this`.
    {
      code: [
        'export class World {',
        '  entities: { id: number; x: number }[] = [];',
        '  positions() {',
        '    const positions: { id: number; x: number }[] = [];',
        '    for (let i = 0; i < this.entities.length; i++) {',
        '      const entity = this.entities[i]!;',
        '      positions.push({ id: entity.id, x: Math.round(entity.x) });',
        '    }',
        '    return positions;',
        '  }',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'growByPush',
          line: 7,
          column: 7,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: [
                'export class World {',
                '  entities: { id: number; x: number }[] = [];',
                '  positions() {',
                '    const positions: { id: number; x: number }[] = this.entities.map((_, i) => {',
                '      const entity = this.entities[i]!;',
                '      return { id: entity.id, x: Math.round(entity.x) };',
                '    });',
                '    return positions;',
                '  }',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // A class field typed as an array is a known array.
    {
      code: `export class World { entities: { id: number }[] = []; ids() { const out = []; for (const e of this.entities) out.push(e.id); return out; } }`,
      errors: [
        {
          messageId: 'growByPush',
          line: 1,
          column: 110,
          suggestions: [
            {
              messageId: 'growByPushFixMap',
              output: `export class World { entities: { id: number }[] = []; ids() { const out = this.entities.map((e) => e.id); return out; } }`,
            },
          ],
        },
      ],
    },
  ],
};
