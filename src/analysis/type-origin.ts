import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Catalog } from './catalog';
import type { Origin } from './origin';

/**
 * Type-aware origin (with `parserOptions.projectService`): the declared type of an expression
 * names a class or interface, and the package that declares it decides the library. A `Repository`
 * declared in `node_modules/typeorm` (or in `declare module 'typeorm'`) is TypeORM's; one declared
 * in the user's code is not. Asked only where syntax found nothing, so the checker runs rarely.
 */
export function createTypeOrigin(
  services: Partial<ParserServicesWithTypeInformation> | undefined,
  catalog: Catalog,
): ((node: TSESTree.Node) => Origin | null) | undefined {
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  const checker = services.program.getTypeChecker();
  const map = services.esTreeNodeToTSNodeMap;
  // typescript is an optional peer dependency, present whenever a program is.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const typescript = require('typescript') as typeof ts;
  return (node) => {
    const tsNode = map.get(node as never);
    if (!tsNode) return null;
    const type = checker.getTypeAtLocation(tsNode).getNonNullableType();
    for (const candidate of type.isUnion() ? type.types : [type]) {
      const symbol = candidate.getSymbol() ?? candidate.aliasSymbol;
      const declaration = symbol?.declarations?.[0];
      if (!symbol || !declaration) continue;
      const source = packageOf(typescript, declaration);
      const entry = source === null ? undefined : catalog.bySource.get(source);
      const instance = entry?.types?.[symbol.getName()];
      if (entry && instance) return { kind: 'instance', entry, instance, construction: null };
    }
    return null;
  };
}

/** The package a declaration belongs to: an ambient `declare module 'x'`, or its node_modules folder. */
function packageOf(typescript: typeof ts, declaration: ts.Declaration): string | null {
  for (let current: ts.Node | undefined = declaration.parent; current; current = current.parent) {
    if (typescript.isModuleDeclaration(current) && typescript.isStringLiteral(current.name)) return current.name.text;
  }
  const fileName = declaration.getSourceFile().fileName.replaceAll('\\', '/');
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(fileName);
  if (!match) return null;
  const name = match[1]!;
  // `@types/pg` declares `pg`; `@types/scope__pkg` declares `@scope/pkg`.
  if (name.startsWith('@types/')) {
    const bare = name.slice('@types/'.length);
    return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  }
  // Prisma generates its client's declarations into `node_modules/.prisma/client`.
  if (name === '.prisma') return '.prisma/client';
  return name;
}
