import { describe, expect, it } from 'vitest';
import type { TSESLint } from '@typescript-eslint/utils';
import { createRule } from '../src/util/create-rule';

type Options = [{ limit?: number; names?: string[] }];

/** A rule that records the options its create receives. */
function recordingRule(seen: Options[0][]) {
  return createRule<Options, 'x'>({
    name: 'recording',
    meta: {
      type: 'suggestion',
      docs: { description: 'Disallow nothing', technique: 'test', priority: 'P2', presets: [] },
      messages: { x: 'x' },
      schema: [{ type: 'object', properties: { limit: { type: 'number' }, names: { type: 'array' } }, additionalProperties: false }],
      defaultOptions: [{ limit: 3, names: ['a'] }],
    },
    defaultOptions: [{ limit: 3, names: ['a'] }],
    create(_context, [options]) {
      seen.push(options);
      return {};
    },
  });
}

const contextWith = (options: unknown[]) => ({ options }) as unknown as Readonly<TSESLint.RuleContext<'x', Options>>;

describe('createRule', () => {
  it('applies the defaults under the given options', () => {
    const seen: Options[0][] = [];
    const rule = recordingRule(seen);
    rule.create(contextWith([{ limit: 5 }]));
    rule.create(contextWith([]));
    expect(seen).toEqual([{ limit: 5, names: ['a'] }, { limit: 3, names: ['a'] }]);
  });

  it('merges each distinct configuration once: equal options give the same merged object', () => {
    const seen: Options[0][] = [];
    const rule = recordingRule(seen);
    const shared = [{ limit: 7 }];
    rule.create(contextWith(shared));
    rule.create(contextWith(shared));
    rule.create(contextWith([{ limit: 7 }])); // a fresh array with the same contents, as ESLint passes per file
    rule.create(contextWith([{ limit: 8 }]));
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
    expect(seen[3]).not.toBe(seen[0]);
    expect(seen[3]).toEqual({ limit: 8, names: ['a'] });
  });
});
