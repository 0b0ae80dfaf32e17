import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/no-shift-queue';

// Shared by the RuleTester table and the index-queue codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // One-off shifts: not in a loop, a tick or an event handler.
    `export function main(args: string[]) { const command = args.shift(); args.push('--verbose'); return command; }`,
    `class Pool { idle: Conn[] = []; release(c: Conn) { this.idle.push(c); } acquire() { return this.idle.shift(); } }`,
    // Literal-bounded: nothing ever grows the array past its literal.
    `export function run() { const steps = ['lint', 'build', 'test']; while (steps.length > 0) exec(steps.shift()!); }`,
    // A rotation keeps the length: `push(shift())` adds back what it took.
    `export function spin(n: number) { const dirs = [0, 1, 2, 3]; for (let i = 0; i < n; i++) dirs.push(dirs.shift()!); return dirs; }`,
    `class Auction { queue: Team[] = []; current?: Team; next() { do { this.current = this.queue.shift()!; this.queue.push(this.current); } while (this.current.suspended); } }`,
    `export function turns(players: Player[]) { const order = [...players]; for (;;) { const p: Player = order.shift()!; order.push(p); if (p.ready) return p; } }`,
    // A buffer capped at a small or configured size stays under V8's cliff.
    `class Chat { lines: string[] = []; tick(line: string) { this.lines.push(line); if (this.lines.length > 100) this.lines.shift(); } }`,
    `const MAX = 500; class Chat { lines: string[] = []; tick(line: string) { this.lines.push(line); while (this.lines.length >= MAX) this.lines.shift(); } }`,
    `class Chat { lines: string[] = []; constructor(private max: number) {} tick(line: string) { this.lines.push(line); if (this.lines.length > this.max) this.lines.shift(); } }`,
    {
      code: `class Chat { lines: string[] = []; tick(line: string) { this.lines.push(line); if (this.lines.length > 20000) this.lines.shift(); } }`,
      options: [{ smallLength: 50_000 }],
    },
    // Not known to be an array: a class with its own shift(), an untyped parameter.
    `class BattleQueue { list: Action[] = []; shift() { return this.list.shift(); } push(a: Action) { this.list.push(a); } }
     class Battle { queue: BattleQueue = new BattleQueue(); run(a: Action) { this.queue.push(a); let next; while ((next = this.queue.shift())) apply(next); } }`,
    `export function drain(queue, item) { queue.push(item); while (queue.length) handle(queue.shift()); }`,
    // Only consumed, never grown in this file: a list being read, not a queue.
    `export function parse(lines: string[]) { while (lines.length) handle(lines.shift()); }`,
    // `once` handlers run once; other callbacks are not per event.
    `class Conn { queue: Buffer[] = []; write(b: Buffer) { this.queue.push(b); } init(s: Socket) { s.once('drain', () => { this.queue.shift(); }); } }`,
    `class Conn { queue: Buffer[] = []; write(b: Buffer) { this.queue.push(b); } init(s: Socket) { s.flush(() => { this.queue.shift(); }); } }`,
  ],
  invalid: [
    {
      // A breadth-first walk: guarded by the loop test, so the shift becomes a plain indexed read.
      code: `export function walk(root: Node) {
  const queue = [root];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const child of node.children) queue.push(child);
  }
}`,
      errors: [
        {
          messageId: 'shiftQueue',
          line: 4,
          column: 18,
          data: {
            array: 'queue',
            where: 'in a loop',
            measured: 'draining 200k items took 2.2 s with shift() and 5.8 ms with a head index',
            fix: 'read it through a head index (`queue[queueHead++]`)',
          },
          suggestions: [
            {
              messageId: 'shiftQueueFixHeadIndex',
              data: { array: 'queue', head: 'queueHead' },
              output: `export function walk(root: Node) {
  const queue = [root];
  let queueHead = 0;
  while (queue.length - queueHead > 0) {
    const node = queue[queueHead++]!;
    for (const child of node.children) queue.push(child);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The shift is its own test: it may run on an empty queue, so the rewrite keeps `undefined`.
      code: `export function drain(jobs: Job[]) {
  const pending: Job[] = [];
  for (const job of jobs) pending.push(job);
  let next: Job | undefined;
  while ((next = pending.shift()) !== undefined) run(next);
}`,
      errors: [
        {
          messageId: 'shiftQueue',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'shiftQueueFixHeadIndex',
              output: `export function drain(jobs: Job[]) {
  const pending: Job[] = [];
  let pendingHead = 0;
  for (const job of jobs) pending.push(job);
  let next: Job | undefined;
  while ((next = (pendingHead < pending.length ? pending[pendingHead++] : undefined)) !== undefined) run(next);
}`,
            },
          ],
        },
      ],
    },
    {
      // A shift as a statement, a length in arithmetic and in a negation, pushes from a forEach.
      code: `function layers(root: Node) {
  const todo = [root];
  let width = 0;
  while (todo.length) {
    width = Math.max(width, todo.length * 2);
    const node = todo[0]!;
    todo.shift();
    node.children.forEach((c) => todo.push(c));
    if (!todo.length) break;
  }
  return width;
}`,
      errors: [
        {
          messageId: 'shiftQueue',
          line: 7,
          column: 5,
          suggestions: null,
        },
      ],
    },
    {
      code: `function layers(root: Node) {
  const todo = [root];
  let width = 0;
  while (todo.length) {
    width = Math.max(width, todo.length * 2);
    todo.shift();
    root.children.forEach((c) => todo.push(c));
    if (!todo.length) break;
  }
  return width;
}`,
      errors: [
        {
          messageId: 'shiftQueue',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'shiftQueueFixHeadIndex',
              output: `function layers(root: Node) {
  const todo = [root];
  let todoHead = 0;
  let width = 0;
  while (todo.length - todoHead) {
    width = Math.max(width, (todo.length - todoHead) * 2);
    todoHead++;
    root.children.forEach((c) => todo.push(c));
    if (!(todo.length - todoHead)) break;
  }
  return width;
}`,
            },
          ],
        },
      ],
    },
    {
      // The head name is taken: pick the next free one.
      code: `function f(start: number, queueHead: number) { const queue = [start]; while (queue.length) { const n = queue.shift()!; if (n < queueHead) queue.push(n + 1); } }`,
      errors: [
        {
          messageId: 'shiftQueue',
          line: 1,
          column: 104,
          suggestions: [
            {
              messageId: 'shiftQueueFixHeadIndex',
              output: `function f(start: number, queueHead: number) { const queue = [start]; let queueHead2 = 0; while (queue.length - queueHead2) { const n = queue[queueHead2++]!; if (n < queueHead) queue.push(n + 1); } }`,
            },
          ],
        },
      ],
    },
    {
      // The game server's input queue: a field drained every tick. No rewrite: it outlives the call.
      code: `class World {
  readonly inbox: Input[] = [];
  enqueue(message: Input) { this.inbox.push(message); }
  tick() {
    while (this.inbox.length > 0) {
      const message = this.inbox.shift()!;
      apply(message);
    }
  }
}`,
      errors: [{ messageId: 'shiftQueue', line: 6, column: 23, suggestions: null }],
    },
    {
      // Per tick without a loop, through settings.hotpath.hotFunctions.
      code: `class Mixer { frames: Float32Array[] = []; feed(f: Float32Array) { this.frames.push(f); } processFrame() { return this.frames.shift(); } }`,
      settings: { hotpath: { hotFunctions: ['processFrame'] } },
      errors: [{ messageId: 'shiftQueue', line: 1, column: 115, suggestions: null }],
    },
    {
      // Per message: a handler that takes one pending callback per reply.
      code: `class Rpc {
  private waiting: ((reply: string) => void)[] = [];
  call(send: (m: string) => void, m: string) { return new Promise<string>((resolve) => { this.waiting.push(resolve); send(m); }); }
  attach(ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      const resolve = this.waiting.shift();
      resolve?.(String(event.data));
    });
  }
}`,
      errors: [{ messageId: 'shiftQueue', line: 6, column: 23 }],
    },
    {
      // A cap far above the cliff does not make the buffer small.
      code: `class Samples { values: number[] = []; tick(v: number) { this.values.push(v); if (this.values.length > 50_000) this.values.shift(); } }`,
      errors: [{ messageId: 'shiftQueue', line: 1, column: 112 }],
    },
    {
      // A module-level queue lives forever: named, not rewritten.
      code: `const jobs: Job[] = [];
export function enqueue(job: Job) { jobs.push(job); }
setInterval(() => {
  while (jobs.length > 0) run(jobs.shift()!);
}, 100);`,
      errors: [{ messageId: 'shiftQueue', line: 4, column: 31, suggestions: null }],
    },
    {
      // JavaScript: the field is an array because the constructor says so.
      code: `class Mailbox {
  constructor() { this.queue = []; }
  post(m) { this.queue.push(m); }
  drain() { for (let i = 0; i < 10 && this.queue.length; i++) this.handle(this.queue.shift()); }
}`,
      filename: 'mailbox.js',
      errors: [{ messageId: 'shiftQueue', line: 4, column: 75 }],
    },
    {
      // A local queue used in another way (returned) is reported but not rewritten.
      code: `export function order(start: Task) { const queue = [start]; const out: Task[] = []; while (queue.length) { const t = queue.shift()!; out.push(t); queue.push(...t.next); } return queue; }`,
      errors: [{ messageId: 'shiftQueue', line: 1, column: 118, suggestions: null }],
    },
    {
      // Two shifts under one test: the second may find the queue empty, so neither is a plain read.
      code: `function pairs(items: number[]) { const q: number[] = []; for (const i of items) q.push(i); while (q.length) { const a = q.shift(); const b = q.shift(); use(a, b); } }`,
      errors: [
        {
          messageId: 'shiftQueue',
          line: 1,
          column: 122,
          suggestions: [
            {
              messageId: 'shiftQueueFixHeadIndex',
              output: `function pairs(items: number[]) { const q: number[] = []; let qHead = 0; for (const i of items) q.push(i); while (q.length - qHead) { const a = (qHead < q.length ? q[qHead++] : undefined); const b = (qHead < q.length ? q[qHead++] : undefined); use(a, b); } }`,
            },
          ],
        },
        {
          messageId: 'shiftQueue',
          line: 1,
          column: 143,
          suggestions: [
            {
              messageId: 'shiftQueueFixHeadIndex',
              output: `function pairs(items: number[]) { const q: number[] = []; let qHead = 0; for (const i of items) q.push(i); while (q.length - qHead) { const a = (qHead < q.length ? q[qHead++] : undefined); const b = (qHead < q.length ? q[qHead++] : undefined); use(a, b); } }`,
            },
          ],
        },
      ],
    },
    {
      // @hot marks a function that runs per frame.
      code: `class Net { out: Uint8Array[] = []; send(b: Uint8Array) { this.out.push(b); }
  /** @hot */
  flush() { const next = this.out.shift(); if (next) write(next); } }`,
      errors: [{ messageId: 'shiftQueue', line: 3, column: 26 }],
    },
  ],
};
