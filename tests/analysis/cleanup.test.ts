import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  captureOf,
  delayOf,
  fateOf,
  pathText,
  registrationOf,
  registrationOptions,
  removalOf,
  sameReference,
  targetLifetime,
  timerCallOf,
  useOfHandle,
} from '../../src/analysis/cleanup';
import { activationOf } from '../../src/analysis/lifecycle';
import { eachNode, parseSource } from './parse';

function parse(code: string) {
  const { sourceCode, ast } = parseSource(code);
  const calls: TSESTree.CallExpression[] = [];
  const identifiers: TSESTree.Identifier[] = [];
  eachNode(ast, (node) => {
    if (node.type === 'CallExpression') calls.push(node);
    if (node.type === 'Identifier') identifiers.push(node);
  });
  return { sourceCode, calls, identifiers };
}

/** The first call whose callee text is `callee`. */
function callOf(code: string, callee: string) {
  const parsed = parse(code);
  const call = parsed.calls.find((candidate) => parsed.sourceCode.getText(candidate.callee) === callee);
  if (!call) throw new Error(`no call to ${callee}`);
  return { ...parsed, call };
}

describe('timerCallOf', () => {
  it('knows the platform timers through globals, hosts and node:timers', () => {
    const kind = (code: string, callee: string) => {
      const { sourceCode, call } = callOf(code, callee);
      return timerCallOf(sourceCode, call)?.kind ?? null;
    };
    expect(kind('setInterval(f, 1);', 'setInterval')).toBe('interval');
    expect(kind('window.setTimeout(f, 1);', 'window.setTimeout')).toBe('timeout');
    expect(kind(`import { setInterval as every } from 'node:timers'; every(f, 1);`, 'every')).toBe('interval');
    expect(kind(`import * as timers from 'timers'; timers.setInterval(f, 1);`, 'timers.setInterval')).toBe('interval');
    expect(kind(`const { setTimeout: later } = require('node:timers'); later(f, 1);`, 'later')).toBe('timeout');
    expect(kind(`import { setInterval } from 'node:timers/promises'; setInterval(1);`, 'setInterval')).toBeNull();
    expect(kind(`const setInterval = (f) => f(); setInterval(f);`, 'setInterval')).toBeNull();
    expect(kind(`clock.setInterval(f, 1);`, 'clock.setInterval')).toBeNull();
  });

  it('reads the delay when syntax knows it', () => {
    const delay = (code: string) => {
      const { sourceCode, call } = callOf(code, 'setTimeout');
      return delayOf(sourceCode, timerCallOf(sourceCode, call)!);
    };
    expect(delay('setTimeout(f);')).toBe(0);
    expect(delay('setTimeout(f, 2 * 1000);')).toBe(2000);
    expect(delay('const MS = 250; setTimeout(f, MS);')).toBe(250);
    expect(delay('setTimeout(f, fast ? 0 : 5000);')).toBe(5000);
    expect(delay(`import { DELAY } from './c'; setTimeout(f, DELAY);`)).toBeNull();
    expect(delay('let ms = 5; setTimeout(f, ms);')).toBeNull();
  });
});

