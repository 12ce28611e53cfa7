import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupIfDue, KEEP_BACKUPS, listBackups } from '../../core/store/backup.ts';
import { addBasicCards, checksum, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;

describe('automatic backups', () => {
  it('takes one consistent snapshot per study day and keeps the newest', async () => {
    const m = tempMnemo(new Date(2026, 11, 1, 10).getTime());
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deckId, 3);
    m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1 });
    const first = await backupIfDue(m.col);
    expect(first).toMatch(/backups\/collection-20261201-1000\.sqlite$/);
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
