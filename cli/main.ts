/** The `mnemo` command line. Each subcommand has --help; errors print one line and exit non-zero. */
import { MnemoError } from '../core/index.ts';
import { OptionError, UsageError } from './args.ts';

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
  optimize  fit the FSRS parameters to your reviews (check, apply, revert)
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

// Each command is loaded when it is run: `mnemo stats` never loads the server, the
// importers or the exporters, which keeps a command's start-up close to Node's own.
const COMMANDS: Record<string, () => Promise<Command>> = {
  stats: async () => (await import('./stats.ts')).stats,
  compile: async () => (await import('./compile.ts')).compile,
  decks: async () => (await import('./decks.ts')).decks,
  extract: async () => (await import('./extract.ts')).extract,
  lint: async () => (await import('./lint.ts')).lint,
  serve: async () => (await import('./serve.ts')).serve,
  backup: async () => (await import('./backups.ts')).backups,
  backups: async () => (await import('./backups.ts')).backups,
  export: async () => (await import('./export.ts')).exportCommand,
  import: async () => (await import('./import.ts')).importCommand,
  exam: async () => (await import('./exam.ts')).examCommand,
  exams: async () => (await import('./exam.ts')).examCommand,
  optimize: async () => (await import('./optimize.ts')).optimizeCommand,
  sync: async () => (await import('./sync.ts')).syncCommand,
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
    return await (await command())(rest, undefined, out);
  } catch (e) {
    const message =
      e instanceof UsageError || e instanceof MnemoError ? e.message : String((e as Error)?.message ?? e);
    // The command's own help lists its options (the name as typed: `backups` is `backup`).
    const help = e instanceof OptionError ? ` (see mnemo ${name} --help)` : '';
    console.error(`mnemo: ${message.split('\n')[0]}${help}`);
    return e instanceof UsageError ? 2 : 1;
  }
}
