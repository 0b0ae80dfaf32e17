import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/analysis/catalog';
import { createModulePeek } from '../../src/analysis/module-peek';
import type { Origin } from '../../src/analysis/origin';

/**
 * A peek parses the imported module with the bodies of its functions and classes blanked where no
 * export can depend on them. These modules put an export's answer inside a body, or next to a big
 * body, so that blanking the wrong body changes the answer.
 */
const MODULES: Record<string, string> = {
  // The export is decided by `extends`; the class body is long and irrelevant.
  'user.ts': `import { Model } from 'sequelize';
export default class User extends Model {
  declare id: number;
  static async byEmail(email: string) { const found = await User.findOne({ where: { email } }); return found; }
  rename(name: string) { let pool = name; pool = pool.trim(); return pool; }
}`,
  // The only write is inside a function body: it must stay.
  'late.ts': `import { Pool } from 'pg';
let pool: unknown;
export function init() { pool = new Pool(); }
export { pool };`,
  // A second write inside a body makes the binding unknown.
  'rewritten.ts': `import { Pool } from 'pg';
let pool = new Pool();
export function reset() { pool = null; }
export { pool };`,
  // Writes by destructuring, by increment and by a for…of head, each in a method.
  'destructured.ts': `import { Pool } from 'pg';
let a = new Pool(); let b = new Pool(); let c = new Pool();
export class Swap { run(x: Pool[]) { [a] = x; } }
export const bump = { go() { b++; } };
export function each(xs: Pool[]) { for (c of xs) void c; }
export { a, b, c };`,
  // A body that only reads outside names is blanked without changing anything.
  'reader.ts': `import { Pool } from 'pg';
export const pool = new Pool();
export function size() { return pool.totalCount; }`,
  // A module that does not parse resolves nothing, as before.
  'broken.ts': `import { Pool } from 'pg';
export const pool = new Pool();
export function f() { return ) ; }`,
  'changing.ts': `import { Pool } from 'pg';
export const pool = new Pool();`,
  // CommonJS: an object literal as the default has no origin; its properties do.
  'functions.js': `const { Pool } = require('pg');
module.exports = { Pool };`,
  'whole.js': `const pg = require('pg');
module.exports = { query() {} };
module.exports = pg;`,
  'one-class.js': `module.exports = require('pg').Pool;`,
  // A chain of model classes, exported at the bottom and re-exported by a barrel: answered from
  // TypeScript's syntax tree without ESTree or scopes, and the answers must be the parse's.
  'models/base.ts': `import { Model } from 'sequelize';
abstract class Base<T> extends Model { declare id: number; }
export default Base;`,
  'models/user.ts': `import Base from './base';
import { helper } from '../late';
@Table({ tableName: 'users' })
class User extends Base<User> { static async named(n: string) { return User.findOne({ where: { n } }); } }
export default User;`,
  'models/post.ts': `import Base from './base';
export class Post extends Base<Post> {}
export const publish = async (post: Post) => post.save();
export function unpublish(post: Post) { return post.destroy(); }`,
  'models/index.ts': `export { default as User } from './user';
export * from './post';`,
  // Shapes the syntax alone does not decide, left to the parse: a class merged with an interface
  // of its name, a class whose type parameter shadows the import, a CommonJS assignment first.
  'models/merged.ts': `import { Model } from 'sequelize';
interface Merged { extra: string }
class Merged extends Model {}
export default Merged;`,
  'models/shadowed.ts': `import { Model } from 'sequelize';
export class Shadowed<Model> extends Model {}`,
  'models/global.ts': `import { Pool } from 'pg';
export class Store extends EventEmitter { pool = new Pool(); }`,
  'models/commonjs.ts': `import { Model } from 'sequelize';
class Thing extends Model {}
module.exports.Thing = null;
export { Thing };`,
};

let directory: string;
let peek: (specifier: string, name: string) => Origin | null;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'module-peek-'));
  mkdirSync(path.join(directory, 'models'));
  for (const [name, text] of Object.entries(MODULES)) writeFileSync(path.join(directory, name), text);
  peek = createModulePeek(path.join(directory, 'service.ts'), getCatalog())!;
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function describeOrigin(origin: Origin | null): string | null {
  if (!origin) return null;
  return origin.kind === 'module' ? `${origin.entry.name} module ${origin.path.join('.')}` : `${origin.entry.name} ${origin.instance}`;
}

