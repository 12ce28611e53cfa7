import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {}

/**
 * A mistake in the options themselves: main.ts adds which command's --help to read, since
 * only it knows the command name.
 */
export class OptionError extends UsageError {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every subcommand accepts. */
export const COMMON_OPTIONS = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** node:util's messages are written for programmers ("Option '--data <value>' argument missing"). */
function optionMessage(e: Error & { code?: string }): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = quoted.split(' ')[0]!.split(', ').at(-1)!;
      return /argument missing/.test(e.message)
        ? `option ${option} needs a value`
        : `option ${option} takes no value`;
    }
    default:
      return e.message.split('\n')[0]!;
  }
}

/** Strict parsing: an unknown flag is a usage error with a one-line message. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals,
      strict: true,
    });
  } catch (e) {
    throw new OptionError(optionMessage(e as Error & { code?: string }));
  }
}
