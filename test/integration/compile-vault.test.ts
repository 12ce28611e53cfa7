/**
 * Compiling an Obsidian vault written for the Spaced Repetition plugin (notes as its
 * documentation shows them): decks from #flashcards tags, the plugin's schedule as each new
 * card's starting state, a broken card skipped with a warning unless --strict.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { memoryFromSm2 } from '../../core/import/apkg/cards.ts';
import { openMnemo } from '../../core/index.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';

function vault(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const BIOLOGY = `---
tags: [biology]
---
#flashcards/biology

# Cells

The cell is the basic unit of life. These are my own notes, not cards.

Powerhouse of the cell::mitochondria
<!--SR:!2026-12-05,4,270-->
Site of photosynthesis::chloroplast <!--SR:!2026-11-20,12,250--> ^c0ffee
My own remark about chloroplasts, right after the card.

DNA:::deoxyribonucleic acid
<!--SR:!2026-12-01,3,230!2000-01-01,1,250-->

The ==nucleus== holds the ==chromosomes==
<!--SR:!2026-12-02,2,250!2026-12-09,9,290-->

What does a ribosome make?
?
Proteins
<!--SR:!2026-12-03,6,210-->

A paragraph of prose after the card, not part of its back.

<!--
Retired idea::not a card
<!--SR:!2026-12-05,4,270-->
-->

bad::::separator
`;

const JOURNAL = `# Monday

Met Alice:: we talked about cells.
Nothing here is a card: this note has no flashcards tag.
`;

type Row = {
  ord: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  last_review: number | null;
  reps: number;
};

function cardsOf(m: ReturnType<typeof tempMnemo>, front: string): Row[] {
  return m.col.db
    .prepare(
      `SELECT c.* FROM cards c JOIN notes n ON n.id = c.note_id
       WHERE json_extract(n.fields, '$.front') = ? OR json_extract(n.fields, '$.text') LIKE ? ORDER BY c.ord`,
    )
    .all(front, `%${front}%`) as Row[];
}

/** The start of a study day (the collection's day start hour, local time). */
const dayStart = (m: ReturnType<typeof tempMnemo>, y: number, mo: number, d: number) =>
  new Date(y, mo - 1, d, m.col.settings().dayStartHour).getTime();

