import type { ImportSummary } from '../core/import/batch.ts';
import { CSV_COLUMNS, type CsvColumn } from '../core/import/csv/read.ts';
import { previewImport, runImport } from '../core/import/index.ts';
import { openMnemo } from '../core/index.ts';
import { parse, UsageError } from './args.ts';

export const IMPORT_HELP = `Usage: mnemo import FILE [--deck NAME] [--dry-run] [--json] [--columns LIST]
                    [--separator comma|tab|semicolon] [--data DIR]

Imports notes, cards, their scheduling and review history, decks and images, in one
transaction: all of it or, on any error, nothing. The format is told from the content:
  - an Anki package (.apkg, .colpkg)
  - a Mnemo JSON dump (mnemo export --format json)
  - CSV or TSV, with Anki's file headers (#separator:, #html:, #guid column: …) or without
Notes already in the collection (same guid) are updated if the file's are newer, never
copied; review history already there is never added twice. Markdown decks are compiled
instead: mnemo compile FILE.

Options:
  --deck NAME          put every new card into deck NAME (created if needed)
  --dry-run            show what would be added / updated / unchanged; change nothing
  --json               print the summary as JSON
  --columns LIST       for CSV/TSV: what each column holds, in order, from
                       ${CSV_COLUMNS.join(', ')} (default without headers: front,back,tags)
  --separator S        for CSV/TSV: comma, tab or semicolon (default: the header, the
                       extension, or a guess from the first line)
  --data DIR           the data directory
  -h, --help           show this help`;

function describe(s: ImportSummary): string[] {
  const lines = [
    `notes: ${s.notesAdded} added, ${s.notesUpdated} updated, ${s.notesUnchanged} unchanged`,
    `cards: ${s.cardsAdded} added, ${s.cardsUpdated} updated; reviews: ${s.reviewsAdded} added; images: ${s.mediaAdded} added`,
  ];
  if (s.decksCreated.length) lines.push(`decks created: ${s.decksCreated.join(', ')}`);
  return lines;
}

export async function importCommand(
  argv: string[],
  dataDir: string | undefined,
  out: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      deck: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      columns: { type: 'string' },
      separator: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    out(IMPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('import takes one file (see mnemo import --help)');
  const columns = values.columns?.split(',').map((c) => c.trim().toLowerCase());
  const unknown = columns?.find((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown !== undefined)
    throw new UsageError(`--columns: "${unknown}" is not one of ${CSV_COLUMNS.join(', ')}`);
  const separator = values.separator?.toLowerCase();
  if (separator !== undefined && !['comma', 'tab', 'semicolon'].includes(separator))
    throw new UsageError('--separator must be comma, tab or semicolon');
  const options = {
    deckName: values.deck,
    csv: {
      columns: columns as CsvColumn[] | undefined,
      separator: separator as 'comma' | 'tab' | 'semicolon' | undefined,
    },
  };
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir });
  try {
    const file = positionals[0]!;
    const summary = values['dry-run']
      ? await previewImport(mnemo.col, file, options)
      : await runImport(mnemo.col, file, options);
    if (values.json) {
      out(JSON.stringify(summary, null, 2));
      return 0;
    }
    for (const w of summary.warnings) console.error(`mnemo: warning: ${w}`);
    out(summary.dryRun ? `Dry run: importing ${file} would change:` : `Imported ${file}:`);
    for (const line of describe(summary)) out(`  ${line}`);
    if (summary.dryRun) out('Nothing was changed.');
    return 0;
  } finally {
    mnemo.close();
  }
}
