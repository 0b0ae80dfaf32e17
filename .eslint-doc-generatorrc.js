/** @type {import('eslint-doc-generator').GenerateOptions} */
const PRIORITY_ORDER = ['P0', 'P1', 'P2'];

module.exports = {
  ignoreConfig: ['legacy-recommended', 'legacy-game', 'legacy-strict'],
  configEmoji: [
    ['recommended', '✅'],
    ['game', '🎮'],
    ['strict', '🔒'],
  ],
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'options'],
  // The README table follows the handbook's priority matrix: one section per priority and technique.
  ruleListSplit(rules) {
    const groups = new Map();
    for (const [name, rule] of rules) {
      const title = `${rule.meta.docs.priority} · ${rule.meta.docs.technique}`;
      if (!groups.has(title)) groups.set(title, []);
      groups.get(title).push([name, rule]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => PRIORITY_ORDER.indexOf(a.slice(0, 2)) - PRIORITY_ORDER.indexOf(b.slice(0, 2)) || a.localeCompare(b))
      .map(([title, list]) => ({ title, rules: list }));
  },
  ruleDocSectionInclude: ['Handbook technique', 'Examples', 'Measured cost', 'When Not To Use It', 'Related codemod'],
  ruleDocTitleFormat: 'prefix-name',
  // The options table would recurse into the client-catalog schema; each doc writes its Options by hand.
  ruleDocSectionOptions: false,
};
