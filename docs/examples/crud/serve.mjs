#!/usr/bin/env node
/**
 * Starts the example orders server on 127.0.0.1, as written (src/orders.ts) or as batch-db-calls
 * rewrote it (src/orders-fixed.ts):
 *
 *   node docs/examples/crud/serve.mjs [--fixed] [--db <file>] [--port <n>]
 *
 * A --db file that does not exist yet is created and seeded (SEED below: the same rows every time, so
 * two servers on two such files answer the same requests the same way); without --db the seeded file
 * goes to a temporary directory that is removed on exit. The first line on stdout is JSON, `{"url":"http://127.0.0.1:<port>","db":"<file>"}`,
 * for scripts such as the crud-load benchmark; SIGTERM, SIGINT or (when stdin is a pipe) its end closes
 * the server and the database.
 *
 * Node 20 cannot run TypeScript and the examples are outside the build, so the files are transpiled
 * here with the typescript package. They import only packages, never each other.
 */
import { existsSync, fstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import vm from 'node:vm';
import ts from 'typescript';

const { values: args } = parseArgs({
  options: {
    fixed: { type: 'boolean', default: false },
    db: { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});

const { openDatabase, seedDatabase } = loadTs(new URL('./src/db.ts', import.meta.url));
const { createOrdersServer } = loadTs(new URL(args.fixed ? './src/orders-fixed.ts' : './src/orders.ts', import.meta.url));

// A shop a few years old: ~450,000 order lines behind the indexes the inserts maintain.
const SEED = { customers: 10_000, products: 5_000, orders: 100_000, seed: 1 };

const scratch = args.db ? null : mkdtempSync(join(tmpdir(), 'hotpath-crud-'));
const filename = args.db ?? join(scratch, 'shop.db');
if (!existsSync(filename)) seedDatabase(filename, SEED);

const db = openDatabase(filename);
const server = createOrdersServer(db);
server.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, db: filename })}\n`);
});

let closing = false;
function close() {
  if (closing) return;
  closing = true;
  server.closeAllConnections();
  server.close(() => {
    void db.destroy().then(() => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });
  });
}
process.once('SIGTERM', close);
process.once('SIGINT', close);
// Started by a script with a pipe on stdin: a parent that dies without signalling still closes it.
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) process.stdin.on('end', close).resume();

/** @param {URL} url */
function loadTs(url) {
  const file = fileURLToPath(url);
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} };
  vm.runInThisContext(`(function (exports, require, module) {\n${outputText}\n})`, { filename: file })(module.exports, createRequire(file), module);
  return module.exports;
}