describe('fateOf and useOfHandle', () => {
  const fate = (code: string) => {
    const { sourceCode, call } = callOf(code, 'setInterval');
    const result = fateOf(sourceCode, call);
    return result.kind === 'kept' ? `kept:${pathText(result.path)}` : result.kind;
  };

  it('follows the handle to a statement, a binding, a field, or an escape', () => {
    expect(fate('function f() { setInterval(g, 1); }')).toBe('discarded');
    expect(fate('function f() { setInterval(g, 1).unref(); }')).toBe('discarded');
    expect(fate('function f() { void setInterval(g, 1); }')).toBe('discarded');
    expect(fate('function f() { const t = setInterval(g, 1).unref(); }')).toBe('kept:t');
    expect(fate('class A { m() { this.timers.poll = setInterval(g, 1); } }')).toBe('kept:this.timers.poll');
    expect(fate('function f(ref) { ref.current ??= setInterval(g, 1); }')).toBe('kept:ref.current');
    expect(fate('function f() { const t = on ? setInterval(g, 1) : null; }')).toBe('kept:t');
    expect(fate('function f() { return setInterval(g, 1); }')).toBe('escaped');
    expect(fate('function f(list) { list.push(setInterval(g, 1)); }')).toBe('escaped');
    expect(fate('function f() { const o = { t: setInterval(g, 1) }; }')).toBe('escaped');
  });

  it('classifies each read of a handle: cleared, escaping, or neither', () => {
    const uses = (code: string) => {
      const { sourceCode, identifiers } = parse(code);
      return identifiers
        .filter((id) => id.name === 't' && !(id.parent?.type === 'VariableDeclarator' && id.parent.id === id))
        .filter((id) => !(id.parent?.type === 'MemberExpression' && id.parent.property === id))
        .map((id) => useOfHandle(sourceCode, id));
    };
    expect(uses('const t = x; clearInterval(t); clearTimeout(t!); t.close(); t[Symbol.dispose]();')).toEqual(['clear', 'clear', 'clear', 'clear']);
    expect(uses('const t = x; t.unref(); t.refresh(); if (t) {} if (!t) {} t = null; t === null;')).toEqual([
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'neutral',
      'neutral',
    ]);
    expect(uses('const t = x; track(t); list.push(t); out.t = t;')).toEqual(['escape', 'escape', 'escape']);
    expect(uses('function f() { const t = x; return t; }')).toEqual(['escape']);
  });
});

describe('registrations and removals', () => {
  it('recognises listener registrations and what their options say', () => {
    const describeCall = (code: string, callee: string) => {
      const { sourceCode, call } = callOf(code, callee);
      const registration = registrationOf(sourceCode, call);
      return registration ? `${registration.api}:${registrationOptions(sourceCode, registration)}` : null;
    };
    expect(describeCall('bus.on("x", f);', 'bus.on')).toBe('emitter:none');
    expect(describeCall('el.addEventListener("x", f, { signal });', 'el.addEventListener')).toBe('eventTarget:signal');
    expect(describeCall('el.addEventListener("x", f, { once: true, passive: true });', 'el.addEventListener')).toBe('eventTarget:once');
    expect(describeCall('const o = { once: true }; el.addEventListener("x", f, o);', 'el.addEventListener')).toBe('eventTarget:once');
    expect(describeCall('el.addEventListener("x", f, opts);', 'el.addEventListener')).toBe('eventTarget:unknown');
    expect(describeCall('el.addEventListener("x", f, true);', 'el.addEventListener')).toBe('eventTarget:none');
    expect(describeCall(`import { on } from 'node:events'; on(bus, 'x', { signal });`, 'on')).toBe('eventsOn:signal');
    expect(describeCall('router.on(() => {});', 'router.on')).toBeNull();
    expect(describeCall('bus.once("x", f);', 'bus.once')).toBeNull();
  });

  it('reads capture from booleans and literals, and says when it cannot', () => {
    const capture = (code: string) => {
      const { sourceCode, call } = callOf(code, 'el.removeEventListener');
      return captureOf(sourceCode, removalOf(call)!.options);
    };
    expect(capture('el.removeEventListener("x", f);')).toBe(false);
    expect(capture('el.removeEventListener("x", f, true);')).toBe(true);
    expect(capture('el.removeEventListener("x", f, { capture: true });')).toBe(true);
    expect(capture('el.removeEventListener("x", f, { passive: true });')).toBe(false);
    expect(capture('el.removeEventListener("x", f, opts);')).toBeNull();
  });

  it('reads removeAllListeners with and without an event', () => {
    const { call } = callOf('bus.removeAllListeners("x");', 'bus.removeAllListeners');
    expect(removalOf(call)).toMatchObject({ api: 'emitter', listener: undefined });
    expect(removalOf(callOf('bus.removeAllListeners();', 'bus.removeAllListeners').call)).toMatchObject({ event: undefined });
  });
});

