import { type Mnemo, openMnemo } from '../core/index.ts';
import { parse, UsageError } from './args.ts';
import { findExam } from './exam.ts';

export const STATS_HELP = `Usage: mnemo stats [--json] [--deck NAME | --exam EXAM] [--data DIR]

Prints today's new, learning and due (review) counts for every deck, honouring the
daily limits, and each deck's total cards; then the Stats screen's figures for the
collection (or a deck with its subdecks, or an exam's scope): cards by state, true
retention, the cards expected to be recalled now, and the answers of the last 30 days.

Options:
  --json       machine-readable output: {"decks": [...], "today": {...}, "stats": {...}};
               "stats" is what the Stats screen shows (the API's stats.screen)
  --deck NAME  the figures of this deck and its subdecks
  --exam EXAM  the figures of this exam's scope (an id or a name)
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   show this help`;

/** The scope `--deck` / `--exam` name, as stats.screen takes it. */
function scopeOf(mnemo: Mnemo, deck: string | undefined, exam: string | undefined) {
  if (deck !== undefined && exam !== undefined) throw new UsageError('give --deck or --exam, not both');
  if (exam !== undefined) return { examId: findExam(mnemo, exam).id };
  if (deck === undefined) return {};
  const found = mnemo.api.decks.list().decks.find((d) => d.name === deck);
  if (!found) throw new UsageError(`no deck "${deck}" (decks are named in full, e.g. "Docker::网络")`);
  return { deckId: found.id };
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

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
  const { values } = parse(argv, {
    json: { type: 'boolean' },
    deck: { type: 'string' },
    exam: { type: 'string' },
  });
  if (values.help) {
    out(STATS_HELP);
    return 0;
  }
  // Read-only where the folder cannot be written: stats only reads.
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir, readonly: 'if-not-writable' });
  try {
    const { decks, today } = mnemo.api.decks.list();
    const figures = mnemo.api.stats.screen(scopeOf(mnemo, values.deck, values.exam));
    if (values.json) {
      out(JSON.stringify({ dataDir: mnemo.dataDir, decks, today, stats: figures }, null, 2));
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
    const { scope, cards, reviews } = figures;
    const c = cards.counts;
    const month = reviews.periods.find((p) => p.days === 30)!;
    const retention = reviews.retention.table.find((r) => r.period === 'month')!;
    out('');
    out(
      `Statistics: ${scope.kind === 'collection' ? 'the whole collection' : `${scope.kind} ${scope.name}`}`,
    );
    out(
      `Cards: ${c.total} (new ${c.new}, learning ${c.learning}, relearning ${c.relearning}, young ${c.young}, mature ${c.mature}, suspended ${c.suspended}, buried ${c.buried})`,
    );
    out(`Recalled now (expected): ${cards.recalledNow.toFixed(1)} of ${cards.studied} studied cards`);
    out(
      `Last 30 days: ${month.reviews} answer${month.reviews === 1 ? '' : 's'}, ${Math.round(month.timeMs / 60_000)} min`,
    );
    out(
      `True retention, last 30 days: ${pct(retention.total)} (young ${pct(retention.young)}, mature ${pct(retention.mature)}); desired ${cards.desiredRetention.map((p) => `${pct(p.desiredRetention)} (${p.name})`).join(', ') || '-'}`,
    );
    return 0;
  } finally {
    mnemo.close();
  }
}
