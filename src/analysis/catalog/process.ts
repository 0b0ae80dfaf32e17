import type { CallSpec, ClientEntry, DeadlineGroup } from './types';

// exec/execFile run until the child exits: a hung child hangs the caller. `timeout` kills it.
const execDeadline: DeadlineGroup = {
  keys: ['timeout', 'signal'],
  default: null,
  fix: { key: 'timeout', value: '{ms}' },
};
const execCall: CallSpec = { options: { index: 1 }, deadline: execDeadline };
// execFile(file, [args], [options], [callback]): the args array may be left out.
const execFileCall: CallSpec = { options: { index: 2, optionalBefore: 1 }, deadline: execDeadline };

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
