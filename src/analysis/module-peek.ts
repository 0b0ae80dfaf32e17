import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import type { Catalog } from './catalog';
import { getStaticKey } from './ast';
import { createOriginResolver, type Origin } from './origin';

/**
 * A look into the user's own modules: `import { prisma } from '../lib/db'`, a NestJS
 * `PrismaService` that extends PrismaClient in `./prisma.service`, a model class that extends a
 * library base class in `./models/user`. The imported file is parsed once per process (per path
 * and modification time) and its export resolved there with the same origin resolution, syntax
 * only. Answers from another file carry no construction node (it belongs to another tree).
 */

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_BYTES = 512 * 1024;
/** How many files deep one lookup may go (`User` -> `ParanoidModel` -> `IdModel` -> library). */
const MAX_HOPS = 6;

interface ParsedModule {
  mtimeMs: number;
  program: TSESTree.Program;
  resolveExport: (name: string) => Origin | null;
}

const modules = new Map<string, ParsedModule | null>();
const inProgress = new Set<string>();

/** The `peek` option of `createOriginResolver` for a file at `filename`. */
export function createModulePeek(
  filename: string,
  catalog: Catalog,
  hops = 0,
): ((specifier: string, name: string) => Origin | null) | undefined {
  if (!path.isAbsolute(filename) || hops >= MAX_HOPS) return undefined;
  const directory = path.dirname(filename);
  return (specifier, name) => {
    const file = resolveFile(path.resolve(directory, specifier));
    if (!file || inProgress.has(file)) return null;
    const parsed = load(file, catalog, hops + 1);
    if (!parsed) return null;
    inProgress.add(file);
    try {
      const origin = parsed.resolveExport(name);
      return origin?.kind === 'instance' ? { ...origin, construction: null, member: undefined } : origin;
    } finally {
      inProgress.delete(file);
    }
  };
}

function resolveFile(base: string): string | null {
  const candidates: string[] = [];
  const extension = path.extname(base);
  if (EXTENSIONS.includes(extension)) {
    candidates.push(base);
    // ESM TypeScript imports name the emitted `.js` file.
    const stem = base.slice(0, -extension.length);
    if (extension === '.js' || extension === '.jsx') candidates.push(`${stem}.ts`, `${stem}.tsx`);
    if (extension === '.mjs') candidates.push(`${stem}.mts`);
    if (extension === '.cjs') candidates.push(`${stem}.cts`);
  }
  for (const ext of EXTENSIONS) candidates.push(`${base}${ext}`);
  for (const ext of EXTENSIONS) candidates.push(path.join(base, `index${ext}`));
  for (const candidate of candidates) {
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    } catch {
      // unreadable: treat as absent
    }
  }
  return null;
}

function load(file: string, catalog: Catalog, hops: number): ParsedModule | null {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return null;
  }
  const cached = modules.get(file);
  if (cached !== undefined && (cached === null || cached.mtimeMs === stat.mtimeMs)) return cached;
  if (stat.size > MAX_BYTES) {
    modules.set(file, null);
    return null;
  }
  let parsed: ParsedModule | null = null;
  try {
    parsed = parse(file, readFileSync(file, 'utf8'), stat.mtimeMs, catalog, hops);
  } catch {
    parsed = null; // a file that does not parse resolves nothing
  }
  modules.set(file, parsed);
  return parsed;
}

function parse(file: string, text: string, mtimeMs: number, catalog: Catalog, hops: number): ParsedModule {
  const result = tsParser.parseForESLint(text, {
    filePath: file,
    sourceType: 'module',
    range: true,
    loc: true,
    comment: false,
    ecmaFeatures: { jsx: /\.[jt]sx$/.test(file) },
  });
  const program = result.ast as unknown as TSESTree.Program;
  setParents(program, result.visitorKeys as Record<string, readonly string[]>);
  // eslint is a peer dependency and is loaded whenever rules run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SourceCode } = require('eslint') as { SourceCode: new (config: object) => TSESLint.SourceCode };
  const sourceCode = new SourceCode({
    text,
    ast: program,
    scopeManager: result.scopeManager,
    visitorKeys: result.visitorKeys,
    parserServices: result.services,
  });
  const resolver = createOriginResolver(sourceCode, catalog, { peek: createModulePeek(file, catalog, hops) });
  const peekHere = createModulePeek(file, catalog, hops);
  const memo = new Map<string, Origin | null>();

  function resolveExport(name: string): Origin | null {
    if (memo.has(name)) return memo.get(name)!;
    memo.set(name, null);
    const found = find(name);
    memo.set(name, found);
    return found;
  }

  function find(name: string): Origin | null {
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.FunctionDeclaration) {
          return declaration.id ? resolver.resolve(declaration.id) : null;
        }
        return resolver.resolve(declaration);
      }
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        const found = fromNamedExport(statement, name);
        if (found !== undefined) return found;
      }
      if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported && name !== 'default' && peekHere) {
        const found = peekHere(statement.source.value, name);
        if (found) return found;
      }
      if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const found = fromCommonJs(statement.expression, name);
        if (found !== undefined) return found;
      }
    }
    return null;
  }

  /** undefined when the statement does not export `name`. */
  function fromNamedExport(statement: TSESTree.ExportNamedDeclaration, name: string): Origin | null | undefined {
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return resolver.resolve(declarator.id);
      }
    } else if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) {
      return resolver.resolve(declaration.id);
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
      if (exported !== name) continue;
      const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
      if (statement.source) return peekHere ? peekHere(statement.source.value, local) : null;
      return specifier.local.type === AST_NODE_TYPES.Identifier ? resolver.resolve(specifier.local) : null;
    }
    return undefined;
  }

  /** `module.exports = x`, `module.exports.name = x`, `exports.name = x`, `module.exports = { name }`. */
  function fromCommonJs(expression: TSESTree.Expression, name: string): Origin | null | undefined {
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return undefined;
    const left = expression.left;
    if (left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const isModuleExports = (node: TSESTree.Node) =>
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.Identifier &&
      node.object.name === 'module' &&
      getStaticKey(node) === 'exports';
    if (isModuleExports(left)) {
      if (name === 'default') return resolver.resolve(expression.right);
      if (expression.right.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of expression.right.properties) {
          if (property.type === AST_NODE_TYPES.Property && getStaticKey(property) === name) return resolver.resolve(property.value);
        }
      }
      return undefined;
    }
    const holder = left.object;
    const isExports =
      isModuleExports(holder) || (holder.type === AST_NODE_TYPES.Identifier && holder.name === 'exports');
    return isExports && getStaticKey(left) === name ? resolver.resolve(expression.right) : undefined;
  }

  return { mtimeMs, program, resolveExport };
}

function setParents(root: TSESTree.Node, visitorKeys: Record<string, readonly string[]>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}