describe('compiling an Obsidian vault', () => {
  it('reads tagged notes only, skips prose, decks from tags, a broken card skipped with a warning', () => {
    const m = tempMnemo();
    const dir = vault({ 'Biology.md': BIOLOGY, 'Journal/Monday.md': JOURNAL });
    const r = compileDecks(m.col, [dir], { vault: true });
    expect(r.errors).toEqual([]);
    expect(r.applied).toBe(true);
    expect(r.warnings.map((w) => [w.file, w.line, w.message])).toEqual([
      [join(dir, 'Biology.md'), 33, '"::::" is not a separator: use :: (one card) or ::: (two)'],
    ]);
    const notes = m.col.db
      .prepare(
        `SELECT n.kind, n.fields, n.tags, d.name AS deck FROM notes n JOIN cards c ON c.note_id = n.id AND c.ord = 0
         JOIN decks d ON d.id = c.deck_id ORDER BY n.source_line`,
      )
      .all() as { kind: string; fields: string; tags: string; deck: string }[];
    expect(notes.map((n) => [n.kind, JSON.parse(n.fields), n.deck])).toEqual([
      ['basic', { front: 'Powerhouse of the cell', back: 'mitochondria' }, 'flashcards::biology'],
      ['basic', { front: 'Site of photosynthesis', back: 'chloroplast' }, 'flashcards::biology'],
      ['reversed', { front: 'DNA', back: 'deoxyribonucleic acid' }, 'flashcards::biology'],
      ['cloze', { text: 'The {{c1::nucleus}} holds the {{c2::chromosomes}}' }, 'flashcards::biology'],
      ['basic', { front: 'What does a ribosome make?', back: 'Proteins' }, 'flashcards::biology'],
    ]);
    expect(notes.every((n) => n.tags.includes('biology') && !n.tags.includes('flashcards'))).toBe(true);
  });

  it('an error inside a card (a remote image) costs that card only, as a warning that says so', () => {
    const m = tempMnemo();
    const note = '#flashcards\nCell diagram::![](https://example.com/cell.png)\nKept::card\n';
    const dir = vault({ 'Cells.md': note });
    const r = compileDecks(m.col, [dir], { vault: true });
    expect(r.warnings.map((w) => `${w.line}:${w.column}: ${w.message}`)).toEqual([
      '2:15: image https://example.com/cell.png is remote: save it next to the deck file (Mnemo loads nothing remote) (card skipped)',
    ]);
    expect(m.col.db.prepare("SELECT json_extract(fields, '$.front') FROM notes").pluck().all()).toEqual([
      'Kept',
    ]);
  });

  it("the first compile takes each card's schedule comment as its starting state (through ts-fsrs)", () => {
    const m = tempMnemo();
    compileDecks(m.col, [vault({ 'Biology.md': BIOLOGY })], { vault: true });
    const [power] = cardsOf(m, 'Powerhouse of the cell');
    const memory = memoryFromSm2(2.7, 4, default_w);
    expect(power).toMatchObject({
      state: 2,
      due: dayStart(m, 2026, 12, 5),
      last_review: dayStart(m, 2026, 12, 1),
      scheduled_days: 4,
      reps: 1,
      stability: memory.s,
      difficulty: memory.d,
    });
    // Same line as the card, with a block id after it.
    expect(cardsOf(m, 'Site of photosynthesis')[0]).toMatchObject({
      state: 2,
      due: dayStart(m, 2026, 11, 20),
      scheduled_days: 12,
      stability: memoryFromSm2(2.5, 12, default_w).s,
    });
    // Two cards, the second never reviewed in the plugin (2000-01-01): new.
    expect(cardsOf(m, 'DNA').map((c) => [c.ord, c.state, c.scheduled_days])).toEqual([
      [0, 2, 3],
      [1, 0, 0],
    ]);
    expect(cardsOf(m, 'nucleus').map((c) => [c.ord, c.state, c.due])).toEqual([
      [0, 2, dayStart(m, 2026, 12, 2)],
      [1, 2, dayStart(m, 2026, 12, 9)],
    ]);
    expect(cardsOf(m, 'What does a ribosome make?')[0]).toMatchObject({ state: 2, scheduled_days: 6 });
    // A higher ease is a card that was easier: lower difficulty for the same interval.
    expect(memoryFromSm2(2.9, 9, default_w).d).toBeLessThan(memoryFromSm2(2.1, 9, default_w).d);
  });

  it("later compiles keep Mnemo's schedule: a comment the plugin rewrote changes nothing", () => {
    const m = tempMnemo();
    const dir = vault({ 'Biology.md': BIOLOGY });
    compileDecks(m.col, [dir], { vault: true });
    const before = cardsOf(m, 'Powerhouse of the cell');
    writeFileSync(join(dir, 'Biology.md'), BIOLOGY.replace('2026-12-05,4,270', '2027-01-20,40,290'));
    const again = compileDecks(m.col, [dir], { vault: true });
    expect(again.totals).toMatchObject({ added: 0, updated: 0, unchanged: 5, retired: 0 });
    expect(cardsOf(m, 'Powerhouse of the cell')).toEqual(before);
  });

  it('--strict: the same error stops the compile and nothing changes', () => {
    const m = tempMnemo();
    const dir = vault({ 'Biology.md': BIOLOGY });
    const sum = checksum(m.col.db);
    const r = compileDecks(m.col, [dir], { vault: true, strict: true });
    expect(r.applied).toBe(false);
    expect(r.errors.map((e) => e.line)).toEqual([33]);
    expect(checksum(m.col.db)).toBe(sum);
  });

  it('without vault mode the same notes keep the strict reading; obsidian: true in front matter opts one file in', () => {
    const m = tempMnemo();
    const dir = vault({ 'Biology.md': BIOLOGY });
    const strict = compileDecks(m.col, [dir]);
    expect(strict.applied).toBe(false);
    expect(strict.errors.length).toBeGreaterThan(1);
    const optedIn = vault({
      'Biology.md': BIOLOGY.replace('tags: [biology]', 'tags: [biology]\nobsidian: true'),
    });
    const r = compileDecks(m.col, [optedIn]);
    expect(r).toMatchObject({ applied: true, errors: [] });
    expect(r.warnings.map((w) => w.line)).toEqual([34]);
    expect(cardsOf(m, 'Powerhouse of the cell')[0]).toMatchObject({ state: 2, scheduled_days: 4 });
  });
});

describe('mnemo compile --vault', () => {
  const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
  const mnemo = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd });

  it('prints the skipped card as file:line:column: warning and applies the rest; --strict fails', () => {
    const dir = vault({ 'vault/Biology.md': BIOLOGY, 'vault/Journal.md': JOURNAL });
    const dataDir = join(dir, 'data');
    const strict = mnemo(['compile', '--vault', '--strict', 'vault', '--data', dataDir], dir);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('vault/Biology.md:33:4: "::::" is not a separator');
    const r = mnemo(['compile', '--vault', 'vault', '--data', dataDir], dir);
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe(
      'vault/Biology.md:33:4: warning: "::::" is not a separator: use :: (one card) or ::: (two)',
    );
    const m = openMnemo({ dataDir });
    expect(m.col.db.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(7);
    m.close();
  });
});
