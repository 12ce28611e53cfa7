/** The `mnemo` command line. Each subcommand has --help; errors print one line and exit non-zero. */
import { MnemoError } from '../core/index.ts';
import { OptionError, UsageError } from './args.ts';
import { backups } from './backups.ts';
import { compile } from './compile.ts';
import { decks } from './decks.ts';
import { examCommand } from './exam.ts';
import { exportCommand } from './export.ts';
import { extract } from './extract.ts';
import { importCommand } from './import.ts';
import { lint } from './lint.ts';
import { serve } from './serve.ts';
import { stats } from './stats.ts';
import { syncCommand } from './sync.ts';

const HELP = `Usage: mnemo <command> [options]

Commands:
  stats     today's new / learning / due counts per deck
  compile   compile Markdown deck files into the collection
  decks     register the deck folders the app may compile (add / list / rm)
  extract   propose cards from notes written without card syntax
  lint      find badly made cards (duplicates, list answers, two questions…) in deck files
  export    export decks to Anki (.apkg), CSV/TSV, Markdown or a JSON dump
  import    import an Anki package, a Mnemo JSON dump or CSV/TSV
  serve     start Mnemo in your browser (the app and its API on 127.0.0.1)
  backup    list, take or restore backups of the collection
  exam      exams to prepare for: add, list, plan, rm
  sync      carry the review history between devices through a synced folder

Options for every command:
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   help for mnemo or for a command

Run "mnemo <command> --help" for a command's options.`;

type Command = (
  argv: string[],
  dataDir: string | undefined,
  out: (s: string) => void,
) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  stats,
  compile,
  decks,
  extract,
  lint,
  serve,
  backup: backups,
  backups,
  export: exportCommand,
  import: importCommand,
  exam: examCommand,
  exams: examCommand,
  sync: syncCommand,
};

export async function main(argv: string[], out = (s: string) => console.log(s)): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(HELP);
    return name === undefined ? 1 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (run "mnemo --help")`);
    return await command(rest, undefined, out);
  } catch (e) {
    const message =
      e instanceof UsageError || e instanceof MnemoError ? e.message : String((e as Error)?.message ?? e);
    // The command's own help lists its options (the name as typed: `backups` is `backup`).
    const help = e instanceof OptionError ? ` (see mnemo ${name} --help)` : '';
    console.error(`mnemo: ${message.split('\n')[0]}${help}`);
    return e instanceof UsageError ? 2 : 1;
  }
}
