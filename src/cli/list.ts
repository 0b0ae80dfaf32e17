import { codemods } from '../../codemods';
import { parseCommandArgs } from './args';
import { table } from './format/table';
import { LIST_HELP } from './help';
import type { Output } from './io';
import { ruleInfos } from './plugin-info';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function listCommand(args: string[], output: Output): number {
  const { values, positionals } = parseCommandArgs('list', args, OPTIONS);
  if (values.help) {
    output.out(LIST_HELP);
    return 0;
  }
  if (positionals.length > 0) {
    output.err(`hotpath list: unexpected argument '${positionals[0]}'\n`);
    return 2;
  }
  const rules = ruleInfos();
  const mods = Object.values(codemods).map(({ name, rule, description }) => ({ name, rule, description }));
  if (values.json) {
    output.out(`${JSON.stringify({ rules, codemods: mods }, null, 2)}\n`);
    return 0;
  }
  const c = output.color;
  const fixes = (rule: (typeof rules)[number]) =>
    [rule.fixable ? 'autofix' : '', rule.hasSuggestions ? 'suggestion' : ''].filter(Boolean).join(', ') || '-';
  const head = (names: string[]) => names.map((text) => ({ text, shown: c.bold(text) }));
  const lines = [c.bold('Rules'), ''];
  lines.push(
    ...table([
      head(['rule', 'priority', 'technique', 'presets', 'fixes']),
      ...rules.map((rule) => [
        { text: rule.name },
        { text: rule.priority },
        { text: rule.technique },
        { text: rule.presets.join(', ') || '-' },
        { text: fixes(rule) },
      ]),
    ]).map((line) => `  ${line}`),
  );
  for (const rule of rules) lines.push(`  ${c.dim(`${rule.name}: ${rule.description}`)}`);
  lines.push('', c.bold('Codemods'), '');
  lines.push(
    ...table([
      head(['codemod', 'applies', 'description']),
      ...mods.map((mod) => [{ text: mod.name }, { text: mod.rule }, { text: mod.description }]),
    ]).map((line) => `  ${line}`),
    '',
  );
  output.out(lines.join('\n'));
  return 0;
}
