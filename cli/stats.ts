import { openMnemo } from '../core/index.ts';
import { parse } from './args.ts';

export const STATS_HELP = `Usage: mnemo stats [--json] [--data DIR]

Prints today's new, learning and due (review) counts for every deck, honouring the
daily limits, and each deck's total cards.

Options:
  --json       machine-readable output: {"decks": [...], "today": {...}}
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   show this help`;

/** Terminal columns a string takes: CJK characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((w, ch) => w + (/[\u1100-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
}

function pad(s: string | number, n: number, right = false): string {
  const text = String(s);
  const fill = ' '.repeat(Math.max(0, n - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export function stats(argv: string[], dataDir: string | undefined, out: (s: string) => void): number {
  const { values } = parse(argv, { json: { type: 'boolean' } });
  if (values.help) {
    out(STATS_HELP);
    return 0;
  }
  // Read-only where the folder cannot be written: stats only reads.
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir, readonly: 'if-not-writable' });
  try {
    const { decks, today } = mnemo.api.decks.list();
    if (values.json) {
      out(JSON.stringify({ dataDir: mnemo.dataDir, decks, today }, null, 2));
      return 0;
    }
    const labels = decks.map((d) => {
      const parts = d.name.split('::');
      return '  '.repeat(parts.length - 1) + parts.at(-1);
    });
    const nameWidth = Math.max(10, ...labels.map((l) => displayWidth(l) + 2));
    const row = (label: string, c: { new: number; learning: number; review: number }, total = '') =>
      `${pad(label, nameWidth)}${pad(c.new, 7, true)}${pad(c.learning, 7, true)}${pad(c.review, 7, true)}${pad(total, 8, true)}`;
    out(
      `${pad('Deck', nameWidth)}${pad('New', 7, true)}${pad('Learn', 7, true)}${pad('Due', 7, true)}${pad('Cards', 8, true)}`,
    );
    decks.forEach((d, i) => {
      out(row(labels[i]!, d.counts, String(d.totalCards)));
    });
    out(row('Today', today));
    return 0;
  } finally {
    mnemo.close();
  }
}
