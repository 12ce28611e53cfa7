import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { compileDecks, type FileReport, type Tally } from '../core/compiler/compile.ts';
import { formatError } from '../core/compiler/parse.ts';
import { openMnemo } from '../core/index.ts';
import { formatFinding } from '../core/lint/types.ts';
import { parse } from './args.ts';

export const COMPILE_HELP = `Usage: mnemo compile [PATH...] [--vault] [--strict] [--write-ids] [--keep-going] [--force] [--json] [--data DIR]

Compiles Markdown deck files (default: decks/) into the collection, in one transaction.
New cards are added, edited cards keep their review history, cards gone from the sources
are retired (and restored if they come back). Only files whose content changed are parsed.
Errors are printed as file:line:column: message; with any error nothing is changed.
A PATH that does not exist stops the compile before anything is read.

The report counts notes (what a file holds: a :: line, a ? block, a cloze paragraph) and
cards (what you review: two for :::, one per cloze number) apart. It ends with the card
linter's findings in the files compiled (file:line: rule: message, the first 20 of them;
see mnemo lint --help).

With --vault, PATH is an Obsidian vault read as the Obsidian Spaced Repetition plugin reads
it: only notes with a #flashcards tag, prose between cards skipped, a card ending at a blank
line, <!--SR:...--> schedules taken as a new card's starting state. An error there skips its
card with a warning (file:line:column: warning: ...) instead of stopping the compile.

Options:
  --vault        read the paths as Obsidian vaults (obsidian: true in a file's front matter
                 does it for that file)
  --strict       vault notes too: any error stops the compile, as for deck folders
  --write-ids    write a stable id (^id-xxxx) at the end of every card that has none
  --keep-going   apply the files without errors even if others have some
  --force        re-parse every file, changed or not
  --json         print the report as JSON
  --data DIR     the data directory
  -h, --help     show this help`;

const rel = (p: string) => relative(process.cwd(), p) || p;

/** How many lint findings the report prints before it only counts them. */
const LINT_SHOWN = 20;

/** Paths inside messages (a duplicate id's first place) shown as the file names are. */
const relInText = (text: string) => text.split(process.cwd() + sep).join('');

function tally(t: Tally): string {
  return (
    `notes: ${t.added} added, ${t.updated} updated, ${t.edited} edited, ${t.unchanged} unchanged, ` +
    `${t.retired} retired, ${t.restored} restored; ` +
    `cards: ${t.cardsAdded} added, ${t.cardsRetired} retired, ${t.cardsRestored} restored`
  );
}

/** One line per file the compile looked into; files unchanged since the last one are summed. */
function fileLines(files: FileReport[], applied: boolean): string[] {
  const lines: string[] = [];
  for (const f of files) {
    if (f.status === 'unchanged') continue;
    const what =
      f.status === 'errors'
        ? 'errors'
        : !applied
          ? 'no errors (not applied)'
          : f.status === 'deleted'
            ? `deleted; ${tally(f)}`
            : tally(f);
    lines.push(`${rel(f.file)}: ${what}`);
    for (const e of f.editedFronts) lines.push(`  edited (line ${e.line}): "${e.from}" -> "${e.to}"`);
  }
  const unchanged = files.filter((f) => f.status === 'unchanged');
  if (unchanged.length > 0) {
    const notes = unchanged.reduce((n, f) => n + f.unchanged, 0);
    const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`${s(unchanged.length, 'file')} unchanged since the last compile (${s(notes, 'note')})`);
  }
  return lines;
}

export function compile(argv: string[], _data: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(
    argv,
    {
      'write-ids': { type: 'boolean' },
      'keep-going': { type: 'boolean' },
      force: { type: 'boolean' },
      vault: { type: 'boolean' },
      strict: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (values.help) {
    out(COMPILE_HELP);
    return 0;
  }
  const paths = positionals.length ? positionals : ['decks'];
  // A mistyped path is a mistake in the command, not in a deck: said before anything is read.
  const missing = paths.find((p) => !existsSync(p));
  if (missing !== undefined) throw new Error(`no such file or folder: ${missing}`);
  const mnemo = openMnemo({ dataDir: values.data });
  try {
    const report = compileDecks(mnemo.col, paths, {
      writeIds: values['write-ids'],
      keepGoing: values['keep-going'],
      force: values.force,
      vault: values.vault,
      strict: values.strict,
      lint: true,
    });
    if (values.json) {
      out(JSON.stringify(report, null, 2));
      return report.errors.length ? 1 : 0;
    }
    // Already in file, line, column order (compileDecks sorts whatever check found them).
    for (const e of report.errors)
      console.error(formatError({ ...e, file: rel(e.file), message: relInText(e.message) }));
    for (const w of report.warnings)
      console.error(formatError({ ...w, file: rel(w.file), message: `warning: ${relInText(w.message)}` }));
    for (const line of fileLines(report.files, report.applied)) out(line);
    // The linter's advice on the files compiled, a screenful at most: the report stays readable
    // (mnemo lint lists them all, and checks the files not compiled too).
    for (const f of report.lint.slice(0, LINT_SHOWN))
      out(formatFinding({ ...f, file: rel(f.file), message: relInText(f.message) }));
    if (report.lint.length > LINT_SHOWN)
      out(
        `… and ${report.lint.length - LINT_SHOWN} more lint findings (mnemo lint ${paths.join(' ')} lists them)`,
      );
    if (report.decksCreated.length) out(`decks created: ${report.decksCreated.join(', ')}`);
    if (report.idsWritten) out(`ids written: ${report.idsWritten}`);
    if (!report.applied) {
      out(`${report.errors.length} error(s): nothing was changed (fix them, or use --keep-going)`);
      return 1;
    }
    out(`total: ${tally(report.totals)}`);
    return report.errors.length ? 1 : 0;
  } finally {
    mnemo.close();
  }
}
