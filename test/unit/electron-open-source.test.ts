import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { addDeckFolder } from '../../core/compiler/deck-folders.ts';
import { openCardSource } from '../../electron/ipc.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const PAGE = 'app://mnemo/index.html';

/** A card compiled from a registered deck folder, one from elsewhere, one added in the app. */
function cards() {
  const m = tempMnemo();
  const base = realpathSync(tempDir());
  const decks = join(base, 'decks');
  const other = join(base, 'other');
  mkdirSync(decks);
  mkdirSync(other);
  writeFileSync(join(decks, 'a.md'), 'inside::yes\n');
  writeFileSync(join(other, 'b.md'), 'outside::yes\n');
  addDeckFolder(m.col, decks);
  m.api.decks.compile({ paths: [decks] });
  compileDecks(m.col, [other]);
  const deckId = m.api.decks.create({ name: 'App' }).id;
  m.api.notes.add({ deckId, kind: 'basic', fields: { front: 'app', back: 'only' } });
  const id = (front: string) =>
    m.col.db
      .prepare(
        "SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE json_extract(n.fields, '$.front') = ?",
      )
      .pluck()
      .get(front) as number;
  return { m, decks, inside: id('inside'), outside: id('outside'), app: id('app') };
}

describe('"Open in editor" in Electron (the main process without Electron)', () => {
  it('opens the deck file of a card, found by the core from the card id', async () => {
    const { m, decks, inside } = cards();
    const opened: string[] = [];
    const reply = await openCardSource(m.col, true, PAGE, inside, async (p) => {
      opened.push(p);
      return '';
    });
    expect(reply).toEqual({ ok: true, result: join(decks, 'a.md') });
    expect(opened).toEqual([join(decks, 'a.md')]);
  });

  it('opens nothing for another window, a bad id, a card without a file or outside the deck folders', async () => {
    const { m, inside, outside, app } = cards();
    const opened: string[] = [];
    const open = async (p: string) => {
      opened.push(p);
      return '';
    };
    expect(await openCardSource(m.col, false, PAGE, inside, open)).toMatchObject({
      error: { type: 'Unauthorized' },
    });
    expect(await openCardSource(m.col, true, 'https://evil.example/', inside, open)).toMatchObject({
      error: { type: 'Unauthorized' },
    });
    for (const bad of ['1', -1, 1.5, null, { cardId: 1 }]) {
      expect(await openCardSource(m.col, true, PAGE, bad, open), String(bad)).toMatchObject({
        error: { type: 'InvalidArgument' },
      });
    }
    expect(await openCardSource(m.col, true, PAGE, app, open)).toMatchObject({
      error: { type: 'NotFound', message: 'this card was not compiled from a file' },
    });
    expect(await openCardSource(m.col, true, PAGE, outside, open)).toMatchObject({
      error: { type: 'InvalidArgument', message: expect.stringContaining('is not inside a deck folder') },
    });
    expect(await openCardSource(m.col, true, PAGE, 999_999, open)).toMatchObject({
      error: { type: 'NotFound' },
    });
    expect(opened).toEqual([]);
  });

  it("reports the OS's refusal", async () => {
    const { m, inside } = cards();
    expect(
      await openCardSource(m.col, true, PAGE, inside, async () => 'no application for .md'),
    ).toMatchObject({
      ok: false,
      error: { type: 'Internal', message: expect.stringMatching(/a\.md: no application for \.md$/) },
    });
  });
});
