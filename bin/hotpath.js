#!/usr/bin/env node
'use strict';

// The CLI is compiled TypeScript; `npm run build` (run by `prepare`) produces dist/. The compile cache
// comes first, so that the modules the command loads are compiled from the cache of the last run.
require('../dist/src/cli/compile-cache.js').enableCompileCache();
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
