/**
 * A bulk compile leaves Browse's sort indexes to build later (cards/sort-indexes.ts,
 * store/pending-indexes.ts): they are missing and marked after it; the other screens read
 * without them; a read-only reader reads a snapshot with them built and finds the pages the
 * collection's walks find once built there; the first page or the app's idle time builds them,
 * and a second call writes nothing; a crash inside the compile or the build leaves either the
 * indexes or their marks.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { type SearchFilters, SORT_COLUMNS } from '../../core/cards/search.ts';
import { SORT_INDEXES } from '../../core/cards/sort-indexes.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { NEW_NOTES_INDEXES } from '../../core/compiler/store-plan.ts';
import { type Mnemo, openMnemo } from '../../core/index.ts';
import { withIndexesDropped } from '../../core/store/bulk-indexes.ts';
import { migrate } from '../../core/store/db.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { buildPendingIndexes, hasPendingIndexes } from '../../core/store/pending-indexes.ts';
import { BULK_NOTES } from '../../core/store/summaries.ts';
import { addBasicCards, TestClock, tempDir, tempMnemo } from '../helpers/collection.ts';

const dieInIndexWork = fileURLToPath(new URL('../fixtures/die-in-index-work.ts', import.meta.url));
const START = Date.parse('2026-11-29T10:00:00+08:00');

/** Basic, reversed and cloze cards (`n` notes) in three files and two decks, fronts in no order. */
function deckFolder(n: number): string {
  const dir = tempDir();
  const per = Math.ceil(n / 3);
  for (let f = 0; f < 3; f++) {
    const cards = Array.from({ length: Math.min(per, n - f * per) }, (_, k) => {
      const i = f * per + k;
      const word = `w${(i * 7919) % 1009}`;
      if (i % 5 === 0) return `Port of ${word}:::${1000 + i}`;
      if (i % 7 === 0) return `${word} listens on ==port ${i}==.`;
      return `What is ${word} (${i})?::answer ${i}`;
    });
    writeFileSync(
      join(dir, `f${f}.md`),
      `---\ndeck: ${f === 0 ? 'Net' : 'Net::Ports'}\n---\n${cards.join('\n\n')}\n`,
    );
  }
  return dir;
}

/** Indexes of `names` that exist, and the names marked pending. */
function indexState(m: Mnemo) {
  const db = m.col.db;
  const present = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?)) ORDER BY name",
    )
    .pluck()
    .all(JSON.stringify(SORT_INDEXES));
  const pending = db.prepare('SELECT name FROM indexes_pending ORDER BY name').pluck().all();
  return { present, pending };
}
const ALL = [...SORT_INDEXES].sort();

/** A bulk-compiled collection whose cards were then studied a little (every state, some lapses). */
function compiledAndStudied(dataDir: string): void {
  const clock = new TestClock(START);
  const m = openMnemo({ dataDir, clock: clock.read });
  const report = compileDecks(m.col, [deckFolder(BULK_NOTES + 400)]);
  expect(report.totals.added).toBeGreaterThanOrEqual(BULK_NOTES);
  const ids = m.col.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  for (let k = 0; k < 400; k++)
    m.api.review.answer({ cardId: ids[k * 6]!, rating: ((k % 4) + 1) as 1 | 2 | 3 | 4, durationMs: 900 });
  clock.advance(20 * 86_400_000);
  for (let k = 0; k < 400; k += 3) m.api.review.answer({ cardId: ids[k * 6]!, rating: 1, durationMs: 900 });
  m.close();
}

/** Browse's pages: every sort, both ways, two pages, with and without a deck or state filter. */
function pages(m: Mnemo) {
  const net = m.col.db.prepare("SELECT id FROM decks WHERE name = 'Net::Ports'").pluck().get() as number;
  const filters: Partial<SearchFilters>[] = [{}, { deckId: net }, { state: 'new' }, { state: 'review' }];
  const out: unknown[] = [];
  for (const sort of [undefined, ...SORT_COLUMNS])
    for (const descending of [false, true])
      for (const filter of filters)
        for (const offset of [0, 90])
          out.push(
            m.api.cards
              .search({ sort, descending, limit: 30, offset, ...filter })
              .cards.map((c) => [c.id, c.front, c.deckName, c.state, c.due, c.lapses]),
          );
  return out;
}

