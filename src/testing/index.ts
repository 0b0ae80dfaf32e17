import { createHook, type AsyncHook } from 'node:async_hooks';
import { getEventListeners, type EventEmitter } from 'node:events';

/**
 * The goleak analogue for Node tests: which resources did a piece of code leave alive?
 *
 * `process.getActiveResourcesInfo()` lists what keeps the event loop alive: ref'd timers, servers,
 * sockets, child processes, pending fs and DNS requests (unref'd timers are not listed). A snapshot
 * before, one `setImmediate` after, and what is alive now that was not before is what the code
 * started and did not stop. Counts alone are not enough inside a test runner, whose own timers come
 * and go while a test runs (a vitest worker's timer ending mid-test hid a leaked interval in our
 * tests): async_hooks tells which resources were made during the window and are not yet destroyed,
 * and only those are reported, for types the snapshot lists as keeping the loop alive.
 * Handles that are already closing (a server after `close()`, a socket after `end()`) take a few
 * more turns of the loop to go: the check polls them for up to `graceMs` before calling them leaks.
 */

/** One kind of resource left alive, how many, and where they were made (with `stacks: true`). */
export interface Leak {
  /** `Timeout`, `TCPServerWrap`, `TCPSocketWrap`, ..., or `listener:<target>:<event>`. */
  type: string;
  count: number;
  stack?: string[];
}

/** An emitter or EventTarget whose listener counts must not grow, optionally named and narrowed to events. */
export type ListenerTarget =
  | EventEmitter
  | EventTarget
  | { target: EventEmitter | EventTarget; events?: readonly (string | symbol)[]; name?: string };

export interface LeakOptions {
  /** Record where each resource was made (async_hooks) and report it. Slower: off by default. */
  stacks?: boolean;
  /** Emitters and EventTargets (an AbortSignal, `process`) whose listener counts must not grow. */
  emitters?: readonly ListenerTarget[];
  /** How long closing handles may take to go before they count as leaks (ms). Default 100. */
  graceMs?: number;
  /** Resource types never reported, added to the built-in false friends. */
  ignore?: readonly string[];
}

/**
 * Types that are never leaks by themselves. `CloseReq`: a handle's close in progress. `TLSWrap`: the
 * TLS layer over a socket, which lingers for a turn after the socket goes; a leaked TLS connection
 * still shows as its `TCPSocketWrap`. `ChannelWrap`/`DNSCHANNEL`: the resolver's c-ares channel,
 * made on first use and kept for the life of the process by design.
 */
const FALSE_FRIENDS = new Set(['CloseReq', 'TLSWrap', 'ChannelWrap', 'DNSChannel']);
const DEFAULT_GRACE_MS = 100;

type Counts = Map<string, number>;

export interface Snapshot {
  readonly listeners: Map<string, number>;
  readonly options: LeakOptions;
  /** Records what is made from now on and not yet destroyed (with stacks when asked). */
  readonly tracker: Tracker;
}

/** Snapshots what keeps the loop alive now, and starts recording creation stacks if asked. */
export function takeSnapshot(options: LeakOptions = {}): Snapshot {
  // stdout and stderr open their handles on first use: open them now, so a test's first log is not a leak.
  void process.stdout;
  void process.stderr;
  return {
    listeners: countListeners(options.emitters ?? []),
    options,
    tracker: startTracking(options.stacks === true),
  };
}

/**
 * What was started since `snapshot` and is still alive: waits one `setImmediate`, then, while
 * something remains, polls for up to `graceMs` so closing handles can finish closing.
 */
export async function leaksSince(snapshot: Snapshot): Promise<Leak[]> {
  const { options } = snapshot;
  const ignore = new Set([...FALSE_FRIENDS, ...(options.ignore ?? [])]);
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  try {
    await turn();
    let leaks = diff(snapshot, ignore);
    const deadline = Date.now() + graceMs;
    while (leaks.length > 0 && Date.now() < deadline) {
      await pause(5);
      leaks = diff(snapshot, ignore);
    }
    if (options.stacks) attachStacks(leaks, snapshot.tracker);
    return leaks;
  } finally {
    snapshot.tracker.stop();
  }
}

/** Runs `fn` and resolves to the resources it left alive (see `Leak`). */
export async function findLeaks(fn: () => unknown, options: LeakOptions = {}): Promise<Leak[]> {
  const snapshot = takeSnapshot(options);
  try {
    await fn();
  } catch (error) {
    snapshot.tracker.stop();
    throw error;
  }
  return leaksSince(snapshot);
}

/** The error `assertNoLeaks` and the test-runner hooks throw, with the leaks as data. */
export class LeakError extends Error {
  readonly leaks: readonly Leak[];

  constructor(leaks: readonly Leak[], what = 'the code under test') {
    super(describeLeaks(leaks, what));
    this.name = 'LeakError';
    this.leaks = leaks;
  }
}