describe('createModulePeek', () => {
  it('resolves a model class through its extends clause', () => {
    expect(describeOrigin(peek('./user', 'default'))).toBe('sequelize module Model');
  });

  it('keeps a body that writes an exported binding', () => {
    expect(describeOrigin(peek('./late', 'pool'))).toBe('pg Pool');
    expect(peek('./rewritten', 'pool')).toBeNull();
    expect(peek('./destructured', 'a')).toBeNull();
    expect(peek('./destructured', 'b')).toBeNull();
    expect(peek('./destructured', 'c')).toBeNull();
  });

  it('answers for a binding that bodies only read', () => {
    expect(describeOrigin(peek('./reader', 'pool'))).toBe('pg Pool');
  });

  it('reads a CommonJS default only where it can have an origin', () => {
    expect(peek('./functions', 'default')).toBeNull();
    expect(describeOrigin(peek('./functions', 'Pool'))).toBe('pg module Pool');
    // The first top-level assignment decides, and it is an object literal.
    expect(peek('./whole', 'default')).toBeNull();
    expect(describeOrigin(peek('./one-class', 'default'))).toBe('pg module Pool');
  });

  it('resolves nothing in a module that does not parse', () => {
    expect(peek('./broken', 'pool')).toBeNull();
  });

  it('reads a module again when it changes on disk', () => {
    expect(describeOrigin(peek('./changing', 'pool'))).toBe('pg Pool');
    const file = path.join(directory, 'changing.ts');
    writeFileSync(file, `export const pool = { query() {} };`);
    const later = new Date(Date.now() + 10_000);
    utimesSync(file, later, later);
    expect(peek('./changing', 'pool')).toBeNull();
  });

  it('follows a chain of classes and re-exports through the barrel', () => {
    expect(describeOrigin(peek('./models/user', 'default'))).toBe('sequelize module Model');
    expect(describeOrigin(peek('./models', 'User'))).toBe('sequelize module Model');
    expect(describeOrigin(peek('./models', 'Post'))).toBe('sequelize module Model');
    expect(peek('./models', 'publish')).toBeNull();
    expect(peek('./models', 'unpublish')).toBeNull();
    expect(peek('./models', 'Missing')).toBeNull();
  });

  it('gives the parse its answer where a name is bound twice, shadowed or exported by CommonJS first', () => {
    // Two declarations of Merged: origin resolution gives up on the binding.
    expect(peek('./models/merged', 'default')).toBeNull();
    // `extends Model` names the type parameter, not the import.
    expect(peek('./models/shadowed', 'Shadowed')).toBeNull();
    // A global base class that no catalog entry names.
    expect(peek('./models/global', 'Store')).toBeNull();
    // `module.exports.Thing = null` comes first and answers.
    expect(peek('./models/commonjs', 'Thing')).toBeNull();
  });

  it('answers for a module whose tree was dropped to make room for others', () => {
    const many = path.join(directory, 'many');
    mkdirSync(many);
    for (let index = 0; index < 40; index++) {
      writeFileSync(path.join(many, `m${index}.ts`), `import { Pool } from 'pg';\nexport const first = new Pool();\nexport const second = new Pool();`);
    }
    for (let index = 0; index < 40; index++) expect(describeOrigin(peek(`./many/m${index}`, 'first'))).toBe('pg Pool');
    // Every module's first tree is long gone: the second export is read from a new parse.
    for (let index = 0; index < 40; index++) expect(describeOrigin(peek(`./many/m${index}`, 'second'))).toBe('pg Pool');
    const answer = peek('./many/m0', 'second');
    expect(answer?.kind === 'instance' ? answer.construction : undefined).toBeNull();
  });

  it('answers for a barrel that its own re-exports pushed out of the recent modules while it was read', () => {
    // Asking the barrel for v19 peeks twenty modules before it answers, more than are kept: the
    // barrel's text and tree are forgotten on the way, and the next names need them read again.
    const wide = path.join(directory, 'wide');
    mkdirSync(wide);
    for (let index = 0; index < 20; index++) {
      writeFileSync(path.join(wide, `w${index}.ts`), `import { Pool } from 'pg';\nexport const v${index} = new Pool();\nexport function f${index}() {}`);
    }
    writeFileSync(path.join(wide, 'index.ts'), Array.from({ length: 20 }, (_, index) => `export * from './w${index}';`).join('\n'));
    expect(describeOrigin(peek('./wide', 'v19'))).toBe('pg Pool');
    expect(describeOrigin(peek('./wide', 'v3'))).toBe('pg Pool');
    expect(peek('./wide', 'f7')).toBeNull();
    expect(peek('./wide', 'missing')).toBeNull();
  });
});