describe('Browse sort indexes left for later by a bulk compile', () => {
  it("are missing and marked; other screens read without them; a reader's snapshot has them", () => {
    const dataDir = tempDir();
    compiledAndStudied(dataDir);

    // A reader reads a snapshot with them built (store/readonly-copy.ts), the file untouched.
    const ro = openMnemo({ dataDir, readonly: true, clock: () => START + 21 * 86_400_000 });
    expect(indexState(ro)).toEqual({ present: ALL, pending: [] });
    const sorted = pages(ro);
    ro.close();

    const m = openMnemo({ dataDir, clock: () => START + 21 * 86_400_000 });
    // Home and the queue do not need them, and build nothing.
    const screens = () => [
      m.api.decks.list(),
      m.api.review.next({}),
      m.api.stats.today(),
      m.api.stats.cards({}),
    ];
    const before = screens();
    expect(indexState(m)).toEqual({ present: [], pending: ALL });
    // The first page of Browse builds them, then walks them.
    const walked = pages(m);
    expect(indexState(m)).toEqual({ present: ALL, pending: [] });
    expect(walked).toEqual(sorted);
    expect((walked as unknown[][]).filter((p) => p.length === 30).length).toBeGreaterThan(100);
    expect(screens()).toEqual(before);
    // Cheap and writing nothing once built.
    const changes = m.col.db.prepare('SELECT total_changes()').pluck();
    const was = changes.get();
    expect(buildPendingIndexes(m.col.db)).toBe(0);
    expect(changes.get()).toBe(was);
    expect(m.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
    m.close();
  });

  it('the app builds them once the screen is idle, before any sorted page', async () => {
    const dataDir = tempDir();
    compiledAndStudied(dataDir);
    const app = openApp(dataDir, '', { quietMs: 0, maxAfterScreenMs: 0, startDelayMs: 0 });
    try {
      await app.bundledUpdate;
      await expect.poll(() => hasPendingIndexes(app.mnemo.col)).toBe(false);
      expect(indexState(app.mnemo)).toEqual({ present: ALL, pending: [] });
    } finally {
      await app.stop();
    }
  });

  it('a crash inside the compile keeps the indexes and no mark; inside the build, the marks', () => {
    const dataDir = tempDir();
    const decks = deckFolder(BULK_NOTES + 400);
    const child = (step: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', dieInIndexWork, dataDir, step, decks], {
        encoding: 'utf8',
      });
    const died = child('compile');
    expect(died.signal, died.stderr).toBe('SIGKILL');
    let m = openMnemo({ dataDir });
    expect(m.col.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    expect(indexState(m)).toEqual({ present: ALL, pending: [] });
    compileDecks(m.col, [decks]);
    expect(indexState(m)).toEqual({ present: [], pending: ALL });
    m.close();

    const diedBuilding = child('build');
    expect(diedBuilding.signal, diedBuilding.stderr).toBe('SIGKILL');
    m = openMnemo({ dataDir });
    expect(indexState(m)).toEqual({ present: [], pending: ALL });
    expect(buildPendingIndexes(m.col.db)).toBe(ALL.length);
    expect(indexState(m)).toEqual({ present: ALL, pending: [] });
    expect(m.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
    m.close();
  });

  it('are built before migrations run, and marked only inside a transaction', () => {
    const m = tempMnemo();
    addBasicCards(m, m.api.decks.create({ name: 'D' }).id, 5);
    const load = () => withIndexesDropped(m.col.db, NEW_NOTES_INDEXES, () => undefined);
    expect(load).toThrow(/inside a transaction/);
    m.col.tx(load);
    expect(indexState(m)).toEqual({ present: [], pending: ALL });
    // A later migration may drop or change one of them: it meets the schema it was written for.
    // One that changes cards_lapses would fail on a pending one (no such index).
    const migrations = MIGRATIONS as string[];
    migrations.push('DROP INDEX cards_lapses; CREATE INDEX cards_lapses ON cards(lapses, due)');
    try {
      migrate(m.col.db, migrations.length - 1);
    } finally {
      migrations.pop();
    }
    expect(indexState(m)).toEqual({ present: ALL, pending: [] });
    expect(m.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
    m.close();
  });
});
