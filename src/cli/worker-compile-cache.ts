import { isMainThread } from 'node:worker_threads';
import { ACTIVE, enableCompileCache } from './compile-cache';

// Imported first by the module worker threads load (codemod-runner.ts), so that what it loads next is
// compiled from the cache, in a run whose binary enabled it (and only there: a program that uses the
// runner on its own keeps Node's loader untouched).
if (!isMainThread && process.env[ACTIVE] === '1') enableCompileCache();
