import { createRequire } from 'node:module';
import vm from 'node:vm';
import ts from 'typescript';

/**
 * Compiles a TypeScript source string to CommonJS and evaluates it in this context, returning its
 * exports. This context (not a fresh vm context) so the code sees the real `fetch`, `AbortSignal` and
 * `DOMException`: what is tested is Node's own behaviour, not a sandbox's copy of it.
 */
export function loadTsSource<Exports>(source: string, fileName: string): Exports {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  if (diagnostics?.length) {
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error(`${fileName} does not compile:\n${messages.join('\n')}`);
  }
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInThisContext(`(function (exports, require, module) {\n${outputText}\n})`, { filename: fileName }) as (
    exports: Record<string, unknown>,
    require: NodeJS.Require,
    module: { exports: Record<string, unknown> },
  ) => void;
  wrapper(module.exports, createRequire(import.meta.url), module);
  return module.exports as Exports;
}
