import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-n-plus-one';
import { createRuleTester } from '../rule-tester';

// The repository reaches the function inside a dependency bag typed in another module: only the
// declared type says it is TypeORM's. Syntax-only mode stays silent there rather than guess; with
// `parserOptions.projectService` the package that declares the type decides.
const typedDir = path.join(__dirname, '__testfixtures__', 'no-n-plus-one', 'typed');
const viaDeps = `import type { Deps } from './deps';
export async function touch({ users }: Deps, ids: number[]) {
  for (const id of ids) await users.findOneBy({ id });
}
`;
// Same method name, a class declared in the project: not a database client in either mode.
const viaCache = `import { UserCache } from './deps';
export async function warm(cache: UserCache, ids: number[]) {
  for (const id of ids) await cache.findOneBy({ id });
}
`;
const options = [{ checkTestFiles: true }] as const;

new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typedDir } },
}).run('no-n-plus-one (type-aware)', rule, {
  valid: [{ code: viaCache, filename: path.join(typedDir, 'file.ts'), options }],
  invalid: [
    {
      code: viaDeps,
      filename: path.join(typedDir, 'file.ts'),
      options,
      errors: [{ messageId: 'roundTripPerItem', line: 3, column: 31 }],
    },
  ],
});

createRuleTester().run('no-n-plus-one (syntax only)', rule, {
  valid: [
    { code: viaDeps, filename: path.join(typedDir, 'file.ts'), options },
    { code: viaCache, filename: path.join(typedDir, 'file.ts'), options },
  ],
  invalid: [],
});
