import type { CallSpec, ClientEntry, DeadlineGroup } from './types';

// exec/execFile run until the child exits: a hung child hangs the caller. `timeout` kills it.
const execDeadline: DeadlineGroup = {
  keys: ['timeout', 'signal'],
  default: null,
  fix: { key: 'timeout', value: '{ms}' },
};
// A command whose output goes to the terminal (`stdio: 'inherit'`, `[0, 1, 2]`) is a build or CLI
// step a person watches, and a detached child is a daemon: neither wants a deadline. A child whose
// handle is kept and killed has an owner that bounds it.
const execExempt: CallSpec['exemptWhen'] = [
  { key: 'stdio', values: ['inherit', 1, 2] },
  { key: 'detached', values: [true] },
];
const execResult: CallSpec['resultDeadline'] = { methods: ['kill'], events: [] };
// Local repository queries finish on their own: there is no peer to stall (`git rev-parse HEAD`).
const localCommand = String.raw`^\s*git\s+(?:rev-parse|describe|log|status|show|branch|config|diff|ls-files)\b`;
const execCall: CallSpec = {
  options: { index: 1 },
  deadline: execDeadline,
  exemptWhen: execExempt,
  exemptFirstArgument: localCommand,
  resultDeadline: execResult,
};
// execFile(file, [args], [options], [callback]): the args array may be left out.
const execFileCall: CallSpec = { ...execCall, options: { index: 2, optionalBefore: 1 }, exemptFirstArgument: undefined };

export const childProcessClient: ClientEntry = {
  name: 'child_process',
  category: 'process',
  sources: ['child_process', 'node:child_process'],
  calls: {
    exec: execCall,
    execSync: execCall,
    execFile: execFileCall,
    execFileSync: execFileCall,
  },
};