describe('sameReference', () => {
  /** Whether the arguments at `index` of the first two calls denote the same value. */
  const same = (code: string, index = 0) => {
    const { sourceCode, calls } = parse(code);
    const [a, b] = calls.filter((call) => call.callee.type === 'Identifier' && (call.callee.name === 'a' || call.callee.name === 'b'));
    return sameReference(sourceCode, a!.arguments[index]!, b!.arguments[index]!);
  };

  it('matches literals, bindings and property paths, not calls or fresh functions', () => {
    expect(same('a("x"); b(`x`);')).toBe(true);
    expect(same('const h = () => {}; a(h); b(h as any);')).toBe(true);
    expect(same('a(this.handlers.onMessage); b(this.handlers.onMessage);')).toBe(true);
    expect(same('a(() => {}); b(() => {});')).toBe(false);
    expect(same('a(f.bind(this)); b(f.bind(this));')).toBe(false);
    expect(same('function one() { const h = 1; a(h); } function two() { const h = 1; b(h); }')).toBe(false);
  });

  it('matches loop bindings over the same collection at the same position, not over computed ones', () => {
    expect(same('for (const [e, h] of list) a(e, h); for (const [x, y] of list) b(x, y);', 1)).toBe(true);
    expect(same('for (const [e, h] of list) a(e, h); for (const [x, y] of list) b(y, x);', 1)).toBe(false);
    expect(same('events.forEach((e) => a(e)); events.forEach((evt) => b(evt));')).toBe(true);
    expect(same('for (const [e] of Object.entries(m)) a(e); for (const [e] of Object.entries(m)) b(e);')).toBe(false);
  });
});

describe('targetLifetime', () => {
  const lifetime = (code: string) => {
    const { sourceCode, call } = callOf(code, 'marker');
    const activation = activationOf(call)!;
    return targetLifetime(sourceCode, call.arguments[0]!, activation).kind;
  };

  it('outlives: globals, module-level bindings, outer parameters, fields outside the constructor', () => {
    expect(lifetime('function f() { marker(process); }')).toBe('outlives');
    expect(lifetime('function f() { marker(window.visualViewport); }')).toBe('outlives');
    expect(lifetime('const bus = make(); function f() { marker(bus); }')).toBe('outlives');
    expect(lifetime('function outer(emitter) { return () => { marker(emitter); }; }')).toBe('outlives');
    expect(lifetime('class A { m() { marker(this.source); } }')).toBe('outlives');
    expect(lifetime('function f() { const e = this.emitter; marker(e); }')).toBe('local'); // `this` outside a class
    expect(lifetime('class A { m() { const e = this.emitter; marker(e); } }')).toBe('outlives');
  });

  it('local: made by this run, its parameters, locals of enclosing functions, the constructor, `this` itself', () => {
    expect(lifetime('function f(socket) { marker(socket); }')).toBe('local');
    expect(lifetime('function f() { const e = new Emitter(); marker(e); }')).toBe('local');
    expect(lifetime('function f() { marker(make()); }')).toBe('local');
    expect(lifetime('function outer() { const modal = open(); return () => { marker(modal); }; }')).toBe('local');
    expect(lifetime('class A { constructor() { marker(this.source); } }')).toBe('local');
    expect(lifetime('class A { m() { marker(this); } }')).toBe('local');
    expect(lifetime('class A { m() { this.child = spawn(); marker(this.child.stdout); } }')).toBe('local');
    expect(lifetime('let client; function f() { client = connect(); marker(client); }')).toBe('local');
    expect(lifetime('function f(xs) { new Promise(() => { xs.forEach((x) => marker(xs)); }); }')).toBe('local');
  });
});
