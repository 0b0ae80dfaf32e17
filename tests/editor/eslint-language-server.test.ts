import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, LspClient, positionAt, type Range, type TextEdit } from './lsp-client';

/**
 * The path an editor squiggle takes: VS Code's ESLint language server (vscode-eslint, packaged as
 * `vscode-eslint-language-server` by vscode-langservers-extracted) loads the workspace's flat config,
 * which loads this plugin exactly as a user's project does, and answers pull diagnostics and code
 * actions over LSP. Nothing here talks to the network: the workspace's node_modules are links into this
 * repository.
 */

const repo = path.resolve(__dirname, '../..');
const server = path.join(repo, 'node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server');

// What a user writes, as in the README: the package name, not a path.
const CONFIG = `import hotpath from 'eslint-plugin-hotpath';
import tsParser from '@typescript-eslint/parser';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  hotpath.configs.recommended,
];
`;

const SOURCE = `export async function loadUser(id: string): Promise<unknown> {
  const response = await fetch(\`https://api.example.com/users/\${id}\`);
  return response.json();
}
`;
const CALL = 'fetch(`https://api.example.com/users/${id}`)';
const FIXED = SOURCE.replace(CALL, 'fetch(`https://api.example.com/users/${id}`, { signal: AbortSignal.timeout(10000) })');

interface Diagnostic {
  range: Range;
  message: string;
  code?: string | number;
  source?: string;
  severity?: number;
}

interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  command?: { title: string; command: string; arguments?: unknown[] };
  edit?: WorkspaceEdit;
}

interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string }; edits: TextEdit[] }[];
}

const workspaces: string[] = [];

afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  if (!existsSync(path.join(repo, 'dist/src/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  if (!existsSync(server)) throw new Error(`the ESLint language server is missing: ${server}`);
});

/** A project folder that uses the plugin through its package name, with the given ESLint major installed. */
function createWorkspace(eslintPackage: 'eslint' | 'eslint9'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'hotpath-editor-')));
  workspaces.push(dir);
  const modules = path.join(dir, 'node_modules');
  mkdirSync(path.join(modules, '@typescript-eslint'), { recursive: true });
  symlinkSync(repo, path.join(modules, 'eslint-plugin-hotpath'), 'dir');
  symlinkSync(path.join(repo, 'node_modules/@typescript-eslint/parser'), path.join(modules, '@typescript-eslint/parser'), 'dir');
  symlinkSync(path.join(repo, 'node_modules', eslintPackage), path.join(modules, 'eslint'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'editor-workspace', private: true, type: 'module' }));
  writeFileSync(path.join(dir, 'eslint.config.js'), CONFIG);
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/users.ts'), SOURCE);
  return dir;
}

/** The settings the VS Code ESLint extension sends for a workspace folder (its `eslint.*` configuration). */
function extensionSettings(workspace: string) {
  const uri = pathToFileURL(workspace).href;
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: path.join(workspace, 'node_modules'),
    workingDirectory: { directory: workspace, '!cwd': false },
    workspaceFolder: { name: path.basename(workspace), uri },
  };
}

async function startServer(workspace: string): Promise<LspClient> {
  const client = new LspClient({ command: process.execPath, args: [server, '--stdio'], cwd: workspace });
  const settings = extensionSettings(workspace);
  client.onRequest('workspace/configuration', (params) =>
    (params as { items: unknown[] }).items.map(() => settings),
  );
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('client/unregisterCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onRequest('workspace/diagnostic/refresh', () => null);
  // What the extension shows when it cannot find ESLint or a config: answered, and asserted absent below.
  for (const method of ['eslint/noLibrary', 'eslint/noConfig', 'eslint/probeFailed']) client.onRequest(method, () => ({}));

  const uri = pathToFileURL(workspace).href;
  await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'hotpath-test-client', version: '1.0.0' },
    rootUri: uri,
    workspaceFolders: [{ uri, name: path.basename(workspace) }],
    initializationOptions: {},
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: true },
        executeCommand: { dynamicRegistration: false },
        diagnostics: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true, willSave: false, willSaveWaitUntil: false },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: {
          dynamicRegistration: false,
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
        },
      },
      window: { workDoneProgress: true, showMessage: {} },
    },
  });
  client.notify('initialized', {});
  return client;
}

describe.each([
  ['ESLint 10', 'eslint'],
  ['ESLint 9', 'eslint9'],
] as const)('vscode-eslint-language-server with %s', (_label, eslintPackage) => {
  it('reports hotpath/require-timeout on a fetch without a deadline and offers the suggestion as a code action', async () => {
    const workspace = createWorkspace(eslintPackage);
    const file = path.join(workspace, 'src/users.ts');
    const uri = pathToFileURL(file).href;
    const client = await startServer(workspace);
    try {
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });

      const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      expect(report.kind, client.describeLog()).toBe('full');
      const found = report.items.filter((item) => item.code === 'hotpath/require-timeout');
      expect(found, `diagnostics: ${JSON.stringify(report.items)}\n${client.describeLog()}`).toHaveLength(1);
      const diagnostic = found[0]!;
      const start = SOURCE.indexOf(CALL);
      expect(diagnostic.range).toEqual({ start: positionAt(SOURCE, start), end: positionAt(SOURCE, start + CALL.length) });
      expect(diagnostic.source).toBe('eslint');
      expect(diagnostic.message).toMatch(/fetch/);
      expect(client.serverRequests.map((request) => request.method)).not.toContain('eslint/noLibrary');
      expect(client.serverRequests.map((request) => request.method)).not.toContain('eslint/noConfig');
      // The major under test is the one that linted (the server logs the library it loaded).
      const library = path.join(realpathSync(path.join(repo, 'node_modules', eslintPackage)), 'lib/api.js');
      expect(client.describeLog()).toContain(`ESLint library loaded from: ${library}`);

      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      const suggestion = actions.find(
        (action) => action.title.endsWith('(hotpath/require-timeout)') && action.command?.command === 'eslint.applySuggestion',
      );
      expect(suggestion, `code actions: ${JSON.stringify(actions.map((action) => action.title))}`).toBeDefined();
      expect(suggestion!.kind).toBe('quickfix');
      expect(suggestion!.diagnostics?.[0]?.code).toBe('hotpath/require-timeout');

      // Choosing the quick fix: the editor runs the action's command and the server answers with the
      // edit to apply (workspace/applyEdit), which is what lands in the buffer.
      const applied = new Promise<WorkspaceEdit>((resolve) => {
        client.onRequest('workspace/applyEdit', (params) => {
          resolve((params as { edit: WorkspaceEdit }).edit);
          return { applied: true };
        });
      });
      await client.request('workspace/executeCommand', { command: suggestion!.command!.command, arguments: suggestion!.command!.arguments });
      const edit = await applied;
      const edits = edit.documentChanges?.find((change) => change.textDocument.uri === uri)?.edits ?? edit.changes?.[uri] ?? [];
      expect(edits.length).toBeGreaterThan(0);
      expect(edits.map((entry) => entry.newText).join('')).toContain('signal: AbortSignal.timeout(10000)');
      expect(applyEdits(SOURCE, edits)).toBe(FIXED);

      // The fixed text, sent back as the editor would after applying the edit, is clean.
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: FIXED }],
      });
      const after = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      expect(after.items.filter((item) => item.code === 'hotpath/require-timeout')).toEqual([]);
    } finally {
      const stopped = await client.stop();
      expect(stopped.clean, client.describeLog()).toBe(true);
    }
  });
});
