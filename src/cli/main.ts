import { packageInfo } from '../util/package';
import { UsageError } from './args';
import { codemodCommand } from './codemod';
import { CODEMOD_HELP, LIST_HELP, MAIN_HELP, SCAN_HELP } from './help';
import { createOutput, type CliOptions } from './io';
import { listCommand } from './list';
import { scanCommand } from './scan';

export type { CliOptions } from './io';

const COMMAND_HELP: Record<string, string> = { scan: SCAN_HELP, codemod: CODEMOD_HELP, list: LIST_HELP };

/**
 * The `hotpath` binary, callable in-process: returns the exit code instead of exiting, and writes only
 * to the given streams. 0 success, 1 findings at `--fail-on` (scan) or a failed file (codemod), 2 a
 * usage error or an internal failure such as a crashing rule.
 */
export async function main(argv: readonly string[], options: CliOptions = {}): Promise<number> {
  const output = createOutput(options);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, output);
      case 'codemod':
        return await codemodCommand(rest, output);
      case 'list':
        return listCommand(rest, output);
      case 'help': {
        const topic = rest[0];
        if (topic !== undefined && !(topic in COMMAND_HELP)) throw new UsageError(`unknown command '${topic}'`);
        output.out(topic === undefined ? MAIN_HELP : COMMAND_HELP[topic]!);
        return 0;
      }
      case '-h':
      case '--help':
        output.out(MAIN_HELP);
        return 0;
      case '-v':
      case '--version':
        output.out(`${packageInfo().version}\n`);
        return 0;
      case undefined:
        output.err(MAIN_HELP);
        return 2;
      default:
        throw new UsageError(
          command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}' (expected scan, codemod or list)`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      // Command errors read "scan: ..."; top-level ones have no command to name.
      const named = /^(scan|codemod|list): /.exec(error.message)?.[1];
      const prefix = named ? 'hotpath ' : 'hotpath: ';
      output.err(`${prefix}${error.message}\n`);
      if (error.showHelpHint) output.err(`Run \`hotpath ${named ? `${named} ` : ''}--help\` for usage.\n`);
      return 2;
    }
    // Anything else is a failure of the tool or of a rule (ESLint rethrows rule exceptions with the file
    // and rule in the message). Exit 2 keeps it from passing as "no findings" or "findings".
    const debug = Boolean(output.io.env['HOTPATH_DEBUG']);
    const message = error instanceof Error ? ((debug && error.stack) || error.message) : String(error);
    output.err(`hotpath: error: ${message}\n`);
    return 2;
  }
}
