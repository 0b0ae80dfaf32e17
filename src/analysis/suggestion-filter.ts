import type { TSESLint } from '@typescript-eslint/utils';

/**
 * A rule that reports what `rule` reports but offers only the suggestions whose messageId is in
 * `keep`. A codemod runs this instead of the rule when only some of the rule's suggestions are safe
 * to apply in bulk (`spread-to-mutation` mutates only fresh accumulators): the other findings keep
 * their message, so the codemod lists them as left alone, with the reason.
 */
export function withSuggestionsOnly<MessageIds extends string, Options extends readonly unknown[]>(
  rule: TSESLint.RuleModule<MessageIds, Options>,
  keep: readonly MessageIds[],
): TSESLint.RuleModule<MessageIds, Options> {
  return {
    ...rule,
    create(context) {
      const report: typeof context.report = (descriptor) =>
        context.report({ ...descriptor, suggest: descriptor.suggest?.filter((suggestion) => keep.includes(suggestion.messageId)) ?? null });
      // The rule reads every other member (sourceCode, settings, options) through the prototype.
      return rule.create(Object.create(context, { report: { value: report } }) as typeof context);
    },
  };
}