/** Runs `fn` and throws a LeakError listing what it left alive, if anything. */
export async function assertNoLeaks(fn: () => unknown, options: LeakOptions = {}): Promise<void> {
  const leaks = await findLeaks(fn, options);
  if (leaks.length > 0) throw new LeakError(leaks);
}

type Hook = (fn: () => unknown) => unknown;

/** The `beforeEach`/`afterEach` of a test runner: vitest's, jest's, or `node:test`'s. */
export interface TestHooks {
  beforeEach: Hook;
  afterEach: Hook;
}

/**
 * Checks every test for leaks: a snapshot before each, a LeakError after any that left something
 * alive. One line in a vitest setup file (`checkEachTest({ beforeEach, afterEach })`, hooks
 * imported from 'vitest'), or at the top of a `node:test` file (`checkEachTest()`: the hooks of
 * `node:test` are used when none are given).
 */
export function checkEachTest(hooks?: TestHooks, options: LeakOptions = {}): void {
  const { beforeEach, afterEach } = hooks ?? nodeTestHooks();
  let snapshot: Snapshot | null = null;
  beforeEach(() => {
    snapshot = takeSnapshot(options);
  });
  afterEach(async () => {
    const taken = snapshot;
    snapshot = null;
    if (!taken) return;
    const leaks = await leaksSince(taken);
    if (leaks.length > 0) throw new LeakError(leaks, 'this test');
  });
}

function nodeTestHooks(): TestHooks {
  // node:test is loaded only when asked for: vitest users never load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const test = require('node:test') as TestHooks;
  return { beforeEach: test.beforeEach, afterEach: test.afterEach };
}

