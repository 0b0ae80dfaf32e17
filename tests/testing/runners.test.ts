import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The one-line setups, run for real: a node:test file and a vitest project, each with a test that
// leaks (an interval, a listening server) and tests that clean up. The leaking tests stop what they
// leaked in a later hook, so each child process ends on its own; a timeout kills it otherwise.

const root = path.join(__dirname, '..', '..');
const built = path.join(root, 'dist', 'src', 'testing', 'index.js');
const source = path.join(root, 'src', 'testing', 'index.ts');
const work = mkdtempSync(path.join(os.tmpdir(), 'hotpath-testing-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
    execFile(command, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

const LEAKY_TESTS = `
let timer;
let server;
test('clean: an interval cleared', () => {
  clearInterval(setInterval(() => {}, 10));
});
test('clean: an unref-ed interval', () => {
  timer = setInterval(() => {}, 60000).unref();
});
test('leaks an interval', () => {
  timer = setInterval(() => {}, 60000);
});
test('leaks a listening server', async () => {
  server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
});
test('clean: a server closed', async () => {
  const closed = net.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  await new Promise((resolve) => closed.close(resolve));
});
after(async () => {
  clearInterval(timer);
  if (server) await new Promise((resolve) => server.close(resolve));
});
`;

describe('checkEachTest under node:test', () => {
  it('fails exactly the tests that leak, naming what they left', async () => {
    expect(existsSync(built), 'run `npm run build` first: the node:test child loads dist/').toBe(true);
    const file = path.join(work, 'leaks.test.mjs');
    writeFileSync(
      file,
      `import net from 'node:net';\nimport { test, after } from 'node:test';\nimport { checkEachTest } from ${JSON.stringify(built)};\ncheckEachTest();\n${LEAKY_TESTS}`,
    );
    const { code, output } = await run(process.execPath, ['--test', '--test-reporter=tap', file], work);
    expect(code).not.toBe(0);
    expect(output).toMatch(/not ok \d+ - leaks an interval/);
    expect(output).toMatch(/this test left 1 resource alive: Timeout x1/);
    expect(output).toMatch(/not ok \d+ - leaks a listening server/);
    expect(output).toMatch(/this test left 1 resource alive: TCPServerWrap x1/);
    expect(output).toMatch(/^ok \d+ - clean: an interval cleared/m);
    expect(output).toMatch(/^ok \d+ - clean: an unref-ed interval/m);
    expect(output).toMatch(/^ok \d+ - clean: a server closed/m);
    expect(output).toMatch(/# fail 2/);
  });
});

describe('checkEachTest under vitest', () => {
  it('fails exactly the tests that leak, naming what they left', async () => {
    const dir = path.join(work, 'vitest-project');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    // A vitest project of its own, whose setup file is the one line the docs show.
    const files: Record<string, string> = {
      'vitest.config.mjs': `export default { test: { include: ['*.spec.mjs'], setupFiles: ['./setup.mjs'], globals: false } };`,
      'setup.mjs': `import { afterEach, beforeEach } from 'vitest';\nimport { checkEachTest } from ${JSON.stringify(source)};\ncheckEachTest({ beforeEach, afterEach });\n`,
      'leaks.spec.mjs': `import net from 'node:net';\nimport { test, afterAll as after } from 'vitest';\n${LEAKY_TESTS}`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const { code, output } = await run(process.execPath, [vitest, 'run', '--root', dir, '--reporter=verbose', '--no-color'], dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/× .*> leaks an interval/);
    expect(output).toMatch(/× .*> leaks a listening server/);
    expect(output).toMatch(/this test left 1 resource alive: Timeout x1/);
    expect(output).toMatch(/this test left 1 resource alive: TCPServerWrap x1/);
    expect(output).toMatch(/✓ .*> clean: an interval cleared/);
    expect(output).toMatch(/✓ .*> clean: an unref-ed interval/);
    expect(output).toMatch(/✓ .*> clean: a server closed/);
    expect(output).toMatch(/2 failed \| 3 passed/);
  });
});
