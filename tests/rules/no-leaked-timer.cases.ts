import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/no-leaked-timer';

// Shared by the RuleTester table and the add-cleanup codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // Module scope runs once: the program's own heartbeat.
    `setInterval(() => flush(), 1000);`,
    `setInterval(() => flush(), 1000).unref();`,
    `if (process.env.METRICS) { setInterval(report, 10000); }`,
    // A module-level IIFE, a function called once at module scope, a callback of a one-shot.
    `(async () => { setInterval(report, 10000); })();`,
    `async function main() { setInterval(report, 10000); } main().catch(console.error);`,
    `import http from 'node:http'; http.createServer().listen(3000, () => { setInterval(report, 10000); });`,
    `process.once('ready', () => { setInterval(report, 10000); });`,
    // Start-up functions by name (not instance methods): they run once per process.
    `export function start() { setInterval(report, 10000); }`,
    `export async function initMetrics() { setInterval(report, 10000); }`,
    `export const setupCron = () => { setInterval(() => void run('hourly'), 3600000).unref(); };`,
    `Analytics.init = function () { setInterval(flush, 1000); };`,
    { code: `export function poll() { setInterval(report, 1000); }`, options: [{ startupFunctions: ['poll'] }] },
    // The handle escapes to an owner: returned, passed, stored in a collection or elsewhere.
    `export function poll() { return setInterval(report, 1000); }`,
    `export const poll = () => setInterval(report, 1000);`,
    `export function poll(timers: NodeJS.Timeout[]) { timers.push(setInterval(report, 1000)); }`,
    `export function poll(registry) { registry.add(setInterval(report, 1000)); }`,
    `export function poll(job) { job.timer = setInterval(report, 1000); }`,
    `export function poll() { const t = setInterval(report, 1000); return t; }`,
    `export function poll() { const t = setInterval(report, 1000); return { stop: () => clearInterval(t) }; }`,
    `export function poll(track: (t: NodeJS.Timeout) => void) { const t = setInterval(report, 1000); track(t); }`,
    // Cleared on some path: in the function, in the timer's own callback, in a returned disposer.
    `export async function waitFor(check: () => boolean) { const t = setInterval(() => {}, 10); await until(check); clearInterval(t); }`,
    `export function waitFor(done: () => boolean) { const t = setInterval(() => { if (done()) clearInterval(t); }, 100); }`,
    `export function poll() { const t = setInterval(report, 1000); return () => clearInterval(t); }`,
    `export function poll() { const t = setInterval(report, 1000); return () => clearTimeout(t); }`,
    `export function poll() { const t = setInterval(report, 1000); process.once('SIGTERM', () => t.close()); }`,
    // An outer variable cleared elsewhere in the file.
    `let timer: NodeJS.Timeout | undefined; export function start2() { timer = setInterval(report, 1000); } export function stop() { clearInterval(timer); }`,
    // Started once per process behind a guard on a module variable.
    `let timer; export function ensure() { if (!timer) { timer = setInterval(report, 1000); } }`,
    `let started = false; export function ensure() { if (started) return; started = true; setInterval(report, 1000); }`,
    // Classes: a field cleared in the dispose-like method, or anywhere, or from outside the class.
    `class Poller { timer?: NodeJS.Timeout; begin() { this.timer = setInterval(() => this.tick(), 1000); } tick() {} close() { clearInterval(this.timer); } }`,
    `class Poller { begin() { this.timers.poll = setInterval(() => this.tick(), 1000); } tick() {} stop() { if (this.timers.poll) clearInterval(this.timers.poll); } }`,
    `class Room { begin() { this.timer = setInterval(() => {}, 50); } } export function dispose(room: Room) { clearInterval(room.timer); }`,
    `class Poller { begin() { this.timer = setInterval(() => {}, 50); } shutdown() { Object.values(this).forEach(clearInterval); } }`,
    // A constructor of a class that declares no end for its instances: they live as long as the program.
    `class Cache { constructor() { setInterval(() => this.prune(), 60000); } prune() {} }`,
    // setTimeout outside lifecycles fires once.
    `export function later() { setTimeout(report, 5000); }`,
    `class Client { retry() { setTimeout(() => this.connect(), 1000); } connect() {} close() {} }`,
    // Names that are not the platform's timers.
    `function setInterval(fn: () => void) { fn(); } export function f() { setInterval(() => {}); }`,
    `import { setInterval } from './clock'; export function f() { setInterval(() => {}, 10); }`,
    `import { setInterval } from 'node:timers/promises'; export async function f() { for await (const _ of setInterval(100)) break; }`,
    `export function f(clock) { clock.setInterval(() => {}, 10); }`,
    `export function f() { this.clock.setInterval(() => {}, 10); }`,
    // node:timers imported, cleared.
    `import { setInterval, clearInterval } from 'node:timers'; export function f() { const t = setInterval(() => {}, 10); clearInterval(t); }`,
    // React effects that clear in their cleanup (eslint-react's documented valid cases and variants).
    `import { useEffect } from 'react'; function MyComponent() { useEffect(() => { const intervalId = setInterval(() => console.log(1), 1000); return () => clearInterval(intervalId); }, []); return null; }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { const id = window.setInterval(() => {}, 1000); return () => window.clearInterval(id); }, []); }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { const id = globalThis.setInterval(() => {}, 1000); return () => clearInterval(id); }, []); }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { const id = setInterval(() => {}, 1000); return () => { if (id) clearInterval(id); }; }, []); }`,
    `import { useEffect, useRef } from 'react'; function Example() { const ref = useRef<number | null>(null); useEffect(() => { ref.current = setInterval(() => {}, 1000); return () => { if (ref.current !== null) clearInterval(ref.current); }; }, []); }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { const id = setInterval(() => {}, 1000); const stop = () => clearInterval(id); return stop; }, []); }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { const id = setInterval(() => {}, 1000); function stop() { clearInterval(id); } return () => stop(); }, []); }`,
    `import { useEffect } from 'react'; function Example({ setTimer }) { useEffect(() => { setTimer(setInterval(() => {}, 1000)); }, []); }`,
    // Short or unknown timeouts in effects defer UI work: not leaks.
    `import { useEffect } from 'react'; function Example({ input }) { useEffect(() => { setTimeout(() => input.focus(), 100); }, []); }`,
    `import { useEffect } from 'react'; function Example({ delay }) { useEffect(() => { setTimeout(() => {}, delay); }, []); }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { setTimeout(() => {}); }, []); }`,
    `import { useEffect } from 'react'; function Example() { useEffect(() => { const t = setTimeout(() => {}, 5000); return () => clearTimeout(t); }, []); }`,
    // Test files (their runner ends them) and scripts, unless asked.
    { code: `export function poll() { setInterval(report, 1000); }`, filename: 'src/__tests__/poll.ts' },
    { code: `export function poll() { setInterval(report, 1000); }`, filename: 'test/poll.test.ts' },
    { code: `export function poll() { setInterval(report, 1000); }`, filename: 'scripts/watch.ts' },
  ],
  invalid: [
    {
      code: `export function poll(id: string) {\n  setInterval(() => refresh(id), 1000);\n}`,
      errors: [{ messageId: 'discardedTimer', line: 2, column: 3, endColumn: 39, suggestions: [] }],
    },
    {
      // .unref() lets the process exit; every call still starts an interval nobody can stop.
      code: `export function poll(id: string) {\n  setInterval(() => refresh(id), 1000).unref();\n}`,
      errors: [{ messageId: 'discardedTimer', line: 2, column: 3, suggestions: [] }],
    },
    {
      code: `import { setInterval as every } from 'node:timers';\nexport function poll() {\n  every(refresh, 1000);\n}`,
      errors: [{ messageId: 'discardedTimer', line: 3, column: 3, suggestions: [] }],
    },
    {
      code: `import timers from 'timers';\nexport function poll() {\n  timers.setInterval(refresh, 1000);\n}`,
      errors: [{ messageId: 'discardedTimer', line: 3, column: 3, suggestions: [] }],
    },
    {
      code: `const { setInterval } = require('node:timers');\nexport function poll() {\n  setInterval(refresh, 1000);\n}`,
      errors: [{ messageId: 'discardedTimer', line: 3, column: 3, suggestions: [] }],
    },
    {
      // Kept in a local, only unref'd: no path clears it.
      code: `export function poll() {\n  const t = setInterval(refresh, 1000);\n  t.unref();\n}`,
      errors: [{ messageId: 'unclearedTimer', line: 2, column: 13, suggestions: [] }],
    },
    {
      // Kept in an outer variable that nothing ever reads.
      code: `let timer;\nexport function poll() {\n  timer = setInterval(refresh, 1000);\n}`,
      errors: [{ messageId: 'unclearedTimer', line: 3, column: 11, suggestions: [] }],
    },
    {
      // Started per connection: an interval inside a handler.
      code: `import { Server } from 'socket.io';\nconst io = new Server();\nio.on('connection', (socket) => {\n  setInterval(() => socket.emit('ping'), 5000);\n});`,
      errors: [{ messageId: 'discardedTimer', line: 4, column: 3, suggestions: [] }],
    },
    {
      // An event handler in a component starts one per click.
      code: `export function Ticker() {\n  const onClick = () => {\n    setInterval(tick, 1000);\n  };\n  return onClick;\n}`,
      errors: [{ messageId: 'discardedTimer', line: 3, column: 5, suggestions: [] }],
    },
    {
      // A class with a dispose-like method: keep the handle in a field and clear it there.
      code: `export class Poller {\n  begin() {\n    setInterval(() => this.refresh(), 1000);\n  }\n  refresh() {}\n  close() {\n    this.closed = true;\n  }\n}`,
      errors: [
        {
          messageId: 'discardedTimer',
          line: 3,
          column: 5,
         
          suggestions: [
            {
              messageId: 'discardedTimerFixDispose',
             
              output: `export class Poller {\n  private refreshTimer?: ReturnType<typeof setInterval>;\n  begin() {\n    this.refreshTimer = setInterval(() => this.refresh(), 1000);\n  }\n  refresh() {}\n  close() {\n    clearInterval(this.refreshTimer);\n    this.closed = true;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // The same in JavaScript: no field declaration.
      code: `class Poller {\n  begin() {\n    setInterval(this.flush.bind(this), 1000);\n  }\n  flush() {}\n  async dispose() {}\n}`,
      filename: 'poller.js',
      errors: [
        {
          messageId: 'discardedTimer',
          suggestions: [
            {
              messageId: 'discardedTimerFixDispose',
              output: `class Poller {\n  begin() {\n    this.flushTimer = setInterval(this.flush.bind(this), 1000);\n  }\n  flush() {}\n  async dispose() {\n    clearInterval(this.flushTimer);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Kept in a field that close() never clears.
      code: `class Heartbeat {\n  private timer?: NodeJS.Timeout;\n  begin() {\n    this.timer = setInterval(() => this.beat(), 1000);\n  }\n  beat() {}\n  stop() {\n    this.running = false;\n  }\n}`,
      errors: [
        {
          messageId: 'unclearedTimer',
          line: 4,
          column: 18,
         
          suggestions: [
            {
              messageId: 'unclearedTimerFixDispose',
             
              output: `class Heartbeat {\n  private timer?: NodeJS.Timeout;\n  begin() {\n    this.timer = setInterval(() => this.beat(), 1000);\n  }\n  beat() {}\n  stop() {\n    clearInterval(this.timer);\n    this.running = false;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // In a lifecycle a kept timeout must be cleared too: a reconnect after close().
      code: `class Connection {\n  retry() {\n    this.reconnect = setTimeout(() => this.open(), 5000);\n  }\n  open() {}\n  close() {}\n}`,
      errors: [
        {
          messageId: 'unclearedTimer',
         
          suggestions: [
            {
              messageId: 'unclearedTimerFixDispose',
              output: `class Connection {\n  retry() {\n    this.reconnect = setTimeout(() => this.open(), 5000);\n  }\n  open() {}\n  close() {\n    clearTimeout(this.reconnect);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Kept in a field of a class without a dispose method, cleared nowhere.
      code: `class Poller {\n  begin() {\n    this.timer = setInterval(() => {}, 1000);\n  }\n}`,
      errors: [{ messageId: 'unclearedTimer', suggestions: [] }],
    },
    {
      // React: an interval started in an effect with no cleanup (eslint-react's documented case).
      code: `import React, { useEffect, useState } from 'react';\nfunction MyComponent() {\n  const [count] = useState(0);\n  useEffect(() => {\n    const intervalId = setInterval(() => console.log(count), 1000);\n  }, []);\n  return null;\n}`,
      filename: 'component.tsx',
      errors: [
        {
          messageId: 'effectTimer',
          line: 5,
          column: 24,
         
          suggestions: [
            {
              messageId: 'effectTimerFixCleanup',
              output: `import React, { useEffect, useState } from 'react';\nfunction MyComponent() {\n  const [count] = useState(0);\n  useEffect(() => {\n    const intervalId = setInterval(() => console.log(count), 1000);\n    return () => clearInterval(intervalId);\n  }, []);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // The handle dropped: keep it, then clear it.
      code: `function Clock() {\n  useEffect(() => {\n    setInterval(() => {}, 1000);\n  }, []);\n}`,
      errors: [
        {
          messageId: 'effectTimer',
          suggestions: [
            {
              messageId: 'effectTimerFixCleanup',
              output: `function Clock() {\n  useEffect(() => {\n    const intervalId = setInterval(() => {}, 1000);\n    return () => clearInterval(intervalId);\n  }, []);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `function Clock() {\n  React.useLayoutEffect(() => {\n    window.setInterval(() => {}, 1000);\n  }, []);\n}`,
      errors: [
        {
          messageId: 'effectTimer',
         
          suggestions: [
            {
              messageId: 'effectTimerFixCleanup',
              output: `function Clock() {\n  React.useLayoutEffect(() => {\n    const intervalId = window.setInterval(() => {}, 1000);\n    return () => clearInterval(intervalId);\n  }, []);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `function Clock() {\n  useEffect(() => {\n    const id = globalThis.setInterval(() => {}, 1000);\n  }, []);\n}`,
      errors: [{ messageId: 'effectTimer', suggestions: [{ messageId: 'effectTimerFixCleanup', output: `function Clock() {\n  useEffect(() => {\n    const id = globalThis.setInterval(() => {}, 1000);\n    return () => clearInterval(id);\n  }, []);\n}` }] }],
    },
    {
      // An existing cleanup gets the clear at its top.
      code: `function Feed({ socket }) {\n  useEffect(() => {\n    const id = setInterval(() => socket.emit('ping'), 5000);\n    socket.connect();\n    return () => {\n      socket.disconnect();\n    };\n  }, [socket]);\n}`,
      errors: [
        {
          messageId: 'effectTimer',
          suggestions: [
            {
              messageId: 'effectTimerFixCleanup',
              output: `function Feed({ socket }) {\n  useEffect(() => {\n    const id = setInterval(() => socket.emit('ping'), 5000);\n    socket.connect();\n    return () => {\n      clearInterval(id);\n      socket.disconnect();\n    };\n  }, [socket]);\n}`,
            },
          ],
        },
      ],
    },
    {
      // A cleanup that is one call becomes a block that runs both.
      code: `function Feed({ socket }) {\n  useEffect(() => {\n    const id = setInterval(() => socket.emit('ping'), 5000);\n    return () => socket.disconnect();\n  }, [socket]);\n}`,
      errors: [
        {
          messageId: 'effectTimer',
          suggestions: [
            {
              messageId: 'effectTimerFixCleanup',
              output: `function Feed({ socket }) {\n  useEffect(() => {\n    const id = setInterval(() => socket.emit('ping'), 5000);\n    return () => {\n      clearInterval(id);\n      socket.disconnect();\n    };\n  }, [socket]);\n}`,
            },
          ],
        },
      ],
    },
    {
      // Cleared only by its own callback: after unmount it keeps running until the condition holds.
      code: `function Countdown({ to }) {\n  useEffect(() => {\n    const id = setInterval(() => { if (Date.now() > to) clearInterval(id); }, 1000);\n  }, [to]);\n}`,
      errors: [{ messageId: 'effectTimer', suggestions: [{ messageId: 'effectTimerFixCleanup', output: `function Countdown({ to }) {\n  useEffect(() => {\n    const id = setInterval(() => { if (Date.now() > to) clearInterval(id); }, 1000);\n    return () => clearInterval(id);\n  }, [to]);\n}` }] }],
    },
    {
      // A timeout of a second or more in an effect outlives quick unmounts.
      code: `function Toast({ onClose }) {\n  useEffect(() => {\n    setTimeout(onClose, 5000);\n  }, [onClose]);\n}`,
      errors: [
        {
          messageId: 'effectTimer',
         
          suggestions: [
            {
              messageId: 'effectTimerFixCleanup',
             
              output: `function Toast({ onClose }) {\n  useEffect(() => {\n    const timeoutId = setTimeout(onClose, 5000);\n    return () => clearTimeout(timeoutId);\n  }, [onClose]);\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `const RETRY_MS = 2 * 1000;\nfunction Retry({ load }) {\n  useEffect(() => {\n    setTimeout(load, RETRY_MS);\n  }, [load]);\n}`,
      errors: [{ messageId: 'effectTimer', suggestions: [{ messageId: 'effectTimerFixCleanup', output: `const RETRY_MS = 2 * 1000;\nfunction Retry({ load }) {\n  useEffect(() => {\n    const timeoutId = setTimeout(load, RETRY_MS);\n    return () => clearTimeout(timeoutId);\n  }, [load]);\n}` }] }],
    },
    {
      // A return after the timer could skip a new cleanup: no suggestion, the message says what to do.
      code: `function Poll({ enabled }) {\n  useEffect(() => {\n    const id = setInterval(refresh, 1000);\n    if (!enabled) return;\n    refresh();\n  }, [enabled]);\n}`,
      errors: [{ messageId: 'effectTimer', suggestions: [] }],
    },
    {
      // A ref's current value may change by cleanup time: reported, left to a person.
      code: `function Poll() {\n  const ref = useRef(null);\n  useEffect(() => {\n    ref.current = setInterval(refresh, 1000);\n  }, []);\n}`,
      errors: [{ messageId: 'effectTimer', suggestions: [] }],
    },
    {
      // React class components: componentWillUnmount is where it ends (eslint-react's documented case).
      code: `class Example extends React.Component {\n  componentDidMount() {\n    setInterval(this.handleInterval, 1000);\n  }\n  componentWillUnmount() {}\n}`,
      filename: 'example.jsx',
      errors: [
        {
          messageId: 'discardedTimer',
         
          suggestions: [
            {
              messageId: 'discardedTimerFixDispose',
              output: `class Example extends React.Component {\n  componentDidMount() {\n    this.handleIntervalTimer = setInterval(this.handleInterval, 1000);\n  }\n  componentWillUnmount() {\n    clearInterval(this.handleIntervalTimer);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Asked to check test files.
      code: `export function poll() {\n  setInterval(report, 1000);\n}`,
      filename: 'test/poll.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'discardedTimer', line: 2, column: 3 }],
    },
  ],
};
