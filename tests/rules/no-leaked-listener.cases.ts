import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageId, Options } from '../../rules/no-leaked-listener';

// Shared by the RuleTester table and the add-cleanup codemod's parity and must-not-change tests.

export const cases: {
  valid: (string | ValidTestCase<Options>)[];
  invalid: InvalidTestCase<MessageId, Options>[];
} = {
  valid: [
    // Module scope runs once.
    `process.on('SIGTERM', () => shutdown());`,
    `window.addEventListener('resize', () => layout());`,
    `import { bus } from './bus'; bus.on('tick', (t) => render(t));`,
    // Start-up code: an IIFE, a function called once at module scope, start-up names, one-shot callbacks.
    `(function () { process.on('SIGINT', stop); })();`,
    `function main() { process.on('SIGINT', () => process.exit(0)); } main();`,
    `export function registerGracefulShutdown(cb) { process.on('SIGTERM', () => cb()); }`,
    `export async function start() { process.on('unhandledRejection', (e) => log(e)); }`,
    `module.exports = function (Posts) { pubsub.on('post:edit', (pid) => Posts.clear(pid)); };`,
    `define('forum/page', ['hooks'], function (hooks) { hooks.on('action:ajaxify.end', () => refresh()); });`,
    `server.listen(3000, () => { process.on('SIGTERM', () => server.close()); });`,
    { code: `export function attach() { process.on('exit', () => {}); }`, options: [{ startupFunctions: ['attach'] }] },
    // The target is made by this run, or a parameter of the innermost function.
    `import { EventEmitter } from 'node:events'; export function f() { const e = new EventEmitter(); e.on('x', () => {}); return e; }`,
    `import fs from 'node:fs'; export function read(p) { fs.createReadStream(p).on('data', (c) => use(c)); }`,
    `import http from 'node:http'; export function get(url) { http.get(url).on('error', (e) => log(e)); }`,
    `export function handle(socket) { socket.on('data', (d) => echo(d)); }`,
    `io.on('connection', (socket) => { socket.on('message', (m) => broadcast(m)); });`,
    `export class Runner { run() { this.child = spawn('x'); this.child.stdout.on('data', (d) => log(d)); } }`,
    `let client; export function connect() { client = createClient(); client.on('error', (e) => log(e)); }`,
    `export function open() { let modal; render((html) => { modal = html; modal.on('click', () => {}); }); }`,
    // A local of an enclosing function belongs to that function's run.
    `export function open(html) { const modal = $(html); modal.find('button').on('click', () => { modal.on('hide', () => {}); }); }`,
    // A Node-style callback runs once, within the call that passed it.
    `export function login(req, res) { authenticate(req, (err, user) => { res.on('finish', () => audit(user)); }); }`,
    // { signal }, { once: true }, once(): the listener goes away on its own.
    `export function f(signal: AbortSignal) { window.addEventListener('resize', () => {}, { signal }); }`,
    `export function f() { const ac = new AbortController(); window.addEventListener('resize', () => {}, { signal: ac.signal }); return ac; }`,
    `export function f() { window.addEventListener('load', () => {}, { once: true }); }`,
    `export function f() { process.once('exit', () => {}); }`,
    `export function f(options) { window.addEventListener('resize', () => {}, options); }`,
    `import { on } from 'node:events'; export async function f(emitter, signal) { for await (const [m] of on(emitter, 'message', { signal })) use(m); }`,
    `import { on } from 'node:events'; import { bus } from './bus'; export async function f() { for await (const [m] of on(bus, 'message')) { use(m); break; } }`,
    // Removed on some path: by the same reference, a returned disposer, removeAllListeners.
    `import { bus } from './bus'; export function f() { const h = () => {}; bus.on('x', h); return () => bus.off('x', h); }`,
    `import { bus } from './bus'; export function f(h) { bus.addListener('x', h); setTimeout(() => bus.removeListener('x', h), 1000); }`,
    `import { bus } from './bus'; export function f() { bus.on('x', () => {}); } export function reset() { bus.removeAllListeners('x'); }`,
    `import { bus } from './bus'; export function f() { bus.on('x', () => {}); } export function reset() { bus.removeAllListeners(); }`,
    `export function subscribe(cb) { socket.removeListener('event:new', cb); socket.on('event:new', cb); }`,
    // socket.io / EventEmitter3 / mitt: `off(event)` alone removes every listener of the event (novu useUnseenCount).
    `function useUnseen({ socket }) { useEffect(() => { socket.on('unseen', (d) => show(d)); return () => { socket.off('unseen'); }; }, [socket]); }`,
    `import { bus } from './bus'; export function f() { bus.on('x', () => {}); } export function reset() { bus.off('x'); }`,
    // Many APIs return a disposer from `on`: whoever keeps it may call it.
    `import { bus } from './bus'; export function f() { const off = bus.on('x', () => {}); return off; }`,
    `import { bus } from './bus'; export function f(subs) { subs.push(bus.on('x', () => {})); }`,
    // Guarded: added once per process, or once per instance to its own field.
    `import { bus } from './bus'; export function f() { if (bus.listenerCount('x') === 0) bus.on('x', onX); }`,
    `let wired = false; export function f() { if (wired) return; wired = true; process.on('exit', () => {}); }`,
    `class T { app() { if (!this._app) { this._app = express(); this.server.on('request', this._app); } return this._app; } }`,
    // A private field the same function has just made (novu's socket: `this.#socket = io(url)`).
    `class S { #socket; async connect() { this.#socket = io(url); this.#socket.on('connect_error', (e) => log(e)); this.#socket?.on('message', this.onMessage); } onMessage() {} }`,
    // An instance's start-up method wires its own fields once; the object listens to itself.
    `class Server { listen() { this.transport.server.on('error', (e) => this.fail(e)); } fail() {} }`,
    `class Handler extends EventEmitter { enable() { this.on('create', (room) => update(room)); } }`,
    // A constructor of a class that declares no end: its instances live as long as the program.
    `class AuthStore { constructor() { window.addEventListener('storage', (e) => this.sync(e)); } sync() {} }`,
    // An EventTarget keeps one entry per listener: the same function added again changes nothing.
    `function onClick(e) {} export function addHandlers() { document.addEventListener('click', onClick, true); }`,
    `function onClick(e) {} export function bind() { document.addEventListener('click', onClick); }`,
    // Not event registrations.
    `export function f(router) { router.on(() => {}); }`,
    `export function f(emitter) { emitter.on('x'); }`,
    // React effects that remove in their cleanup (eslint-react's documented valid cases).
    `import React, { Component } from 'react'; class MyComponent extends Component { componentDidMount() { document.addEventListener('click', this.handleClick); } componentWillUnmount() { document.removeEventListener('click', this.handleClick); } handleClick() {} render() { return null; } }`,
    `import React, { useEffect } from 'react'; function MyComponent() { useEffect(() => { const handleClick = () => { console.log('clicked'); }; document.addEventListener('click', handleClick); return () => { document.removeEventListener('click', handleClick); }; }, []); return null; }`,
    `import React, { useEffect } from 'react'; function MyComponent() { useEffect(() => { const handleClick = () => {}; document.addEventListener('click', handleClick, { capture: true }); return () => { document.removeEventListener('click', handleClick, { capture: true }); }; }, []); return null; }`,
    `import { useEffect } from 'react'; function MyComponent() { useEffect(() => { const events = ['mousemove', 'mousedown', 'keydown', 'scroll', 'touchstart']; const handleActivity = () => {}; events.forEach((event) => { window.addEventListener(event, handleActivity); }); return () => { events.forEach((event) => { window.removeEventListener(event, handleActivity); }); }; }, []); return null; }`,
    `import { useEffect } from 'react'; function MyComponent() { useEffect(() => { const events = [['mousemove', () => {}], ['mousedown', () => {}]]; for (const [event, handler] of events) { window.addEventListener(event, handler); } return () => { for (const [event, handler] of events) { window.removeEventListener(event, handler); } }; }, []); return null; }`,
    `function useCustomHook() { useEffect(() => { const handleClick = () => {}; document.addEventListener('click', handleClick); return () => { document.removeEventListener('click', handleClick); }; }, []); }`,
    `import { useEffect } from 'react'; function MyComponent({ el, handlers }) { useEffect(() => { if (!el) { return; } const handlerEntries = Object.entries(handlers); for (const [name, handler] of handlerEntries) { el.addEventListener(name, handler); } return () => { for (const [name, handler] of handlerEntries) { el.removeEventListener(name, handler); } }; }, [el]); return null; }`,
    // Effects: removal from a named cleanup, an AbortSignal the cleanup aborts, a target the effect makes.
    `function C() { useEffect(() => { const h = () => {}; window.addEventListener('resize', h); const detach = () => window.removeEventListener('resize', h); return () => detach(); }, []); }`,
    `function C() { useEffect(() => { const ac = new AbortController(); window.addEventListener('resize', () => {}, { signal: ac.signal }); return () => ac.abort(); }, []); }`,
    `function C({ url }) { useEffect(() => { const ws = new WebSocket(url); ws.addEventListener('message', (e) => show(e)); return () => ws.close(); }, [url]); }`,
    `function C({ name }) { useLayoutEffect(() => { const local = typeof indexedDB !== 'undefined' ? new Persistence(name) : undefined; local?.on('synced', () => {}); return () => local?.destroy(); }, [name]); }`,
    `function C() { useEffect(() => { document.addEventListener(visibilityEvent(), check); return () => document.removeEventListener(visibilityEvent(), check); }, []); }`,
    // Test files and scripts, unless asked.
    { code: `export function f() { process.on('exit', () => {}); }`, filename: 'test/setup.test.ts' },
    { code: `export function f() { process.on('exit', () => {}); }`, filename: 'scripts/build.ts' },
  ],
  invalid: [
    {
      // A private field made elsewhere outlives the call; `off` of another event removes nothing.
      code: `class S {\n  #bus;\n  watch(user) {\n    this.#bus.on('tick', () => user.refresh());\n  }\n  stop() {\n    this.#bus.off('tock');\n  }\n}`,
      errors: [{ messageId: 'inlineListener', line: 4, column: 5, suggestions: [] }],
    },
    {
      // A per-request handler adds to process each time: inline, so it can never be removed.
      code: `export function handle(req) {\n  process.on('exit', () => req.log.flush());\n}`,
      errors: [{ messageId: 'inlineListener', line: 2, column: 3, endColumn: 44, suggestions: [] }],
    },
    {
      // A named handler made per call, added to a module-level emitter.
      code: `import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport function subscribe(user) {\n  const onTick = () => user.refresh();\n  bus.on('tick', onTick);\n}`,
      errors: [{ messageId: 'leakedListener', line: 5, column: 3, suggestions: [] }],
    },
    {
      code: `export function track(user) {\n  document.addEventListener('click', (e) => user.clicks.push(e));\n}`,
      errors: [{ messageId: 'inlineListener', line: 2, column: 3, suggestions: [] }],
    },
    {
      // A `.bind(...)` makes a fresh function too.
      code: `export class View {\n  show() {\n    window.addEventListener('resize', this.layout.bind(this));\n  }\n  layout() {}\n}`,
      errors: [{ messageId: 'inlineListener', line: 3, column: 5, suggestions: [] }],
    },
    {
      // This run has its own AbortSignal: pass it.
      code: `export function watch(el, signal: AbortSignal) {\n  window.addEventListener('resize', () => el.layout());\n}`,
      errors: [
        {
          messageId: 'inlineListener',
          suggestions: [
            { messageId: 'listenerFixSignal', output: `export function watch(el, signal: AbortSignal) {\n  window.addEventListener('resize', () => el.layout(), { signal });\n}` },
          ],
        },
      ],
    },
    {
      code: `export function watch(el) {\n  const controller = new AbortController();\n  window.addEventListener('scroll', () => el.layout(), true);\n  return controller;\n}`,
      errors: [
        {
          messageId: 'inlineListener',
          suggestions: [
            {
              messageId: 'listenerFixSignal',
              output: `export function watch(el) {\n  const controller = new AbortController();\n  window.addEventListener('scroll', () => el.layout(), { capture: true, signal: controller.signal });\n  return controller;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: `export function watch(el, signal) {\n  window.addEventListener('scroll', () => el.layout(), { passive: true });\n}`,
      errors: [
        {
          messageId: 'inlineListener',
          suggestions: [
            { messageId: 'listenerFixSignal', output: `export function watch(el, signal) {\n  window.addEventListener('scroll', () => el.layout(), { passive: true, signal });\n}` },
          ],
        },
      ],
    },
    {
      // A parameter of an enclosing function outlives each run of the inner one.
      code: `export function middleware(emitter) {\n  return (req, res) => {\n    emitter.on('reload', () => res.end());\n  };\n}`,
      errors: [{ messageId: 'inlineListener', line: 3, column: 5, suggestions: [] }],
    },
    {
      // Adding to the socket on every 'join': the handlers pile up per event.
      code: `io.on('connection', (socket) => {\n  socket.on('join', (room) => {\n    socket.on('leave', () => room.remove(socket));\n  });\n});`,
      errors: [{ messageId: 'inlineListener', line: 3, column: 5, suggestions: [] }],
    },
    {
      // A field, per call of a method that is not start-up: with a dispose method, remove it there.
      code: `class Feed {\n  follow() {\n    this.source.on('update', this.render);\n  }\n  render() {}\n  dispose() {\n    this.active = false;\n  }\n}`,
      errors: [
        {
          messageId: 'leakedListener',
          line: 3,
          column: 5,
          suggestions: [
            {
              messageId: 'listenerFixDispose',
              output: `class Feed {\n  follow() {\n    this.source.on('update', this.render);\n  }\n  render() {}\n  dispose() {\n    this.source.off('update', this.render);\n    this.active = false;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // A constructor of a class with a dispose method: the dispose method must undo it.
      code: `class Chart {\n  constructor() {\n    window.addEventListener('resize', this.onResize);\n  }\n  onResize() {}\n  destroy() {}\n}`,
      errors: [
        {
          messageId: 'leakedListener',
          suggestions: [
            {
              messageId: 'listenerFixDispose',
              output: `class Chart {\n  constructor() {\n    window.addEventListener('resize', this.onResize);\n  }\n  onResize() {}\n  destroy() {\n    window.removeEventListener('resize', this.onResize);\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      // `events.on` left unconsumed buffers every event forever.
      code: `import { on } from 'node:events';\nimport { bus } from './bus';\nexport function f() {\n  on(bus, 'tick');\n}`,
      errors: [{ messageId: 'leakedListener', line: 4, column: 3 }],
    },
    {
      // React: a named handler and no cleanup (eslint-react's documented case).
      code: `import React, { useEffect } from 'react';\nfunction MyComponent() {\n  useEffect(() => {\n    const handleClick = () => {\n      console.log('clicked');\n    };\n    document.addEventListener('click', handleClick);\n  }, []);\n  return null;\n}`,
      errors: [
        {
          messageId: 'effectListener',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `import React, { useEffect } from 'react';\nfunction MyComponent() {\n  useEffect(() => {\n    const handleClick = () => {\n      console.log('clicked');\n    };\n    document.addEventListener('click', handleClick);\n    return () => document.removeEventListener('click', handleClick);\n  }, []);\n  return null;\n}`,
            },
          ],
        },
      ],
    },
    {
      // An inline listener: name it, then remove it.
      code: `function MyComponent() {\n  useEffect(() => {\n    document.addEventListener('click', () => console.log('clicked'));\n  }, []);\n}`,
      errors: [
        {
          messageId: 'effectListener',
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `function MyComponent() {\n  useEffect(() => {\n    const handleClick = () => console.log('clicked');\n    document.addEventListener('click', handleClick);\n    return () => document.removeEventListener('click', handleClick);\n  }, []);\n}`,
            },
          ],
        },
      ],
    },
    {
      // The removal must use the same capture flag (eslint-react's documented case).
      code: `function MyComponent() {\n  useEffect(() => {\n    const handleClick = () => {};\n    document.addEventListener('click', handleClick, { capture: true });\n    return () => {\n      document.removeEventListener('click', handleClick, { capture: false });\n    };\n  }, []);\n}`,
      errors: [
        {
          messageId: 'effectListener',
          line: 4,
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `function MyComponent() {\n  useEffect(() => {\n    const handleClick = () => {};\n    document.addEventListener('click', handleClick, { capture: true });\n    return () => {\n      document.removeEventListener('click', handleClick, true);\n      document.removeEventListener('click', handleClick, { capture: false });\n    };\n  }, []);\n}`,
            },
          ],
        },
      ],
    },
    {
      // A custom hook is an effect like any other (eslint-react's documented case).
      code: `function useCustomHook() {\n  useEffect(() => {\n    const handleClick = () => {};\n    document.addEventListener('click', handleClick);\n  }, []);\n}`,
      errors: [{ messageId: 'effectListener', suggestions: [{ messageId: 'listenerFixCleanup', output: `function useCustomHook() {\n  useEffect(() => {\n    const handleClick = () => {};\n    document.addEventListener('click', handleClick);\n    return () => document.removeEventListener('click', handleClick);\n  }, []);\n}` }] }],
    },
    {
      // Entries computed twice are not the same entries (eslint-react's documented case).
      code: `function MyComponent({ el, handlers }) {\n  useEffect(() => {\n    for (const [name, handler] of Object.entries(handlers)) {\n      el.addEventListener(name, handler);\n    }\n    return () => {\n      for (const [name, handler] of Object.entries(handlers)) {\n        el.removeEventListener(name, handler);\n      }\n    };\n  }, [el]);\n}`,
      errors: [{ messageId: 'effectListener', line: 4, column: 7, suggestions: [] }],
    },
    {
      // A different function removed.
      code: `function C() {\n  useEffect(() => {\n    const a = () => {};\n    const b = () => {};\n    window.addEventListener('resize', a);\n    return () => window.removeEventListener('resize', b);\n  }, []);\n}`,
      errors: [
        {
          messageId: 'effectListener',
          line: 5,
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `function C() {\n  useEffect(() => {\n    const a = () => {};\n    const b = () => {};\n    window.addEventListener('resize', a);\n    return () => {\n      window.removeEventListener('resize', a);\n      window.removeEventListener('resize', b);\n    };\n  }, []);\n}`,
            },
          ],
        },
      ],
    },
    {
      // Removed, but not in the cleanup: an unmount before the event still leaves it behind.
      code: `function C() {\n  useEffect(() => {\n    const onLoad = () => window.removeEventListener('load', onLoad);\n    window.addEventListener('load', onLoad);\n  }, []);\n}`,
      errors: [
        {
          messageId: 'effectListener',
          line: 4,
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `function C() {\n  useEffect(() => {\n    const onLoad = () => window.removeEventListener('load', onLoad);\n    window.addEventListener('load', onLoad);\n    return () => window.removeEventListener('load', onLoad);\n  }, []);\n}`,
            },
          ],
        },
      ],
    },
    {
      // An emitter's `on` gets `off` in the cleanup; an AbortSignal in scope is offered too.
      code: `function C({ bus }) {\n  useEffect(() => {\n    const controller = new AbortController();\n    bus.on('update', refresh);\n    window.addEventListener('focus', refresh);\n    return () => controller.abort();\n  }, [bus]);\n}`,
      errors: [
        {
          messageId: 'effectListener',
          line: 4,
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `function C({ bus }) {\n  useEffect(() => {\n    const controller = new AbortController();\n    bus.on('update', refresh);\n    window.addEventListener('focus', refresh);\n    return () => {\n      bus.off('update', refresh);\n      controller.abort();\n    };\n  }, [bus]);\n}`,
            },
          ],
        },
        {
          messageId: 'effectListener',
          line: 5,
          suggestions: [
            {
              messageId: 'listenerFixCleanup',
              output: `function C({ bus }) {\n  useEffect(() => {\n    const controller = new AbortController();\n    bus.on('update', refresh);\n    window.addEventListener('focus', refresh);\n    return () => {\n      window.removeEventListener('focus', refresh);\n      controller.abort();\n    };\n  }, [bus]);\n}`,
            },
            {
              messageId: 'listenerFixSignal',
              output: `function C({ bus }) {\n  useEffect(() => {\n    const controller = new AbortController();\n    bus.on('update', refresh);\n    window.addEventListener('focus', refresh, { signal: controller.signal });\n    return () => controller.abort();\n  }, [bus]);\n}`,
            },
          ],
        },
      ],
    },
    {
      // A ref's current target: reported; the fix is left to a person (the ref may change).
      code: `function C() {\n  const ref = useRef(null);\n  useEffect(() => {\n    ref.current.addEventListener('scroll', onScroll);\n  }, []);\n}`,
      errors: [{ messageId: 'effectListener', suggestions: [] }],
    },
    {
      // React class component without componentWillUnmount (eslint-react's documented case).
      code: `class MyComponent extends Component {\n  componentDidMount() {\n    document.addEventListener('click', this.handleClick);\n  }\n  handleClick() {}\n  render() {\n    return null;\n  }\n}`,
      errors: [{ messageId: 'componentListener', line: 3, column: 5, suggestions: [] }],
    },
    {
      // A Vue component's created() hook with no unmounted() removal.
      code: `export default {\n  data() {\n    return { width: 0 };\n  },\n  created() {\n    window.addEventListener('resize', this.onResize);\n  },\n  methods: {\n    onResize() {},\n  },\n};`,
      filename: 'mixin.js',
      errors: [{ messageId: 'componentListener', line: 6, column: 5, suggestions: [] }],
    },
    {
      code: `export function handle(req) {\n  process.on('exit', () => req.log.flush());\n}`,
      filename: 'test/handler.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'inlineListener', line: 2, column: 3 }],
    },
  ],
};
