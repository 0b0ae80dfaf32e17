export const MAIN_HELP = `hotpath: a backend performance handbook's checks and fixes for TypeScript/Node

Usage:
  hotpath scan [paths...]                 scorecard by handbook priority and technique
  hotpath codemod <name...|all> [paths...] apply codemods (the rules' suggestions) in bulk
  hotpath list                            rules and codemods
  hotpath help [command]                  help for a command

Options:
  -h, --help      show help
  -v, --version   print the version

Exit codes: 0 success, 1 findings at --fail-on (scan) or a file failed (codemod), 2 usage or internal error.
Docs: docs/cli.md
`;

export const SCAN_HELP = `Usage: hotpath scan [paths...] [options]

Lints the files under each path (default: .) with the plugin's own preset and the TypeScript parser,
no ESLint config needed, and prints a scorecard grouped by handbook priority and technique. Honours
.gitignore files; never enters node_modules, dist or .git. Several paths print one row per path.

Options:
  --preset <name>        recommended (default), game or strict
  --format <format>      text (default), json, sarif or markdown
  --fail-on <priority>   P0 (default), P1, P2 or never: exit 1 when findings at or above it exist
  -o, --output <file>    write the report to a file instead of stdout
  --use-config           lint with the project's own eslint.config.* instead of the preset
  --concurrency <n>      worker threads: auto (default), off, or a number
  --ignore <pattern>     leave out matching files (.gitignore syntax, relative to the working
                         directory; repeatable)
  -h, --help             show this help

Exit codes: 0 no findings at --fail-on, 1 findings at --fail-on, 2 usage error or a rule crashed.
`;

export const CODEMOD_HELP = `Usage: hotpath codemod <name...|all> [paths...] [options]

Applies codemods to the .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs files under each path (default: .),
with the same file selection as scan. Each file is reported as changed, unchanged, skipped (with
the reason) or parse-error (the file is left byte-identical).

Options:
  --dry-run          print unified diffs, write nothing
  --print            print the transformed sources, write nothing
  --json             print a JSON report { files, summary }
  --allow-dirty      run even when the git work tree has uncommitted changes under the paths
  --verbose          list unchanged files and files without a trigger word too
  --ignore <pattern> leave out matching files (.gitignore syntax, relative to the working
                     directory; repeatable)
  -j, --jobs <n>     worker threads for parsing (default: the available parallelism; runs with
                     fewer than 100 files to parse stay in one thread unless --jobs is given)
  --<key>=<value>    passed to the transforms as an option (e.g. --timeoutMs=5000)
  -h, --help         show this help

Without --dry-run or --print, refuses to run on a git work tree with uncommitted changes under the
paths, so that \`git checkout .\` undoes the run. Never prompts. Symlinks inside a directory are
never followed.

Exit codes: 0 no file failed, 1 a file failed to parse or transform, 2 usage error or dirty tree.
`;

export const LIST_HELP = `Usage: hotpath list [--json]

Lists the rules (priority, handbook technique, presets, fixes) and the codemods (the rule each applies).

Options:
  --json       print { rules, codemods } as JSON
  -h, --help   show this help
`;
