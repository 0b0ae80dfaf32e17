import { readFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import ts from 'typescript';

/**
 * Imports a self-contained TypeScript module (no imports of its own), such as the game server's
 * simulation core in docs/examples/game-server/src/world.ts, so a benchmark can drive it.
 *
 * Node 20 cannot run TypeScript, and the examples are outside the build, so the file is transpiled
 * here and imported from a data: URL. A data: module cannot resolve relative imports, which is why
 * the file must not have any: that keeps what is measured to exactly the code in that file.
 *
 * @param {string | URL} file
 * @returns {Promise<Record<string, unknown>>}
 */
export async function loadTsModule(file) {
  const source = await readFile(file, 'utf8');
  const imports = ts.preProcessFile(source, true, true).importedFiles;
  if (imports.length > 0) {
    throw new Error(`${String(file)} imports ${imports.map((i) => i.fileName).join(', ')}; loadTsModule takes self-contained files only`);
  }
  const { outputText } = ts.transpileModule(source, {
    fileName: String(file),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}
