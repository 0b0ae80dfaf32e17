import type { TSESLint } from '@typescript-eslint/utils';
import type { IterationContext } from './context';
import type { Edit } from './edits';
import type { OriginResolver } from './origin';
import type { RoundTrip } from './round-trips';

export interface BatchRewrite {
  edits: Edit[];
}

export function batchSuggestion(
  _sourceCode: Readonly<TSESLint.SourceCode>,
  _roundTrip: RoundTrip,
  _context: IterationContext,
  _resolver: OriginResolver,
  _chunkSize: number,
): BatchRewrite | null {
  return null;
}
