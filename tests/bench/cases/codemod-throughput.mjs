/**
 * `hotpath codemod all --dry-run` against jscodeshift's own floor: a no-op transform that only parses
 * each file with the same parser (tsx) and prints it back (`j(file.source).toSource()`), over the same
 * files of a real repository. Any jscodeshift codemod costs at least that; ours reads every file, parses
 * only the ones that pass a codemod's text test (the shapes it rewrites), and never reprints.
 *
 * The repository is HOTPATH_BENCH_CORPUS (default /work/corpus/outline, outline/outline, about 2,400
 * files); without it the case is skipped. Both tools run as child processes with their defaults
 * (hotpath: one worker thread per available core; jscodeshift: cores - 1 child processes), ROUNDS
 * times (HOTPATH_BENCH_ROUNDS, default 3), alternating, and the median wall time of each is reported as
 * ms per file; hotpath with its compile cache off is timed in each round as well, and reported beside.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = process.env.HOTPATH_BENCH_CORPUS ?? '/work/corpus/outline';
const ROUNDS = Number(process.env.HOTPATH_BENCH_ROUNDS ?? 3);

const NOOP_TRANSFORM = `module.exports = function transform(file, api) {
  return api.jscodeshift(file.source).toSource();
};
module.exports.parser = 'tsx';
`;

export default {
  rule: 'hotpath codemod',
  cases: [
    {
      name: 'codemod all --dry-run vs jscodeshift no-op (parse + print), ms per file',
      unit: 'ms/file',
      timeoutMs: 1_800_000,
      /** @param {{ log: (message: string) => void, signal: AbortSignal }} ctx */
      async run({ log, signal }) {
        if (!existsSync(corpus)) return { skipped: `no repository at ${corpus} (set HOTPATH_BENCH_CORPUS)` };
        const scratch = mkdtempSync(path.join(os.tmpdir(), 'hotpath-throughput-'));
        try {
          const noop = path.join(scratch, 'noop.js');
          writeFileSync(noop, NOOP_TRANSFORM);
          // The file list is hotpath's own selection (.gitignore, no node_modules, no .d.ts), handed to
          // jscodeshift verbatim so both tools see exactly the same files.
          const probe = await time(process.execPath, [path.join(repo, 'bin/hotpath.js'), 'codemod', 'all', '--dry-run', '--json', '.'], corpus, signal);
          const report = JSON.parse(probe.stdout);
          const files = report.files.map((file) => file.path);
          const parsed = report.files.filter((file) => !/^no trigger text/.test(file.reason ?? '')).length;
          log(`${files.length} files, ${parsed} parsed by hotpath; codemods: ${report.codemods.join(', ')}`);
          const list = `${files.join('\n')}\n`;

          const ours = [];
          const theirs = [];
          // hotpath's binary keeps compiled code between runs (the probe above filled it); a run without
          // that cache is timed too, as a first run on a machine would be.
          const uncached = [];
          for (let round = 1; round <= ROUNDS && !signal.aborted; round++) {
            const a = await time(process.execPath, [path.join(repo, 'bin/hotpath.js'), 'codemod', 'all', '--dry-run', '--json', '.'], corpus, signal);
            const jscodeshift = path.join(repo, 'node_modules/jscodeshift/bin/jscodeshift.js');
            const b = await time(process.execPath, [jscodeshift, '-t', noop, '--dry', '--stdin', '--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs'], corpus, signal, list);
            const errors = /^(\d+) errors/m.exec(b.stdout)?.[1];
            if (errors !== '0') throw new Error(`jscodeshift reported errors:\n${b.stdout.slice(-2000)}`);
            const c = await time(process.execPath, [path.join(repo, 'bin/hotpath.js'), 'codemod', 'all', '--dry-run', '--json', '.'], corpus, signal, '', { HOTPATH_NO_COMPILE_CACHE: '1' });
            ours.push(a.ms);
            theirs.push(b.ms);
            uncached.push(c.ms);
            log(`round ${round}: hotpath ${rate(files.length, a.ms)}, jscodeshift no-op ${rate(files.length, b.ms)}, hotpath without its compile cache ${rate(files.length, c.ms)}`);
          }
          const oursMs = median(ours);
          const theirsMs = median(theirs);
          return {
            before: round3(theirsMs / files.length),
            after: round3(oursMs / files.length),
            details: `${files.length} files of ${path.basename(corpus)}; hotpath (${report.codemods.join(', ')}; jobs ${report.jobs}) ${rate(files.length, oursMs)}, jscodeshift no-op ${rate(files.length, theirsMs)}; hotpath without its compile cache ${rate(files.length, median(uncached))} (${(theirsMs / median(uncached)).toFixed(2)}x)`,
          };
        } finally {
          rmSync(scratch, { recursive: true, force: true });
        }
      },
    },
  ],
};

/** @returns {Promise<{ ms: number, stdout: string }>} */
function time(command, args, cwd, signal, input, env = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, signal, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      // hotpath exits 1 when a file fails to parse: still a complete run.
      if (code !== 0 && code !== 1) reject(new Error(`${path.basename(args[0])} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms, stdout });
    });
    child.stdin.end(input ?? '');
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function rate(files, ms) {
  return `${Math.round(files / (ms / 1000))} files/s (${(ms / 1000).toFixed(1)} s)`;
}

function round3(value) {
  return Math.round(value * 1000) / 1000;
}
