import { resolve } from 'node:path';
import { MnemoError } from '../core/errors.ts';
import { exportBaseName } from '../core/export/file-name.ts';
import { type ExportFormat, exportTo } from '../core/export/index.ts';
import { openMnemo } from '../core/index.ts';
import { parse, UsageError } from './args.ts';

export const EXPORT_HELP = `Usage: mnemo export --format apkg|csv|tsv|md|json [--deck NAME]... [--all] [--with-history]
                    [--out FILE] [--json] [--data DIR]

Exports decks (each with its subdecks) from the collection. It reads a snapshot, so the app
may keep running; nothing in the collection changes.

Formats:
  apkg   an Anki package (File → Import in Anki), with images
  csv    comma-separated, with Anki's file headers (guid, note type, deck, HTML fields, tags)
  tsv    the same, tab-separated
  md     a FOLDER with one Markdown file per deck in Mnemo's card syntax (ids carry each
         note's guid) and the images in media/; "mnemo compile FOLDER" reads it back
  json   the Mnemo dump: presets, decks, notes, cards, review log, images, always
         complete: "mnemo import FILE" restores it exactly

Options:
  --format F       one of the formats above (required)
  --deck NAME      a deck to export, with its subdecks (repeat for more)
  --all            every deck (the default without --deck)
  --with-history   scheduling and review history too (apkg; json always has them)
  --out FILE       where to write (for md, a new or empty folder); default
                   Mnemo-<deck>-<date>-<time>.<ext> in the current folder
  --json           print the summary as JSON: {file, notes, cards, reviews, media, bytes, warnings}
  --data DIR       the data directory
  -h, --help       show this help`;

const FORMATS: readonly ExportFormat[] = ['apkg', 'csv', 'tsv', 'md', 'json'];
const EXTENSION: Record<ExportFormat, string> = {
  apkg: '.apkg',
  csv: '.csv',
  tsv: '.tsv',
  md: '',
  json: '.json',
};

export async function exportCommand(
  argv: string[],
  dataDir: string | undefined,
  out: (s: string) => void,
): Promise<number> {
  const { values } = parse(argv, {
    format: { type: 'string' },
    deck: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    'with-history': { type: 'boolean' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    out(EXPORT_HELP);
    return 0;
  }
  const format = values.format as ExportFormat | undefined;
  if (!format || !FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (see mnemo export --help)`);
  if (values.all && values.deck) throw new UsageError('--all and --deck exclude each other');
  // Reading only: a read-only data folder is exported from a private snapshot.
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir, readonly: 'if-not-writable' });
  try {
    const deckIds = values.deck?.map((name) => {
      const wanted = name
        .split('::')
        .map((p) => p.trim())
        .join('::');
      const deck = mnemo.col.stmt('SELECT id FROM decks WHERE name = ?').get(wanted) as
        | { id: number }
        | undefined;
      if (!deck) throw new MnemoError('NotFound', `no deck named "${name}" (mnemo stats lists the decks)`);
      return deck.id;
    });
    const target = resolve(values.out ?? exportBaseName(mnemo.col, deckIds) + EXTENSION[format]);
    // Progress where someone watches it; a pipe or a log gets only the result.
    const tty = process.stderr.isTTY;
    let shown = -1;
    const progress = (done: number, total: number) => {
      const pct = total ? Math.floor((done / total) * 100) : 100;
      if (!tty || pct === shown || total < 1000) return;
      shown = pct;
      process.stderr.write(`\rexporting… ${pct}%`);
    };
    const result = await exportTo(
      mnemo.col,
      target,
      { format, deckIds, withHistory: !!values['with-history'] },
      progress,
    );
    if (shown >= 0) process.stderr.write('\r\x1b[K');
    const warnings = result.warnings ?? [];
    if (values.json) {
      out(JSON.stringify({ ...result, warnings }, null, 2));
      return 0;
    }
    for (const w of warnings) console.error(`mnemo: warning: ${w}`);
    const size =
      result.bytes >= 1024 * 1024
        ? `${(result.bytes / 1024 / 1024).toFixed(1)} MB`
        : `${Math.ceil(result.bytes / 1024)} KB`;
    out(
      `Exported ${result.notes} notes, ${result.cards} cards, ${result.reviews} reviews, ${result.media} images to ${result.file} (${size})`,
    );
    return 0;
  } finally {
    mnemo.close();
  }
}
