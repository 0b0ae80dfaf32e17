import { describe, expect, it } from 'vitest';
import {
  activationOf,
  disposeMethodsOf,
  effectOfCallback,
  isConstructorOfEndlessClass,
  lifecycleOf,
  mountHookOf,
  runsOnce,
  thisClassOf,
} from '../../src/analysis/lifecycle';
import { isFunctionNode } from '../../src/analysis/ast';
import { parseWithMarker } from './parse';

/** Parses `code` and returns its source code and the first `marker()` call. */
const setup = (code: string) => parseWithMarker(code, { jsx: true });

function onceAt(code: string): boolean {
  const { sourceCode, marker } = setup(code);
  return runsOnce(sourceCode, activationOf(marker));
}

describe('activationOf', () => {
  it('skips callbacks that run within the same call, and stops at those that run again', () => {
    const name = (code: string) => {
      const fn = activationOf(setup(code).marker);
      return fn && fn.type === 'FunctionDeclaration' ? fn.id?.name : fn?.type ?? null;
    };
    expect(name('function f() { new Promise((resolve) => marker()); }')).toBe('f');
    expect(name('function f(xs) { xs.forEach((x) => marker(x)); }')).toBe('f');
    expect(name('function f(p) { p.then(() => marker()); }')).toBe('f');
    expect(name('function f() { setTimeout(() => marker(), 10); }')).toBe('f');
    expect(name('function f() { (() => marker())(); }')).toBe('f');
    expect(name('function f(auth) { auth((err, user) => marker(user)); }')).toBe('f');
    expect(name('function f(x) { x.once("ready", () => marker()); }')).toBe('f');
    // Event handlers and intervals run again and again: they are their own activation.
    expect(name('function f(x) { x.on("data", () => marker()); }')).toBe('ArrowFunctionExpression');
    expect(name('function f() { setInterval(() => marker(), 10); }')).toBe('ArrowFunctionExpression');
    expect(name('marker();')).toBe(null);
  });
});

describe('runsOnce', () => {
  it('holds for module scope, module IIFEs, main() called once, one-shot callbacks and AMD factories', () => {
    expect(onceAt('marker();')).toBe(true);
    expect(onceAt('(async () => { marker(); })();')).toBe(true);
    expect(onceAt('async function main() { marker(); } main().catch(() => {});')).toBe(true);
    expect(onceAt('server.listen(80, () => { marker(); });')).toBe(true);
    expect(onceAt('process.once("SIGTERM", () => { marker(); });')).toBe(true);
    expect(onceAt('define("m", ["hooks"], function (hooks) { marker(); });')).toBe(true);
    expect(onceAt('$(document).ready(function () { marker(); });')).toBe(true);
  });

  it('holds for start-up names, but not for instance methods of the same name', () => {
    expect(onceAt('export function start() { marker(); }')).toBe(true);
    expect(onceAt('export const setupRoutes = () => { marker(); };')).toBe(true);
    expect(onceAt('Plugin.init = async function () { marker(); };')).toBe(true);
    expect(onceAt('class A { static init() { marker(); } }')).toBe(true);
    expect(onceAt('class A { start() { marker(); } }')).toBe(false);
    // A prefix matches only at a camelCase boundary.
    expect(onceAt('export function settle() { marker(); }')).toBe(false);
    expect(onceAt('export function initials() { marker(); }')).toBe(false);
    const { sourceCode, marker } = setup('export function start() { marker(); }');
    expect(runsOnce(sourceCode, activationOf(marker), { startupFunctions: [] })).toBe(false);
  });

  it('holds for a module installer, not for a request handler assigned to module.exports', () => {
    expect(onceAt('module.exports = function (Posts) { marker(); };')).toBe(true);
    expect(onceAt('module.exports = function (req, res) { marker(); };')).toBe(false);
  });

  it('does not hold for exported functions, functions called twice, or called from a handler', () => {
    expect(onceAt('export function poll() { marker(); }')).toBe(false);
    expect(onceAt('function poll() { marker(); } poll(); poll();')).toBe(false);
    expect(onceAt('function poll() { marker(); } app.get("/", () => poll());')).toBe(false);
    expect(onceAt('function poll() { marker(); } module.exports = poll;')).toBe(false);
  });
});

describe('effects and component hooks', () => {
  it('recognises effect callbacks, with or without the React namespace', () => {
    for (const code of ['useEffect(() => { marker(); }, []);', 'React.useLayoutEffect(function () { marker(); });', 'useInsertionEffect(() => marker());']) {
      const fn = activationOf(setup(code).marker)!;
      expect(effectOfCallback(fn), code).not.toBeNull();
      expect(lifecycleOf(setup(code).marker)?.kind, code).toBe('effect');
    }
    expect(effectOfCallback(activationOf(setup('useMemo(() => { marker(); }, []);').marker)!)).toBeNull();
  });

  it('recognises mount hooks and the hook that should undo them', () => {
    const hook = (code: string) => mountHookOf(activationOf(setup(code).marker)!);
    expect(hook('class C extends Component { componentDidMount() { marker(); } }')).toEqual({ hook: 'componentDidMount', unmount: 'componentWillUnmount' });
    expect(hook('export default { data() { return {}; }, created() { marker(); } };')).toEqual({ hook: 'created', unmount: 'unmounted' });
    expect(hook('onMounted(() => { marker(); });')).toEqual({ hook: 'onMounted', unmount: 'onUnmounted' });
    expect(hook('class E extends HTMLElement { connectedCallback() { marker(); } }')).toEqual({ hook: 'connectedCallback', unmount: 'disconnectedCallback' });
    // An object that is not a component options object.
    expect(hook('const handlers = { created() { marker(); } };')).toBeNull();
  });
});

describe('classes', () => {
  it('finds dispose-like methods in order of preference, including Symbol.dispose', () => {
    const { marker } = setup('class A { stop() {} [Symbol.dispose]() {} close = () => {}; run() { marker(); } }');
    const cls = thisClassOf(marker)!;
    expect(disposeMethodsOf(cls).map((method) => method.name)).toEqual(['dispose', 'close', 'stop']);
    expect(lifecycleOf(marker)?.kind).toBe('class');
  });

  it('follows `this` through arrows and field initialisers, not through plain functions', () => {
    expect(thisClassOf(setup('class A { m() { [1].map(() => marker()); } }').marker)).not.toBeNull();
    expect(thisClassOf(setup('class A { f = () => marker(); }').marker)).not.toBeNull();
    expect(thisClassOf(setup('class A { m() { return function () { marker(); }; } }').marker)).toBeNull();
  });

  it('tells a constructor of a class without an end from one with a dispose method', () => {
    const ctor = (code: string) => {
      const fn = activationOf(setup(code).marker)!;
      expect(isFunctionNode(fn)).toBe(true);
      return isConstructorOfEndlessClass(fn);
    };
    expect(ctor('class Store { constructor() { marker(); } }')).toBe(true);
    expect(ctor('class Chart { constructor() { marker(); } destroy() {} }')).toBe(false);
    expect(ctor('class Store { load() { marker(); } }')).toBe(false);
  });
});
