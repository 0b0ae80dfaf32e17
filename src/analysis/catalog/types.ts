/**
 * The shape of one client-catalog entry. Entries are plain JSON so that users can describe their
 * in-house wrappers in `settings.hotpath.clients` with exactly the shape the built-in entries use.
 */

/** Where a call's options object sits among its arguments. */
export interface OptionsSlot {
  /** Index of the options argument when every earlier optional argument is given. */
  index: number;
  /**
   * How many arguments just before `index` may be omitted (`execFile(file, [args], [options])` has 1):
   * the options object may then sit as early as `index - optionalBefore`.
   */
  optionalBefore?: number;
  /** The first argument may itself be the options object (`axios(config)`, `http.request(options)`). */
  objectFirst?: boolean;
  /** The first argument may be a Request object that carries its own signal (`fetch(request)`). */
  requestFirst?: boolean;
}

/** One property to add when a deadline is missing. `key` may be dotted (`socket.socketTimeout`). */
export interface DeadlineFix {
  key: string;
  /** Value text; `{ms}` is replaced by the configured milliseconds. */
  value: string;
}

/**
 * A group of alternative keys, any one of which gives a deadline. Keys may be dotted for nested
 * option objects. A key whose value is the literal `0`, `undefined`, `null` or `false` gives none
 * (axios and got read `timeout: 0` as "no timeout").
 */
export interface DeadlineGroup {
  keys: string[];
  /** What the library does when none of the keys is given: milliseconds, or null for "waits forever". */
  default: number | null;
  fix: DeadlineFix;
  /** Words that mark the deadline inside a string option (pg's `options: '-c statement_timeout=5s'`). */
  inStrings?: { key: string; words: string[] };
}

/** A call that leaves the process and can wait. */
export interface CallSpec {
  options?: OptionsSlot;
  /** Call-level deadline. Absent when the call has none to give (database methods). */
  deadline?: DeadlineGroup;
  /**
   * Ways the returned object can still be given a deadline (`http.get(...).setTimeout(ms, ...)`,
   * `req.on('timeout', ...)`): methods called on it, or events listened for.
   */
  resultDeadline?: { methods: string[]; events: string[] };
  /**
   * Option values that put the call outside the rule's concern (`stdio: 'inherit'`: a command whose
   * output goes to a person's terminal; `detached: true`: a daemon meant to outlive the caller). A
   * value matches when the option equals one of `values` or is an array literal holding one.
   */
  exemptWhen?: { key: string; values: (string | number | boolean)[] }[];
  /** A pattern (regex source) that a literal first argument matching is exempt (local-only commands). */
  exemptFirstArgument?: string;
  /** One database or cache round trip (used by the batching rules). */
  roundTrip?: boolean;
  /** Reads only: safe to run concurrently with other reads. */
  read?: boolean;
  /** The batch alternative to name in messages (`findMany` with `in`, `mget`, ...). */
  batch?: string;
  /**
   * The library merges calls started in the same tick into one query (Prisma's `findUnique`
   * dataloader), so a `Promise.all(xs.map(...))` fan-out of them is one round trip.
   */
  sameTick?: boolean;
  /**
   * What a per-item call of this method becomes when batched, for the batch-db-calls codemod:
   * `insert` (one call with an array), `lookup` (one `IN` query plus a Map by key), `update` (one
   * call over every key with the same data), `get` (a multi-key read such as `mget`).
   */
  batchWith?: { method: string; shape: 'insert' | 'lookup' | 'update' | 'get' };
  /**
   * Index of the argument that holds the statement text (`query(sql, params)`). A loop that passes a
   * different statement each time (applying a migration file) runs a script, not N lookups.
   */
  statementArgument?: number;
}

/** A way to make an instance: a constructor (`new Pool()`) or a factory (`axios.create()`). */
export interface ConstructorSpec {
  /** `new X(...)` rather than `X(...)`. Both forms are accepted; this picks the wording. */
  isNew?: boolean;
  /** The instance type this makes, naming a key of `instances`. */
  instance: string;
  options?: OptionsSlot;
  /** Every group must be satisfied at construction, or the construction is reported. */
  deadlines?: DeadlineGroup[];
  /** A deadline given at construction covers the instance's calls (axios.create({ timeout })). */
  coversCalls?: boolean;
  /** A pooled client that should be made once per process (used by no-client-per-call). */
  pooled?: boolean;
  /** Options that mark a construction the deadlines do not fit (a BullMQ connection's blocking commands). */
  exemptWhen?: { key: string; values: (string | number | boolean | null)[] }[];
}

export interface InstanceSpec {
  /** Methods of the instance. `''` is the instance itself called as a function (an axios instance). */
  calls?: Record<string, CallSpec>;
  /** Methods that return objects that only queue commands (`pipeline()`, `multi()`). */
  queueOnly?: string[];
  /** Methods that return another instance type (`pool.connect()` returns a PoolClient). */
  returns?: Record<string, string>;
  /** A property that holds defaults which can be given a deadline later (`instance.defaults.timeout = ms`). */
  defaults?: { property: string; keys: string[] };
  /**
   * Properties that hold another instance type (`dataSource.manager`). `'*'` stands for every
   * property that is not a call: Prisma's model delegates (`prisma.user`) are named by the schema.
   */
  properties?: Record<string, string>;
  /** A fluent builder: a method not listed in `calls`, `returns` or `queueOnly` returns the same builder. */
  chain?: boolean;
  /** Awaiting the builder itself runs it (Knex and Drizzle builders are thenables). */
  thenable?: CallSpec;
  /**
   * Methods whose callback receives another instance type as its first parameter
   * (`prisma.$transaction(async (tx) => ...)`: `tx` is a client).
   */
  callbackParams?: Record<string, string>;
  /** Methods that close the instance (`end`, `quit`, `$disconnect`): made, used and closed per call. */
  closeMethods?: string[];
}

export interface ClientEntry {
  /** Short name used in messages (`axios`, `pg`). */
  name: string;
  category: 'http' | 'process' | 'database' | 'cache';
  /** Module specifiers that load this library (`axios`, `node:http`). */
  sources: string[];
  /** Global identifiers that are members of this library (`fetch`). */
  globals?: string[];
  /** The export a default import or `require()` yields; absent when it yields the module namespace. */
  defaultExport?: string;
  /** Module-level callables. `''` is the module itself called as a function (`axios(config)`, `got(url)`). */
  calls?: Record<string, CallSpec>;
  /** Exports that make instances (`Pool`, `create`, `default`). */
  constructors?: Record<string, ConstructorSpec>;
  /** Instance types, named by `ConstructorSpec.instance`. `''` is the module itself (axios, got). */
  instances?: Record<string, InstanceSpec>;
  /** Exported type names that denote an instance type (`AxiosInstance` -> ''). */
  types?: Record<string, string>;
  /** The module namespace holds defaults that can be given a deadline (`axios.defaults.timeout = ms`). */
  defaults?: { property: string; keys: string[] };
  /**
   * Exported classes whose static methods act as an instance type, inherited by user classes that
   * extend them (Sequelize `class User extends Model`: `User.findAll()`).
   */
  statics?: Record<string, string>;
  /**
   * Dependency-injection decorators that hand out instances (NestJS `@InjectRepository(User)` from
   * `@nestjs/typeorm`): the modules that export them, and the instance type each decorator injects.
   */
  injections?: { sources: string[]; decorators: Record<string, string> };
}
