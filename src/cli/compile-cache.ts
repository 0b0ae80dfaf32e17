import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { scriptCodeText } from '../analysis/code-text';

/**
 * A V8 code cache for the modules the `hotpath` binary loads on every run (TypeScript, ESLint, the
 * parser, the rules): without one each run compiles them again, a quarter of a small run's time.
 * Node 22 has this built in (`module.enableCompileCache`), used there. On Node 20 each CommonJS module
 * of this package and of those few packages is compiled with the cached data of an earlier run, and
 * the data is written back at exit for the modules that had none (or whose data V8 refused), taken
 * after the run so that it holds the functions the run compiled, not only the modules' outlines.
 *
 * An entry is used only for the exact text it was made from (its SHA-256 is stored with it: V8's own
 * check of cached data compares lengths only), so an upgraded package is compiled afresh. Any failure
 * (no writable temporary directory, data V8 refuses) only means compiling as usual, and so does a
 * cache directory that is not this user's alone.
 * `HOTPATH_NO_COMPILE_CACHE=1` turns it off; `HOTPATH_COMPILE_CACHE_DIR` moves it.
 */
export function enableCompileCache(root = path.resolve(__dirname, '../../..')): string | null {
  if (process.env['HOTPATH_NO_COMPILE_CACHE']) return null;
  const dir = process.env['HOTPATH_COMPILE_CACHE_DIR'] || path.join(os.tmpdir(), `hotpath-compile-cache-${userId()}`);
  if (!ownDirectory(dir)) return null;
  const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof builtIn === 'function') {
    try {
      builtIn(dir);
      process.env[ACTIVE] = '1';
      return dir;
    } catch {
      return null;
    }
  }
  // Without it no module compiled here could call import() at all (Node 20.12 and later have it).
  const importModuleDynamically = (vm.constants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (importModuleDynamically === undefined) return null;
  if (installed) return dir;
  installed = true;
  // Worker threads the run starts see it and use the cache too (see worker-compile-cache.ts).
  process.env[ACTIVE] = '1';
  const own = root + path.sep;
  const prototype = Module.prototype as unknown as ModuleInternals;
  const compile = prototype._compile;
  const pending: { file: string; hash: Buffer; script: vm.Script | null }[] = [];
  prototype._compile = function (this: ModuleInternals, content: string, filename: string) {
    if (!(filename.startsWith(own) || CACHED_PACKAGES.test(filename)) || !/\.c?js$/.test(filename) || content.startsWith('#!')) {
      return compile.call(this, content, filename);
    }
    const entry = path.join(dir, createHash('sha256').update(filename).digest('hex').slice(0, 32));
    const hash = createHash('sha256').update(content).digest();
    let cachedData: Buffer | undefined;
    try {
      const stored = readFileSync(entry);
      if (stored.subarray(0, HASH_BYTES).equals(hash)) {
        // An entry without data: an earlier run found that this very text calls import().
        if (stored.length === HASH_BYTES) return compile.call(this, content, filename);
        cachedData = stored.subarray(HASH_BYTES);
      }
    } catch {
      // No entry yet.
    }
    if (cachedData === undefined && mayImport(content)) {
      pending.push({ file: entry, hash, script: null });
      return compile.call(this, content, filename);
    }
    const script = new vm.Script((Module as unknown as { wrap: (code: string) => string }).wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: importModuleDynamically as never,
    });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ file: entry, hash, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (pending.length === 0) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!ownDirectory(dir)) return;
      for (const { file, hash, script } of pending) {
        const temporary = `${file}.${process.pid}`;
        writeFileSync(temporary, script ? Buffer.concat([hash, script.createCachedData()]) : hash);
        renameSync(temporary, file);
      }
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
  });
  return dir;
}

export const ACTIVE = 'HOTPATH_COMPILE_CACHE_ACTIVE';
const HASH_BYTES = 32;
let installed = false;

// The packages the binary loads on every run, besides this one: a module of any other package (a
// plugin that a project's own config loads) is left to Node's loader.
const CACHED_PACKAGES = /[\\/]node_modules[\\/](?:typescript|eslint|espree|esquery|ajv|@typescript-eslint[\\/][^\\/]+|@eslint[\\/][^\\/]+|@eslint-community[\\/][^\\/]+)[\\/]/;

/**
 * Whether the module may call `import()`. On Node 20 a function compiled from a code cache has lost
 * what its `import()` needs (it throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so such a module is
 * compiled as usual. Read on the code without its comments and strings (TypeScript's messages
 * mention `import()`), where a method named `import` does not count; a module the scanner cannot
 * read counts as calling it.
 */
export function mayImport(content: string): boolean {
  if (!/\bimport\s*\(/.test(content)) return false;
  const code = scriptCodeText(content);
  return code === null || /(?<![\w$.])import\s*\(/.test(code);
}

interface ModuleInternals {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

/** The `require` Node gives a module, for a module compiled here instead of by Node's loader. */
function requireFor(module: ModuleInternals): NodeJS.Require {
  const internals = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
    _resolveLookupPaths(request: string, parent: unknown): string[] | null;
    _extensions: NodeJS.RequireExtensions;
    _cache: NodeJS.Dict<NodeJS.Module>;
  };
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions;
  require.cache = internals._cache;
  return require;
}

/**
 * Whether `dir` is missing (it will be made, for this user only) or a directory of this user that
 * no one else can write to: cached code is run as it is, so a directory someone else made in the
 * shared temporary directory is not used.
 */
function ownDirectory(dir: string): boolean {
  try {
    const stats = lstatSync(dir);
    return stats.isDirectory() && (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function userId(): string {
  try {
    return String(os.userInfo().uid);
  } catch {
    return 'user';
  }
}
