#!/usr/bin/env node
'use strict';

// The CLI is compiled TypeScript; `npm run build` (run by `prepare`) produces dist/.
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
