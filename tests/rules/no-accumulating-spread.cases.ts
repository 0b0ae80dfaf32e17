import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/no-accumulating-spread';

// Shared by the RuleTester table and the spread-to-mutation codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // The spread source is not the accumulator: a copy of something else per step is O(n).
    `export const rows = (xs: { id: string }[], base: object) => xs.reduce((acc, x) => { acc[x.id] = { ...base, id: x.id }; return acc; }, {} as Record<string, object>);`,
    `export function withDefaults(items: object[], defaults: object) { return items.map((item) => ({ ...defaults, ...item })); }`,
    // Mutation already.
    `export const byId = (xs: { id: string }[]) => xs.reduce((acc, x) => { acc[x.id] = x; return acc; }, {} as Record<string, unknown>);`,
    // Literal inputs of eight or fewer items cost microseconds.
    `export const flags = ['a', 'b', 'c'].reduce((acc, k) => ({ ...acc, [k]: true }), {});`,
    `export const keys = Object.keys({ a: 1, b: 2 }).reduce((acc, k) => [...acc, k], [] as string[]);`,
    `export function few() { let all: number[] = []; for (const n of [1, 2, 3, 4]) all = [...all, n]; return all; }`,
    `export function counted() { let o = {}; for (let i = 0; i < 8; i++) o = { ...o, [i]: i }; return o; }`,
    // ... also through a name bound to such a literal (outline's environment loader), and when the loop reassigns the name (NodeBB's metrics).
    `const environments = ['production', 'development', 'local', 'test']; let env: Record<string, string> = {}; for (const name of environments) env = { ...env, ...load(name) }; declare function load(name: string): Record<string, string>; export { env };`,
    `export function metrics() { let names = ['views', 'views:month']; names.forEach((m) => { names = [...names, m + ':guest', m + ':bot']; }); names.push('unique'); return names; }`,
    `const LIMITS = { a: 1, b: 2 }; export const doubled = Object.keys(LIMITS).reduce((acc, k) => [...acc, k + k], [] as string[]);`,
    // A variable declared in the loop starts afresh each iteration.
    `export function fresh(xs: number[][]) { for (const x of xs) { let row: number[] = []; row = [...row, x.length]; console.log(row); } }`,
    // Each iteration updates a different object, not one accumulator.
    `export function each(frames: { view: object }[], patch: object) { for (const f of frames) f.view = { ...f.view, ...patch }; }`,
    `export function per(sides: { slots: string[] }[], extra: string[]) { for (const side of sides) { side.slots = side.slots.concat(extra); } }`,
    // Not in a loop: one copy.
    `export function once(state: { n: number }) { state = { ...state, n: state.n + 1 }; return state; }`,
    // A spread that is not the returned value of the reduce callback.
    `export const sizes = (xs: string[][]) => xs.reduce((n, x) => n + [...x].length, 0);`,
    // A test file is left alone unless asked.
    { code: `export const m = (xs: string[]) => xs.reduce((acc, x) => ({ ...acc, [x]: 1 }), {});`, filename: 'src/map.spec.ts' },
  ],
  invalid: [
    // A name bound to a small literal that grows before the loop: its length is not known.
    {
      code: `export function tags(extra: string) { const names = ['a', 'b']; names.push(extra); let out: string[] = []; for (const n of names) out = [...out, n]; return out; }`,
      output: `export function tags(extra: string) { const names = ['a', 'b']; names.push(extra); let out: string[] = []; for (const n of names) out.push(n); return out; }`,
      errors: [{ messageId: 'accumulatingSpread', line: 1, column: 138, suggestions: [{ messageId: 'accumulatingSpreadFixMutate', output: `export function tags(extra: string) { const names = ['a', 'b']; names.push(extra); let out: string[] = []; for (const n of names) out.push(n); return out; }` }] }],
    },
    // The classic index: a fresh {} start, so the autofix mutates it.
    {
      code: `export const byId = (rows: { id: string; total: number }[]) => rows.reduce((acc, row) => ({ ...acc, [row.id]: row.total }), {});`,
      output: `export const byId = (rows: { id: string; total: number }[]) => rows.reduce((acc, row) => { acc[row.id] = row.total; return acc; }, {});`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 93,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: `export const byId = (rows: { id: string; total: number }[]) => rows.reduce((acc, row) => { acc[row.id] = row.total; return acc; }, {});`,
            },
          ],
        },
      ],
    },
    // The example game server's census: a literal with keys is fresh too; multi-line bodies stay multi-line.
    {
      code: [
        'export function census(entities: { kind: string }[]) {',
        '  return entities.reduce(',
        '    (counts, entity) => ({',
        '      ...counts,',
        '      [entity.kind]: counts[entity.kind]! + 1,',
        '    }),',
        '    { player: 0, npc: 0 } as Record<string, number>,',
        '  );',
        '}',
      ].join('\n'),
      output: [
        'export function census(entities: { kind: string }[]) {',
        '  return entities.reduce(',
        '    (counts, entity) => {',
        '      counts[entity.kind] = counts[entity.kind]! + 1;',
        '      return counts;',
        '    },',
        '    { player: 0, npc: 0 } as Record<string, number>,',
        '  );',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 4,
          column: 7,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: [
                'export function census(entities: { kind: string }[]) {',
                '  return entities.reduce(',
                '    (counts, entity) => {',
                '      counts[entity.kind] = counts[entity.kind]! + 1;',
                '      return counts;',
                '    },',
                '    { player: 0, npc: 0 } as Record<string, number>,',
                '  );',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // Later keys win, in order: plain keys become assignments, spreads Object.assign.
    {
      code: [
        'export function merge(parts: { name: string; meta: object }[]) {',
        '  return parts.reduce((acc, p) => {',
        "    return { ...acc, name: p.name, ...p.meta, 'last-seen': Date.now() };",
        '  }, {});',
        '}',
      ].join('\n'),
      output: [
        'export function merge(parts: { name: string; meta: object }[]) {',
        '  return parts.reduce((acc, p) => {',
        '    acc.name = p.name;',
        '    Object.assign(acc, p.meta);',
        "    acc['last-seen'] = Date.now();",
        '    return acc;',
        '  }, {});',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: [
                'export function merge(parts: { name: string; meta: object }[]) {',
                '  return parts.reduce((acc, p) => {',
                '    acc.name = p.name;',
                '    Object.assign(acc, p.meta);',
                "    acc['last-seen'] = Date.now();",
                '    return acc;',
                '  }, {});',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // Values that read the accumulator see it unchanged, as the literal did: one Object.assign.
    {
      code: `export const swap = (xs: number[]) => xs.reduce((acc, x) => ({ ...acc, a: acc.b + x, b: acc.a }), { a: 0, b: 1 });`,
      output: `export const swap = (xs: number[]) => xs.reduce((acc, x) => { Object.assign(acc, { a: acc.b + x, b: acc.a }); return acc; }, { a: 0, b: 1 });`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 64,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: `export const swap = (xs: number[]) => xs.reduce((acc, x) => { Object.assign(acc, { a: acc.b + x, b: acc.a }); return acc; }, { a: 0, b: 1 });`,
            },
          ],
        },
      ],
    },
    // Arrays: spread and concat of a fresh [] become push.
    {
      code: `export const ids = (rows: { id: string }[]) => rows.reduce((acc, r) => [...acc, r.id], [] as string[]);`,
      output: `export const ids = (rows: { id: string }[]) => rows.reduce((acc, r) => { acc.push(r.id); return acc; }, [] as string[]);`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 73,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: `export const ids = (rows: { id: string }[]) => rows.reduce((acc, r) => { acc.push(r.id); return acc; }, [] as string[]);`,
            },
          ],
        },
      ],
    },
    {
      code: `export const tags = (rows: { id: string }[]) => rows.reduce((acc, r) => acc.concat(\`#\${r.id}\`, [r.id]), [] as string[]);`,
      output: `export const tags = (rows: { id: string }[]) => rows.reduce((acc, r) => { acc.push(\`#\${r.id}\`, r.id); return acc; }, [] as string[]);`,
      errors: [
        {
          messageId: 'accumulatingConcat',
          line: 1,
          column: 73,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: `export const tags = (rows: { id: string }[]) => rows.reduce((acc, r) => { acc.push(\`#\${r.id}\`, r.id); return acc; }, [] as string[]);`,
            },
          ],
        },
      ],
    },
    // concat of a value that may itself be an array (it would be flattened): reported, not rewritten.
    {
      code: `export function all(groups: string[][]) { let out: string[] = []; for (const g of groups) out = out.concat(g); return out; }`,
      errors: [{ messageId: 'accumulatingConcat', line: 1, column: 97, suggestions: [] }],
    },
    // A loop reassignment of a fresh local: the autofix pushes.
    {
      code: [
        'export function names(players: { name: string }[]) {',
        '  let all: string[] = [];',
        '  for (const p of players) {',
        '    all = [...all, p.name];',
        '  }',
        '  return all;',
        '}',
      ].join('\n'),
      output: [
        'export function names(players: { name: string }[]) {',
        '  let all: string[] = [];',
        '  for (const p of players) {',
        '    all.push(p.name);',
        '  }',
        '  return all;',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 4,
          column: 12,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: [
                'export function names(players: { name: string }[]) {',
                '  let all: string[] = [];',
                '  for (const p of players) {',
                '    all.push(p.name);',
                '  }',
                '  return all;',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // An assignment inside an arrow's expression body has no statement to rewrite.
    {
      code: `export function index(rows: { id: string; n: number }[]) { let o = {}; rows.forEach((r) => o = { ...o, [r.id]: r.n, last: r.id }); return o; }`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 98,
          suggestions: [],
        },
      ],
    },
    // Several keys in a loop body that is a single statement: wrapped in a block.
    {
      code: `export function index(rows: { id: string; n: number }[]) { let o: Record<string, unknown> = {}; for (const r of rows) o = { ...o, [r.id]: r.n, last: r.id }; return o; }`,
      output: `export function index(rows: { id: string; n: number }[]) { let o: Record<string, unknown> = {}; for (const r of rows) { o[r.id] = r.n; o.last = r.id; } return o; }`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 125,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutate',
              output: `export function index(rows: { id: string; n: number }[]) { let o: Record<string, unknown> = {}; for (const r of rows) { o[r.id] = r.n; o.last = r.id; } return o; }`,
            },
          ],
        },
      ],
    },
    // Typed through a type parameter: TypeScript rejects `acc[key] = ...` on a generic type (TS2862, medusa's
    // form helpers), so no autofix and no codemod, only the suggestion.
    {
      code: `export function nullify<T extends object>(data: T) { return Object.entries(data).reduce((acc, [key, value]) => ({ ...acc, [key]: value ?? null }), {} as Partial<T>); }`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 115,
          suggestions: [{ messageId: 'accumulatingSpreadFixMutateShared', output: `export function nullify<T extends object>(data: T) { return Object.entries(data).reduce((acc, [key, value]) => { acc[key] = value ?? null; return acc; }, {} as Partial<T>); }` }],
        },
      ],
    },
    // The accumulator came from outside: mutating it could change the caller's object. A suggestion only.
    {
      code: `export function extend(base: Record<string, number>, keys: string[]) { let out = base; for (const k of keys) out = { ...out, [k]: 1 }; return out; }`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 118,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutateShared',
              output: `export function extend(base: Record<string, number>, keys: string[]) { let out = base; for (const k of keys) out[k] = 1; return out; }`,
            },
          ],
        },
      ],
    },
    {
      code: `export const grow = (xs: string[], start: Record<string, boolean>) => xs.reduce((acc, x) => ({ ...acc, [x]: true }), start);`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 96,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutateShared',
              output: `export const grow = (xs: string[], start: Record<string, boolean>) => xs.reduce((acc, x) => { acc[x] = true; return acc; }, start);`,
            },
          ],
        },
      ],
    },
    // A field may be shared (React state, a cache): a suggestion only.
    {
      code: `export class Log { lines: string[] = []; add(xs: string[]) { for (const x of xs) this.lines = [...this.lines, x]; } }`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 96,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutateShared',
              output: `export class Log { lines: string[] = []; add(xs: string[]) { for (const x of xs) this.lines.push(x); } }`,
            },
          ],
        },
      ],
    },
    // The accumulator is handed out during the loop: mutation would be observed. A suggestion only.
    {
      code: `export function snapshots(xs: string[], seen: string[][]) { let acc: string[] = []; for (const x of xs) { acc = [...acc, x]; seen.push(acc); } return acc; }`,
      errors: [
        {
          messageId: 'accumulatingSpread',
          line: 1,
          column: 114,
          suggestions: [
            {
              messageId: 'accumulatingSpreadFixMutateShared',
              output: `export function snapshots(xs: string[], seen: string[][]) { let acc: string[] = []; for (const x of xs) { acc.push(x); seen.push(acc); } return acc; }`,
            },
          ],
        },
      ],
    },
    // One branch returns another object: the next step would mutate it. A suggestion only.
    {
      code: `const EMPTY = {}; export const fold = (xs: { k: string; reset: boolean }[]) => xs.reduce((acc, x) => (x.reset ? EMPTY : { ...acc, [x.k]: 1 }), {});`,
      errors: [{ messageId: 'accumulatingSpread', line: 1, column: 123, suggestions: [] }],
    },
    // No initial value: the accumulator is the input's first element. Reported, never rewritten.
    {
      code: `export const merged = (xs: object[]) => xs.reduce((a, b) => ({ ...a, ...b }));`,
      errors: [{ messageId: 'accumulatingSpread', line: 1, column: 64, suggestions: [] }],
    },
    // Keys before the spread lose to it: not a plain assignment, so no rewrite.
    {
      code: `export const defaults = (xs: string[]) => xs.reduce((acc, x) => ({ [x]: 0, ...acc }), {});`,
      errors: [{ messageId: 'accumulatingSpread', line: 1, column: 76, suggestions: [] }],
    },
    // A while loop; prepending copies too (unshift would be O(n) per step as well), so no rewrite.
    {
      code: `export function drain(q: string[]) { let seen: string[] = []; while (q.length) { const x = q.pop()!; seen = [x, ...seen]; } return seen; }`,
      errors: [{ messageId: 'accumulatingSpread', line: 1, column: 113, suggestions: [] }],
    },
  ],
};
