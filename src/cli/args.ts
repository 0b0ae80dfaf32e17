import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the CLI was called: reported on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** Whether pointing at `--help` helps: not for a refusal the message already explains. */
    readonly showHelpHint = true,
  ) {
    super(message);
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` in strict mode, with its errors turned into UsageErrors that name the command. Node's own
 * message for an unknown option explains `--` at length; main() points at `--help` instead.
 */
export function parseCommandArgs<O extends OptionsConfig>(
  command: string,
  args: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new UsageError(`${command}: unknown option '${option}'`);
    }
    throw new UsageError(`${command}: ${message}`);
  }
}

/**
 * Splits `--key=value` tokens whose key is not one of the command's own options out of `args`: the
 * codemod command hands them to transforms as options, the way jscodeshift does.
 */
export function splitPassthrough(
  args: string[],
  known: OptionsConfig,
): { args: string[]; passthrough: Record<string, string> } {
  const rest: string[] = [];
  const passthrough: Record<string, string> = {};
  let afterTerminator = false;
  for (const arg of args) {
    if (arg === '--') afterTerminator = true;
    const match = afterTerminator ? null : /^--([^=]+)=(.*)$/s.exec(arg);
    if (match && !(match[1]! in known)) passthrough[match[1]!] = match[2]!;
    else rest.push(arg);
  }
  return { args: rest, passthrough };
}

export function oneOf<T extends string>(command: string, flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${command}: ${flag} must be one of ${choices.join(', ')} (got '${value}')`);
}
