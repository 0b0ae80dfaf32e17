import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/stable-object-shape';
import { createRuleTester } from '../rule-tester';

const measuredDelete = 'reads measured 10x slower than after `= undefined`';

createRuleTester().run('stable-object-shape', rule, {
  valid: [
    // process.env and the global object are dictionaries already.
    `delete process.env.DEBUG;`,
    `delete globalThis.__cache;`,
    `delete window.onload;`,
    // Computed keys: a map.
    `export function drop(cache: Record<string, unknown>, key: string) { delete cache[key]; }`,
    // Used as a map elsewhere in the file: a computed key, for-in, Object.keys, a non-literal `in`.
    `const users = {}; export function add(id, u) { users[id] = u; } export function reset() { delete users.admin; }`,
    `export function clean(settings: Settings) { for (const k in settings) check(k); delete settings.legacy; }`,
    `export function clean(flags: Flags) { if (Object.keys(flags).length > 10) delete flags.verbose; }`,
    `export function has(bag: Bag, k: string) { if (k in bag) delete bag.extra; }`,
    // Declared as a map: Record, index signature, a mapped type, a local interface or alias.
    `export function f(counts: Record<string, number>) { delete counts.total; }`,
    `export function f(counts: Partial<Record<Kind, number>>) { delete counts.npc; }`,
    `export function f(o: { [key: string]: number }) { delete o.x; }`,
    `interface Bag { [key: string]: number } export function f(b: Bag) { delete b.x; }`,
    `type Scores = { [player: string]: number }; export function f(s: Scores) { delete s.bot; }`,
    `class Registry { items: { [id: string]: Item } = {}; drop() { delete this.items.legacy; } }`,
    // A copy made here to drop a field before it is sent: read once, by the serialiser.
    `export function toJson(u: User) { const out = { ...u }; delete out.password; return out; }`,
    `export async function login(find: () => Promise<User>) { const user = Object.assign({}, await find()); delete user.password; return sign(user); }`,
    `export function snapshot(state: State) { const copy = structuredClone(state); delete copy.secret; return copy; }`,
    `export function load(text: string) { const data = JSON.parse(text); delete data.debug; return data; }`,
    `export async function profile(uid: number) { const user = await users.get(uid); delete user.password; return user; }`,
    `export function reply(ok: boolean) { const req = { ok, retry: true, wait: 0 }; if (ok) delete req.retry; return req; }`,
    // Nothing says what the object is: an untyped parameter, \`this\` outside a class.
    `export const ability = { onTryBoost(boost, target) { if (target.fainted) delete boost.atk; } };`,
    `export const condition = { onEnd() { delete this.effectState.counter; } };`,
    `export function strip(options) { delete options.afterNextPatch; }`,
    // Annotations that say nothing about the fields, or that say "any object".
    `export function trim(rating: AnyObject | null) { if (rating) delete rating.sigma; }`,
    `export function trim(data: any) { delete data.stats; }`,
    `export function trim(p1: AnyObject | null, p2: AnyObject | null) { for (const rating of [p1, p2]) if (rating) delete rating.sigma; }`,
    `export function migrate(events: object) { for (const e of Object.values(events) as AnyObject[]) delete e.aliases; }`,
    `export function migrate(settings: Settings) { delete (settings as any).staffAutojoin; }`,
    // A nested object whose type this file does not show: a struct or a bag of optional keys.
    `export function switchOut(p: Pokemon) { delete p.m.innate; }`,
    `class Battle { state: any; end(p: Pokemon) { delete this.state.winner; delete p.volatiles.x.linked; } }`,
    // Teardown: the objects are on their way out.
    `class Side { actions: Action[] = []; destroy() { for (const a of this.actions) { delete a.side; } } }`,
    // Reassigned to a fresh copy just before.
    `export function open(config: Options & { prefix?: string }) { if (config.prefix) { config = { ...config }; delete config.prefix; } return connect(config); }`,
    // Options: objects the user declares to be maps.
    { code: `delete config.legacyMode;`, options: [{ ignore: ['config'] }] },
    { code: `export function f(s: { cache: object }) { delete s.cache.entry; }`, options: [{ ignore: ['s.cache'] }] },
    // Test files do not run in production.
    { code: `export function f(user: User) { delete user.password; }`, filename: 'test/user.test.ts' },
    // JavaScript classes whose fields all exist after construction.
    { code: `class A { constructor() { this.x = 0; } move() { this.x = 1; } }`, filename: 'a.js' },
    { code: `class A { constructor() { this.reset(); } reset() { this.x = 0; this.y = 0; } move() { this.x += 1; this.y = 2; } }`, filename: 'a.js' },
    { code: `class A { x = 0; handler = () => { this.x = 1; }; }`, filename: 'a.js' },
    { code: `class A { constructor() { this._v = 0; } set value(v) { this._v = v; } reset() { this.value = 0; } }`, filename: 'a.js' },
    { code: `class A { static create() { this.instances = []; } }`, filename: 'a.js' },
    // A superclass from elsewhere may declare anything; so may Object.assign(this, ...).
    { code: `class Conn extends EventEmitter { start() { this.timer = 1; } }`, filename: 'a.js' },
    { code: `class A { constructor(o) { Object.assign(this, o); } start() { this.timer = 1; } }`, filename: 'a.js' },
    // A nested plain function has its own `this`.
    { code: `class A { constructor() { this.x = 0; } later() { return function () { this.y = 1; }; } }`, filename: 'a.js' },
    // TypeScript checks field declarations itself; and the option turns the class check off.
    `class A { x = 0; move() { this.x = 1; } }`,
    { code: `class A { start() { this.timer = 1; } }`, filename: 'a.js', options: [{ checkClassFields: false }] },
  ],
  invalid: [
    {
      code: `export function tick(entities: Entity[]) {
  for (const entity of entities) {
    if (entity.shield !== undefined && --entity.shield <= 0) delete entity.shield;
  }
}`,
      errors: [
        {
          messageId: 'deleteProperty',
          line: 3,
          column: 62,
          data: { target: 'entity.shield', object: 'entity', measured: measuredDelete },
          suggestions: [
            {
              messageId: 'deletePropertyFixUndefined',
              output: `export function tick(entities: Entity[]) {
  for (const entity of entities) {
    if (entity.shield !== undefined && --entity.shield <= 0) entity.shield = undefined;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A nested path, and a class field.
      code: `class Room { settings = { modchat: '' as string | undefined }; clear() { delete this.settings.modchat; } }`,
      errors: [
        {
          messageId: 'deleteProperty',
          line: 1,
          column: 74,
          suggestions: [
            {
              messageId: 'deletePropertyFixUndefined',
              output: `class Room { settings = { modchat: '' as string | undefined }; clear() { this.settings.modchat = undefined; } }`,
            },
          ],
        },
      ],
    },
    {
      // A typed parameter, and the element of an iteration callback.
      code: `export function clear(p: Pokemon, all: Pokemon[]) { delete p.terastallized; all.forEach((q) => { delete q.terastallized; }); }`,
      errors: [
        {
          messageId: 'deleteProperty',
          line: 1,
          column: 53,
          suggestions: [
            {
              messageId: 'deletePropertyFixUndefined',
              output: `export function clear(p: Pokemon, all: Pokemon[]) { p.terastallized = undefined; all.forEach((q) => { delete q.terastallized; }); }`,
            },
          ],
        },
        {
          messageId: 'deleteProperty',
          line: 1,
          column: 98,
          suggestions: [
            {
              messageId: 'deletePropertyFixUndefined',
              output: `export function clear(p: Pokemon, all: Pokemon[]) { delete p.terastallized; all.forEach((q) => { q.terastallized = undefined; }); }`,
            },
          ],
        },
      ],
    },
    {
      // The result of delete is used: no suggestion.
      code: `export function logout(session: Session) { const removed = delete session.token; return removed; }`,
      errors: [{ messageId: 'deleteProperty', line: 1, column: 60, suggestions: null }],
    },
    {
      // A JavaScript class with a constructor: the field is initialised first in it.
      code: `class Npc {
  constructor(x) {
    this.x = x;
  }
  chase(player) {
    this.target = player;
  }
}`,
      filename: 'npc.js',
      errors: [
        {
          messageId: 'lateField',
          line: 6,
          column: 5,
          data: { field: 'target', method: 'chase', measured: 'a read site that sees more than four shapes goes megamorphic, measured 6.5x slower' },
          suggestions: [
            {
              messageId: 'lateFieldFixDeclare',
              data: { field: 'target' },
              output: `class Npc {
  constructor(x) {
    this.target = undefined;
    this.x = x;
  }
  chase(player) {
    this.target = player;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // No constructor: one is added. Two late fields, one report each, in a nested arrow too.
      code: `class Loader {
  load(url) {
    this.url = url;
    return fetch(url).then((r) => { this.response = r; this.url = r.url; });
  }
}`,
      filename: 'loader.mjs',
      errors: [
        {
          messageId: 'lateField',
          line: 3,
          column: 5,
          suggestions: [
            {
              messageId: 'lateFieldFixDeclare',
              output: `class Loader {
  constructor() {
    this.url = undefined;
  }

  load(url) {
    this.url = url;
    return fetch(url).then((r) => { this.response = r; this.url = r.url; });
  }
}`,
            },
          ],
        },
        {
          messageId: 'lateField',
          line: 4,
          column: 37,
          suggestions: [
            {
              messageId: 'lateFieldFixDeclare',
              output: `class Loader {
  constructor() {
    this.response = undefined;
  }

  load(url) {
    this.url = url;
    return fetch(url).then((r) => { this.response = r; this.url = r.url; });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A subclass of a class in this file: the parent's fields count, the new one goes after super().
      code: `class Entity { constructor() { this.x = 0; } }
class Player extends Entity {
  constructor(name) {
    super();
    this.name = name;
  }
  respawn() { this.x = 0; this.deaths = 1; }
}`,
      filename: 'player.cjs',
      errors: [
        {
          messageId: 'lateField',
          line: 7,
          column: 27,
          suggestions: [
            {
              messageId: 'lateFieldFixDeclare',
              output: `class Entity { constructor() { this.x = 0; } }
class Player extends Entity {
  constructor(name) {
    super();
    this.deaths = undefined;
    this.name = name;
  }
  respawn() { this.x = 0; this.deaths = 1; }
}`,
            },
          ],
        },
      ],
    },
    {
      // An arrow-function class field is a method too.
      code: `class Socket { constructor() { this.open = false; } onClose = () => { this.closedAt = Date.now(); }; }`,
      filename: 'socket.js',
      errors: [
        {
          messageId: 'lateField',
          line: 1,
          column: 71,
          suggestions: [
            {
              messageId: 'lateFieldFixDeclare',
              output: `class Socket { constructor() { this.closedAt = undefined; this.open = false; } onClose = () => { this.closedAt = Date.now(); }; }`,
            },
          ],
        },
      ],
    },
  ],
});

// Types declared in another module: syntax cannot see whether `p.m` or `p.settings` is a bag of
// optional keys or a struct, and stays silent on both; the type checker can, and reports the struct.
const typedDir = path.join(__dirname, '__testfixtures__', 'stable-object-shape', 'typed');
const viaOtherModule = `import type { Pokemon } from './types';
export function switchOut(p: Pokemon, id: string) {
  delete p.m.innate;
  delete p.volatiles[id]!.linked;
  delete p.settings.modchat;
  delete p.terastallized;
}
`;
const undefinedFor = (target: string) => viaOtherModule.replace(`delete ${target}`, `${target} = undefined`);

new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typedDir } },
}).run('stable-object-shape (type-aware)', rule, {
  valid: [],
  invalid: [
    {
      code: viaOtherModule,
      filename: path.join(typedDir, 'file.ts'),
      options: [{ checkTestFiles: true }],
      errors: [
        { messageId: 'deleteProperty', line: 5, column: 3, suggestions: [{ messageId: 'deletePropertyFixUndefined', output: undefinedFor('p.settings.modchat') }] },
        { messageId: 'deleteProperty', line: 6, column: 3, suggestions: [{ messageId: 'deletePropertyFixUndefined', output: undefinedFor('p.terastallized') }] },
      ],
    },
  ],
});

createRuleTester().run('stable-object-shape (syntax only)', rule, {
  valid: [],
  invalid: [
    {
      code: viaOtherModule,
      filename: path.join(typedDir, 'file.ts'),
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'deleteProperty', line: 6, column: 3, suggestions: [{ messageId: 'deletePropertyFixUndefined', output: undefinedFor('p.terastallized') }] }],
    },
  ],
});
