import pc from 'picocolors';
import type { Output } from '../io';
import type { Scorecard } from '../scorecard';
import { formatJson } from './json';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function formatScorecard(card: Scorecard, format: Format, output: Output, colors: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(card);
    case 'sarif':
      return formatSarif(card, output.io.cwd);
    case 'markdown':
      return formatMarkdown(card);
    case 'text':
      return formatText(card, colors ? output.color : plain);
  }
}

const plain = pc.createColors(false);
