import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  backupIfDue,
  backupIfReviewed,
  KEEP_BACKUPS,
  listBackups,
  scheduleBackups,
} from '../../core/store/backup.ts';
import { addBasicCards, checksum, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;

describe('automatic backups', () => {
  it('takes one consistent snapshot per study day and keeps the newest', async () => {
    const m = tempMnemo(new Date(2026, 11, 1, 10).getTime());
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deckId, 3);
    m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1 });
    const first = await backupIfDue(m.col);
    expect(first).toMatch(/backups\/collection-20261201-100000\.sqlite$/);
    const copy = new Database(first!, { readonly: true });
    expect(checksum(copy)).toBe(checksum(m.col.db));
    copy.close();
    expect(await backupIfDue(m.col)).toBeNull(); // one a day
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      m.clock.advance(DAY);
      expect(await backupIfDue(m.col)).not.toBeNull();
    }
    expect(listBackups(m.col)).toHaveLength(KEEP_BACKUPS);
    expect(listBackups(m.col)[0]).toMatch(/collection-20261218-1000/);
  });
});

describe('backups while reviewing, on close, on request, and restore in place', () => {
  it('a review backup at most every 30 minutes, only when answers were made', async () => {
    const m = tempMnemo(new Date(2026, 11, 1, 10).getTime());
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const cards = addBasicCards(m, deckId, 6);
    expect(await backupIfDue(m.col)).not.toBeNull(); // the day's backup at start
    m.clock.advance(45 * 60_000);
    expect(await backupIfReviewed(m.col)).toBeNull(); // no answers since: nothing to keep
    for (const cardId of cards.slice(0, 3)) m.api.review.answer({ cardId, rating: 3, durationMs: 1 });
    m.clock.advance(10 * 60_000);
    const second = await backupIfReviewed(m.col);
    expect(second).not.toBeNull();
    m.api.review.answer({ cardId: cards[3]!, rating: 3, durationMs: 1 });
    m.clock.advance(20 * 60_000); // 20 minutes after the last backup: not yet
    expect(await backupIfReviewed(m.col)).toBeNull();
    m.clock.advance(10 * 60_000);
    expect(await backupIfReviewed(m.col)).not.toBeNull();
    expect(listBackups(m.col)).toHaveLength(3); // all of the last day are kept
    m.close();
  });

  it('closing the app after reviews takes a backup; restore in place backs up first and brings the old state back', async () => {
    const m = tempMnemo(new Date(2026, 11, 1, 10).getTime());
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const cards = addBasicCards(m, deckId, 4);
    const stop = scheduleBackups(m.col);
    await expect.poll(() => listBackups(m.col).length, { timeout: 10_000 }).toBe(1);
    const [dayBackup] = listBackups(m.col);
    expect(dayBackup).toBeDefined();
    const before = checksum(new Database(dayBackup!, { readonly: true }));
    m.clock.advance(60_000);
    m.api.review.answer({ cardId: cards[0]!, rating: 3, durationMs: 1 });
    m.api.review.answer({ cardId: cards[1]!, rating: 1, durationMs: 1 });
    m.clock.advance(60_000);
    await stop(); // closing: the two answers are kept in a backup of their own
    expect(listBackups(m.col)).toHaveLength(2);

    const listed = m.api.backups.list();
    expect(listed.map((b) => b.name)).toEqual(listBackups(m.col).map((f) => f.split('/').at(-1)));
    const result = await m.api.backups.restore({ name: listed[1]!.name }); // the morning's
    expect(checksum(m.col.db)).toBe(before);
    expect(m.api.stats.today().studied).toBe(0); // the app's own connection sees it at once
    // …and the state just replaced is itself a backup, restorable in turn.
    m.clock.advance(1000);
    await m.api.backups.restore({ name: result.safetyBackup });
    expect(m.api.stats.today().studied).toBe(2);
    await expect(m.api.backups.restore({ name: 'collection-20990101-0000.sqlite' })).rejects.toThrow(
      /no backup named/,
    );
    expect(() => m.api.backups.restore({ name: '../collection.sqlite' })).toThrow(/not a backup name/);
    m.close();
  });

  it('a backup written by a newer Mnemo is refused, and the collection is left as it was', async () => {
    const m = tempMnemo(new Date(2026, 11, 1, 10).getTime());
    m.api.decks.create({ name: 'D' });
    const file = (await backupIfDue(m.col))!;
    const newer = new Database(file);
    newer.prepare('UPDATE schema_version SET version = 999').run();
    newer.close();
    const before = checksum(m.col.db);
    await expect(m.api.backups.restore({ name: file.split('/').at(-1)! })).rejects.toThrow(
      /written by a newer Mnemo \(schema 999/,
    );
    expect(checksum(m.col.db)).toBe(before);
    m.close();
  });
});