/** "this test left 2 resources alive: Timeout x1, TCPServerWrap x1" and the stacks, one per line. */
export function describeLeaks(leaks: readonly Leak[], what = 'the code under test'): string {
  const total = leaks.reduce((sum, leak) => sum + leak.count, 0);
  const lines = [
    `${what} left ${total} ${total === 1 ? 'resource' : 'resources'} alive: ${leaks.map((leak) => `${leak.type} x${leak.count}`).join(', ')}`,
  ];
  for (const leak of leaks) {
    for (const stack of leak.stack ?? []) lines.push(`  ${leak.type} created at:\n${indent(stack, '    ')}`);
  }
  if (leaks.some((leak) => !leak.type.startsWith('listener:')) && !leaks.some((leak) => leak.stack)) {
    lines.push('  (pass { stacks: true } to see where each was made)');
  }
  return lines.join('\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line.trim())
    .join('\n');
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function countResources(): Counts {
  const counts: Counts = new Map();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/**
 * Resources made since the snapshot that still keep the loop alive: made in the window, not
 * destroyed, ref'd, and of a type `getActiveResourcesInfo()` lists now (never more of a type than it lists).
 */
function diff(snapshot: Snapshot, ignore: ReadonlySet<string>): Leak[] {
  const leaks: Leak[] = [];
  const made = new Map<string, number>();
  for (const entry of snapshot.tracker.alive.values()) {
    if (!holdsLoop(entry)) continue;
    const key = normalizeType(entry.type);
    made.set(key, (made.get(key) ?? 0) + 1);
  }
  for (const [type, active] of countResources()) {
    if (ignore.has(type)) continue;
    const count = Math.min(active, made.get(normalizeType(type)) ?? 0);
    if (count > 0) leaks.push({ type, count });
  }
  const listeners = countListeners(snapshot.options.emitters ?? []);
  for (const [key, count] of listeners) {
    const extra = count - (snapshot.listeners.get(key) ?? 0);
    if (extra > 0) leaks.push({ type: `listener:${key}`, count: extra });
  }
  return leaks;
}

/** Alive and holding the loop: not collected, and not unref'd (a timer or handle with `hasRef`). */
function holdsLoop(entry: Made): boolean {
  const resource = entry.resource.deref() as { hasRef?: () => boolean; _destroyed?: boolean } | undefined;
  if (!resource) return false;
  if (resource._destroyed === true) return false; // a cleared timer whose destroy hook is still queued
  return typeof resource.hasRef === 'function' ? resource.hasRef() : true;
}

function countListeners(targets: readonly ListenerTarget[]): Map<string, number> {
  const counts = new Map<string, number>();
  targets.forEach((entry, index) => {
    const { target, events, name } = normalizeTarget(entry);
    const label = name ?? labelOf(target, index);
    if (isEmitter(target)) {
      for (const event of events ?? target.eventNames()) counts.set(`${label}:${String(event)}`, target.listenerCount(event));
      return;
    }
    const types = events ?? (isAbortSignal(target) ? ['abort'] : []);
    if (types.length === 0) throw new TypeError(`checking listeners of ${label}: an EventTarget needs { target, events: [...] }`);
    for (const event of types) counts.set(`${label}:${String(event)}`, getEventListeners(target, event as string).length);
  });
  return counts;
}

function normalizeTarget(entry: ListenerTarget): {
  target: EventEmitter | EventTarget;
  events?: readonly (string | symbol)[];
  name?: string;
} {
  return 'target' in entry && (isEmitter(entry.target) || entry.target instanceof EventTarget)
    ? (entry as { target: EventEmitter | EventTarget; events?: readonly (string | symbol)[]; name?: string })
    : { target: entry as EventEmitter | EventTarget };
}

function isEmitter(value: unknown): value is EventEmitter {
  return typeof (value as EventEmitter | null)?.listenerCount === 'function' && typeof (value as EventEmitter).eventNames === 'function';
}

function isAbortSignal(value: unknown): boolean {
  return typeof AbortSignal !== 'undefined' && value instanceof AbortSignal;
}

function labelOf(target: EventEmitter | EventTarget, index: number): string {
  if (target === (process as unknown)) return 'process';
  return `${target.constructor?.name ?? 'target'}#${index}`;
}

// ---------------------------------------------------------------------------------------------
// Creation stacks

interface Made {
  type: string;
  /** Empty unless stacks were asked for. */
  stack: string;
  resource: WeakRef<object>;
}

interface Tracker {
  alive: Map<number, Made>;
  stop(): void;
}

// async_hooks names resources differently from getActiveResourcesInfo: TCPWRAP is a TCPSocketWrap.
const HOOK_TYPES: Record<string, string> = { TCPWRAP: 'TCPSOCKETWRAP' };

function normalizeType(type: string): string {
  const upper = type.toUpperCase().replace(/[^A-Z]/g, '');
  return HOOK_TYPES[upper] ?? upper;
}

// Made and destroyed by the check itself, or never keeping the loop alive.
const UNTRACKED = new Set(['PROMISE', 'TickObject', 'Microtask']);

/**
 * Code of test runners: what they make themselves while a test runs (vitest's throttled task
 * updates, a 100 ms timer) is theirs to end, not the test's.
 */
const RUNNER_FILES = /[\\/]node_modules[\\/](?:@vitest[\\/]|vitest[\\/]|tinypool[\\/]|birpc[\\/]|jest-circus[\\/]|jest-runner[\\/])|node:internal[\\/]test_runner/;

function startTracking(stacks: boolean): Tracker {
  const alive = new Map<number, Made>();
  const hook: AsyncHook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (UNTRACKED.has(type) || typeof resource !== 'object' || resource === null) return;
      const sites = callSites();
      // Whose code made it: the innermost frame outside Node itself.
      const maker = sites.find((site) => !(site.getFileName() ?? 'node:').startsWith('node:') && site.getFileName() !== __filename);
      if (maker ? RUNNER_FILES.test(maker.getFileName() ?? '') : sites.some((site) => RUNNER_FILES.test(site.getFileName() ?? ''))) return;
      alive.set(asyncId, { type, stack: stacks ? formatSites(sites) : '', resource: new WeakRef(resource) });
    },
    destroy(asyncId) {
      alive.delete(asyncId);
    },
  });
  hook.enable();
  return {
    alive,
    stop() {
      hook.disable();
      alive.clear();
    },
  };
}

/** The current call sites, unformatted: cheaper than reading `new Error().stack`. */
function callSites(): NodeJS.CallSite[] {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 30;
  Error.prepareStackTrace = (_error, sites) => sites;
  try {
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, callSites);
    return holder.stack ?? [];
  } finally {
    Error.stackTraceLimit = limit;
    Error.prepareStackTrace = prepare;
  }
}

/** `at fn (file:line:column)` lines, without Node internals, async_hooks or this module. */
function formatSites(sites: readonly NodeJS.CallSite[]): string {
  return sites
    .filter((site) => {
      const file = site.getFileName() ?? '';
      return file !== '' && !file.startsWith('node:') && file !== __filename;
    })
    .map((site) => {
      const name = site.getFunctionName() ?? site.getMethodName();
      const where = `${site.getFileName()}:${site.getLineNumber()}:${site.getColumnNumber()}`;
      return name ? `at ${name} (${where})` : `at ${where}`;
    })
    .join('\n');
}

function attachStacks(leaks: Leak[], tracker: Tracker): void {
  for (const leak of leaks) {
    if (leak.type.startsWith('listener:')) continue;
    const wanted = normalizeType(leak.type);
    const stacks: string[] = [];
    for (const made of tracker.alive.values()) {
      if (normalizeType(made.type) === wanted && holdsLoop(made) && made.stack) stacks.push(made.stack);
    }
    if (stacks.length > 0) leak.stack = stacks.slice(0, leak.count);
  }
}
