/** Two different ids are two cards: neither key nor edit matching joins them (issue 12). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

describe('a card with another id than the note', () => {
  it('is a new card even with the same or a similar front; the old note is retired with its history', () => {
    const m = tempMnemo();
    const file = join(tempDir(), 'd.md');
    writeFileSync(
      file,
      'a::1 ^id-aaaa0001\n\nstress-ng 选项 `--cpu 8` `--io 4` 的含义::CPU 与 IO 负载 ^id-aaaa0002\n\nz::9 ^id-aaaa0003\n',
    );
    compileDecks(m.col, [file]);
    const old = m.col.db.prepare("SELECT id FROM notes WHERE source_id = 'aaaa0002'").pluck().get() as number;
    const card = m.col.db.prepare('SELECT id FROM cards WHERE note_id = ?').pluck().get(old) as number;
    m.api.review.answer({ cardId: card, rating: 3, durationMs: 1000 });
    // Split in two, each with a new id, between the same neighbours: not an edit of the old card.
    writeFileSync(
      file,
      'a::1 ^id-aaaa0001\n\nstress-ng 选项 `--cpu 8` 的含义::CPU 负载 ^id-bbbb0001\n\nstress-ng 选项 `--io 4` 的含义::IO 负载 ^id-bbbb0002\n\nz::9 ^id-aaaa0003\n',
    );
    expect(compileDecks(m.col, [file]).totals).toMatchObject({ added: 2, edited: 0, retired: 1 });
    expect(m.col.db.prepare('SELECT retired FROM notes WHERE id = ?').pluck().get(old)).toBe(1);
    expect(m.col.db.prepare('SELECT count(*) FROM review_log WHERE card_id = ?').pluck().get(card)).toBe(1);
    // The same front with another id: a new card too, where the key alone would have matched.
    writeFileSync(file, 'a::1 ^id-cccc0001\n');
    expect(compileDecks(m.col, [file]).totals).toMatchObject({ added: 1, retired: 4 });
  });

  it('still takes over a note without an id (a card given its first id keeps its history)', () => {
    const m = tempMnemo();
    const file = join(tempDir(), 'd.md');
    writeFileSync(file, 'q::a\n');
    compileDecks(m.col, [file]);
    writeFileSync(file, 'q::a ^id-dddd0001\n');
    expect(compileDecks(m.col, [file]).totals).toMatchObject({ added: 0, retired: 0 });
  });
});
