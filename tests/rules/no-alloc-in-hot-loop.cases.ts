import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/no-alloc-in-hot-loop';

// Shared by the RuleTester table and the hoist-invariants codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // Regex literals are compiled once per function and cached: only a small object per use.
    `export function count(xs: string[]) { let n = 0; for (const s of xs) if (/^a+b$/.test(s)) n++; return n; }`,
    // Object and array literals that do not escape: escape analysis removes them.
    `export function spread(es: { x: number; y: number }[]) { let t = 0; for (const e of es) { const d = { dx: e.x - 1, dy: e.y - 1 }; t += d.dx * d.dy; } return t; }`,
    `export function pairs(es: number[]) { let t = 0; for (const e of es) { const [a, b] = [e, e * 2]; t += a + b; } return t; }`,
    // Closures: hoisting one measured no faster.
    `export function owned(owners: { id: number }[], items: { id: number }[]) { let n = 0; for (const o of owners) n += items.filter((i) => i.id === o.id).length; return n; }`,
    // Start-up code: a loop at module scope runs once.
    `const WORDS = ['a', 'b']; export const formats = new Map(); for (const w of WORDS) formats.set(w, new Intl.NumberFormat('en-US'));`,
    `for (const k of ['x', 'y']) console.log(new RegExp('^' + k).source);`,
    // A pattern built from the item is the work itself.
    `export function matches(words: string[], text: string) { return words.filter((w) => new RegExp(w, 'i').test(text)); }`,
    // Not hot: runs once per call, outside any loop or tick.
    `export function once(s: string) { return new RegExp('^a+$').test(s) ? new Intl.NumberFormat('en-US').format(1) : ''; }`,
    // A buffer that is kept, returned, written out or captured must be a fresh one.
    `export function chunks(n: number) { const out: Buffer[] = []; for (let i = 0; i < n; i++) { const b = Buffer.alloc(256); b.writeUInt32LE(i, 0); out.push(b); } return out; }`,
    `export function send(socket: { write(b: Buffer): void }, ids: number[]) { for (const id of ids) { const b = Buffer.allocUnsafe(128); b.writeUInt32LE(id, 0); socket.write(b); } }`,
    `export function frames(n: number) { const views = []; for (let i = 0; i < n; i++) { const f = new Float64Array(32); views.push(f.subarray(0, 4)); } return views; }`,
    `export function later(n: number) { for (let i = 0; i < n; i++) { const b = Buffer.alloc(512); setTimeout(() => b.fill(1), 10); } }`,
    // Up to 64 bytes a typed array lives on V8's heap and costs what a small object costs.
    `export function small(n: number) { let t = 0; for (let i = 0; i < n; i++) { const b = Buffer.alloc(64); b[0] = i; t += b[0]; const m = new Float64Array(8); m[0] = i; t += m[0]; } return t; }`,
    // A size that changes per item needs a growth strategy, not a plain hoist.
    `export function copy(msgs: Uint8Array[]) { let t = 0; for (const m of msgs) { const b = Buffer.alloc(m.length); b.set(m); t += b[0]; } return t; }`,
    // A typed array built from data copies it: that is the work.
    `export function totals(rows: number[][]) { let t = 0; for (const r of rows) { const f = new Float32Array(r); t += f[0]; } return t; }`,
    // toLocaleString without arguments uses V8's cached default formatter.
    `export function labels(xs: number[]) { return xs.map((x) => x.toLocaleString()); }`,
    // Returning from inside the loop ends it: the allocation runs once per call.
    `export function first(xs: string[]) { for (const x of xs) { if (x) return new RegExp('^' + 'a'); } return null; }`,
    // Shadowed names are not the runtime's classes.
    `import { RegExp } from './safe-regexp'; export function f(xs: string[]) { for (const x of xs) new RegExp('a').test(x); }`,
    `const Intl = { NumberFormat: class { format(n: number) { return String(n); } } }; export function f(xs: number[]) { return xs.map((x) => new Intl.NumberFormat().format(x)); }`,
    // A streaming decoder keeps state per item.
    `export function decode(chunks: Uint8Array[][]) { const out: string[] = []; for (const parts of chunks) { const d = new TextDecoder(); let s = ''; for (const p of parts) s += d.decode(p, { stream: true }); out.push(s + d.decode()); } return out; }`,
    // Test files are left alone unless asked.
    { code: `for (let i = 0; i < 3; i++) { function t() { for (const x of [1]) new RegExp('a').test(String(x)); } t(); }`, filename: 'src/world.test.ts' },
    // A function declared in a loop runs when called, not per iteration.
    `export function handlers(names: string[]) { const hs = []; for (const n of names) { hs.push(() => new RegExp('^x').test(n)); } return hs; }`,
    // Deep clones outside ticks are ordinary code, per item too: usually the copy the code needs.
    `export function snapshot<T>(state: T): T { return structuredClone(state); }`,
    `export function duplicate(field: { page: number }, pages: number) { const out = []; for (let p = 1; p <= pages; p++) out.push({ ...structuredClone(field), page: p }); return out; }`,
    // One formatter or pattern per distinct item value is the work itself.
    `export function dates(rows: { at: Date; locale: string }[]) { return rows.map((r) => new Intl.DateTimeFormat(r.locale).format(r.at)); }`,
    `export function zones(tzs: string[]) { return tzs.map((tz) => new Intl.DateTimeFormat('en', { timeZone: tz, timeZoneName: 'short' }).format(0)); }`,
    // toLocaleString with a locale alone uses V8's cached formatter; a library date's own cache.
    `export function days(ds: Date[], lang: string) { return ds.map((d) => d.toLocaleDateString(lang)); }`,
    `import { DateTime } from 'luxon'; export function stamps(ds: Date[]) { return ds.map((d) => DateTime.fromJSDate(d).toLocaleString(DateTime.DATETIME_FULL, { locale: 'en' })); }`,
    // The loop body returns right after: it runs once per call (the final response of a redirect loop).
    `export async function follow(next: () => Promise<ArrayBuffer | null>) { for (let i = 0; i < 5; i++) { const b = await next(); if (!b) continue; const text = new TextDecoder().decode(b); return text; } return null; }`,
    // Class fields and constructors run once per object.
    `export class Room { private fmt = new Intl.NumberFormat('en-US'); constructor() { for (const k of ['a']) this.fmt.format(k.length); } }`,
  ],
  invalid: [
    // The example game server's chat filter: the pattern moves to module scope, whole.
    {
      code: [
        "const BLOCKED_WORDS = '\\\\b(?:aimbot|wallhack)\\\\b';",
        '',
        'export function filter(messages: string[]) {',
        '  const out: string[] = [];',
        '  for (const text of messages) {',
        "    const blocked = new RegExp(BLOCKED_WORDS, 'i');",
        "    out.push(blocked.test(text) ? '[removed]' : text);",
        '  }',
        '  return out;',
        '}',
      ].join('\n'),
      output: [
        "const BLOCKED_WORDS = '\\\\b(?:aimbot|wallhack)\\\\b';",
        '',
        "const blocked = new RegExp(BLOCKED_WORDS, 'i');",
        '',
        'export function filter(messages: string[]) {',
        '  const out: string[] = [];',
        '  for (const text of messages) {',
        "    out.push(blocked.test(text) ? '[removed]' : text);",
        '  }',
        '  return out;',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'regexpPerRun',
          line: 6,
          column: 21,
          suggestions: [
            {
              messageId: 'allocFixHoist',
              output: [
                "const BLOCKED_WORDS = '\\\\b(?:aimbot|wallhack)\\\\b';",
                '',
                "const blocked = new RegExp(BLOCKED_WORDS, 'i');",
                '',
                'export function filter(messages: string[]) {',
                '  const out: string[] = [];',
                '  for (const text of messages) {',
                "    out.push(blocked.test(text) ? '[removed]' : text);",
                '  }',
                '  return out;',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // An inline formatter gets a new module-level name; its JSDoc stays with the function.
    {
      code: [
        '/** Prices for the shop window. */',
        'export function prices(amounts: number[]) {',
        "  return amounts.map((a) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(a));",
        '}',
      ].join('\n'),
      output: [
        "const numberFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });",
        '',
        '/** Prices for the shop window. */',
        'export function prices(amounts: number[]) {',
        '  return amounts.map((a) => numberFormat.format(a));',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'formatterPerRun',
          line: 3,
          column: 29,
          suggestions: [
            {
              messageId: 'allocFixHoist',
              output: [
                "const numberFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });",
                '',
                '/** Prices for the shop window. */',
                'export function prices(amounts: number[]) {',
                '  return amounts.map((a) => numberFormat.format(a));',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // A per-tick method (a default hot name) with no loop at all.
    {
      code: [
        'export class Room {',
        '  update(commands: string) {',
        "    return new RegExp('^/(kick|ban) ').test(commands);",
        '  }',
        '}',
      ].join('\n'),
      output: [
        "const pattern = new RegExp('^/(kick|ban) ');",
        '',
        'export class Room {',
        '  update(commands: string) {',
        '    return pattern.test(commands);',
        '  }',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'regexpPerRun',
          data: { run: 'tick', place: 'at module scope' },
          line: 3,
          column: 12,
          suggestions: [
            {
              messageId: 'allocFixHoist',
              output: [
                "const pattern = new RegExp('^/(kick|ban) ');",
                '',
                'export class Room {',
                '  update(commands: string) {',
                '    return pattern.test(commands);',
                '  }',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // Invariant but not constant: a suggestion that hoists it before the loop, no autofix.
    {
      code: [
        'export function withPrefix(names: string[], prefix: string) {',
        '  let n = 0;',
        '  for (const name of names) {',
        "    if (new RegExp('^' + prefix).test(name)) n++;",
        '  }',
        '  return n;',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'regexpPerRun',
          data: { run: 'iteration', place: 'before the loop' },
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'allocFixHoistReview',
              output: [
                'export function withPrefix(names: string[], prefix: string) {',
                '  let n = 0;',
                "  const prefixPattern = new RegExp('^' + prefix);",
                '  for (const name of names) {',
                '    if (prefixPattern.test(name)) n++;',
                '  }',
                '  return n;',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // The g flag keeps lastIndex state between uses: reported, never rewritten.
    {
      code: `export function count(lines: string[]) { let n = 0; for (const l of lines) { const re = new RegExp('a', 'g'); while (re.exec(l)) n++; } return n; }`,
      errors: [{ messageId: 'statefulRegexpPerRun', line: 1, column: 89, suggestions: [] }],
    },
    // replace() resets lastIndex first, so sharing a g pattern is safe there; still only a
    // suggestion, since the codemod hoists flag-free patterns only.
    {
      code: `export function strip(lines: string[]) { return lines.map((l) => l.replace(new RegExp('\\\\s+', 'g'), ' ')); }`,
      errors: [
        {
          messageId: 'regexpPerRun',
          line: 1,
          column: 76,
          suggestions: [
            {
              messageId: 'allocFixHoistReview',
              output: `const pattern = new RegExp('\\\\s+', 'g');\n\nexport function strip(lines: string[]) { return lines.map((l) => l.replace(pattern, ' ')); }`,
            },
          ],
        },
      ],
    },
    // Deep clones inside a loop of a per-tick function.
    {
      code: `export class Arena { past: unknown[][] = []; update(rooms: { players: unknown[] }[]) { for (const room of rooms) this.past.push(structuredClone(room.players)); } }`,
      errors: [{ messageId: 'clonePerRun', data: { callee: 'structuredClone(...)', run: 'iteration' }, line: 1, column: 129 }],
    },
    // toLocaleString with a locale or options builds a formatter each call.
    {
      code: `export function totals(xs: number[]) { const out: string[] = []; for (const x of xs) out.push(x.toLocaleString('en-US', { maximumFractionDigits: 1 })); return out; }`,
      errors: [{ messageId: 'localeStringPerRun', line: 1, column: 95, suggestions: [] }],
    },
    // A scratch buffer that never leaves the iteration: reuse it, zeroed as alloc zeroes it.
    {
      code: [
        'export function checksums(ids: number[]) {',
        '  let sum = 0;',
        '  for (const id of ids) {',
        '    const packet = Buffer.alloc(256);',
        '    packet.writeUInt32LE(id, 0);',
        '    sum ^= packet.readUInt32LE(0);',
        '  }',
        '  return sum;',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'bufferPerRun',
          line: 4,
          column: 20,
          suggestions: [
            {
              messageId: 'allocFixReuse',
              output: [
                'export function checksums(ids: number[]) {',
                '  let sum = 0;',
                '  const scratch = Buffer.alloc(256);',
                '  for (const id of ids) {',
                '    const packet = scratch.fill(0);',
                '    packet.writeUInt32LE(id, 0);',
                '    sum ^= packet.readUInt32LE(0);',
                '  }',
                '  return sum;',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // allocUnsafe promises no contents: the reused buffer is not refilled.
    {
      code: `export function hash(xs: number[], size: number) { let h = 0; xs.forEach((x) => { const b = Buffer.allocUnsafe(size); b.writeDoubleLE(x, 0); h ^= b.readUInt32LE(0); }); return h; }`,
      errors: [
        {
          messageId: 'bufferPerRun',
          line: 1,
          column: 93,
          suggestions: [
            {
              // allocUnsafe promises no contents, so the declaration moves out whole.
              messageId: 'allocFixReuse',
              output: `export function hash(xs: number[], size: number) { let h = 0; const b = Buffer.allocUnsafe(size); xs.forEach((x) => { b.writeDoubleLE(x, 0); h ^= b.readUInt32LE(0); }); return h; }`,
            },
          ],
        },
      ],
    },
    // A typed array scratch in a nested loop moves out of both loops.
    {
      code: [
        'export function traces(frames: number[][]) {',
        '  let t = 0;',
        '  for (const frame of frames) {',
        '    for (let k = 0; k < frame.length; k++) {',
        '      const m = new Float64Array(16);',
        '      m[0] = frame[k]!;',
        '      t += m[0];',
        '    }',
        '  }',
        '  return t;',
        '}',
      ].join('\n'),
      errors: [
        {
          messageId: 'bufferPerRun',
          line: 5,
          column: 17,
          suggestions: [
            {
              messageId: 'allocFixReuse',
              output: [
                'export function traces(frames: number[][]) {',
                '  let t = 0;',
                '  const scratch = new Float64Array(16);',
                '  for (const frame of frames) {',
                '    for (let k = 0; k < frame.length; k++) {',
                '      const m = scratch.fill(0);',
                '      m[0] = frame[k]!;',
                '      t += m[0];',
                '    }',
                '  }',
                '  return t;',
                '}',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    // A view over a fresh ArrayBuffer: reported at the view; no fill method to keep it zeroed.
    {
      code: `export function floats(xs: number[]) { let t = 0; for (const x of xs) { const v = new DataView(new ArrayBuffer(8)); v.setFloat64(0, x); t += v.getUint8(0); } return t; }`,
      errors: [{ messageId: 'bufferPerRun', line: 1, column: 83, suggestions: [] }],
    },
    // A deep clone in a tick callback.
    {
      code: `const history: unknown[] = []; export function start(world: { entities: unknown[] }) { return setInterval(() => { history.push(JSON.parse(JSON.stringify(world.entities))); }, 33); }`,
      errors: [{ messageId: 'clonePerRun', data: { callee: 'JSON.parse(JSON.stringify(...))', run: 'tick' }, line: 1, column: 128 }],
    },
    // A @hot function, and structuredClone.
    {
      code: ['/** @hot */', 'export function simulate(state: { players: unknown[] }) {', '  const before = structuredClone(state.players);', '  return before;', '}'].join('\n'),
      errors: [{ messageId: 'clonePerRun', line: 3, column: 18 }],
    },
    // settings.hotpath.hotFunctions names more per-tick functions.
    {
      code: `export function advance(lines: string[]) { const enc = new TextEncoder(); return lines.map((l) => enc.encode(l).length); }\nexport function process(x: string) { return new TextEncoder().encode(x); }`,
      settings: { hotpath: { hotFunctions: ['process'] } },
      output: `export function advance(lines: string[]) { const enc = new TextEncoder(); return lines.map((l) => enc.encode(l).length); }\nconst textEncoder = new TextEncoder();\n\nexport function process(x: string) { return textEncoder.encode(x); }`,
      errors: [
        {
          messageId: 'codecPerRun',
          line: 2,
          column: 45,
          suggestions: [
            {
              messageId: 'allocFixHoist',
              output: `export function advance(lines: string[]) { const enc = new TextEncoder(); return lines.map((l) => enc.encode(l).length); }\nconst textEncoder = new TextEncoder();\n\nexport function process(x: string) { return textEncoder.encode(x); }`,
            },
          ],
        },
      ],
    },
    // An identical formatter already made at module scope is used rather than a second one.
    {
      code: `const money = new Intl.NumberFormat('en-US');\nexport const list = (xs: number[]) => xs.map((x) => new Intl.NumberFormat('en-US').format(x));`,
      output: `const money = new Intl.NumberFormat('en-US');\nexport const list = (xs: number[]) => xs.map((x) => money.format(x));`,
      errors: [
        {
          messageId: 'formatterPerRun',
          line: 2,
          column: 53,
          suggestions: [{ messageId: 'allocFixHoist', output: `const money = new Intl.NumberFormat('en-US');\nexport const list = (xs: number[]) => xs.map((x) => money.format(x));` }],
        },
      ],
    },
    // A taken name gets a number.
    {
      code: `const collator = 1;\nexport const sorted = (xs: string[][]) => xs.map((x) => x.sort(new Intl.Collator('de').compare));`,
      output: `const collator = 1;\nconst collator2 = new Intl.Collator('de');\n\nexport const sorted = (xs: string[][]) => xs.map((x) => x.sort(collator2.compare));`,
      errors: [
        {
          messageId: 'formatterPerRun',
          line: 2,
          column: 64,
          suggestions: [
            {
              messageId: 'allocFixHoist',
              output: `const collator = 1;\nconst collator2 = new Intl.Collator('de');\n\nexport const sorted = (xs: string[][]) => xs.map((x) => x.sort(collator2.compare));`,
            },
          ],
        },
      ],
    },
    // A pattern kept in a collection: hoisting would share one object, so a suggestion only.
    {
      code: `export function rules(names: string[]) { const out: RegExp[] = []; for (const n of names) out.push(new RegExp('^rule')); return out; }`,
      errors: [
        {
          messageId: 'regexpPerRun',
          line: 1,
          column: 100,
          suggestions: [
            {
              messageId: 'allocFixHoistReview',
              output: `const pattern = new RegExp('^rule');\n\nexport function rules(names: string[]) { const out: RegExp[] = []; for (const n of names) out.push(pattern); return out; }`,
            },
          ],
        },
      ],
    },
    // A module constant declared after the function that reads it: hoisted before the loop instead.
    {
      code: `export function tags(xs: string[]) { return xs.filter((x) => new RegExp(TAG).test(x)); }\nconst TAG = '^#';`,
      output: `export function tags(xs: string[]) { const tagPattern = new RegExp(TAG); return xs.filter((x) => tagPattern.test(x)); }\nconst TAG = '^#';`,
      errors: [
        {
          messageId: 'regexpPerRun',
          line: 1,
          column: 62,
          suggestions: [
            {
              messageId: 'allocFixHoist',
              output: `export function tags(xs: string[]) { const tagPattern = new RegExp(TAG); return xs.filter((x) => tagPattern.test(x)); }\nconst TAG = '^#';`,
            },
          ],
        },
      ],
    },
    // A pattern that does not compile is reported, but hoisting it would make it throw where the
    // loop never ran: a suggestion only.
    {
      code: `export function bad(xs: string[]) { for (const x of xs) new RegExp('(').test(x); }`,
      errors: [
        {
          messageId: 'regexpPerRun',
          line: 1,
          column: 57,
          suggestions: [
            {
              messageId: 'allocFixHoistReview',
              output: `const pattern = new RegExp('(');\n\nexport function bad(xs: string[]) { for (const x of xs) pattern.test(x); }`,
            },
          ],
        },
      ],
    },
  ],
};
