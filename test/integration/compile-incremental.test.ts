/**
 * A recompile that re-reads only the cards around what changed (core/compiler/incremental.ts)
 * stores exactly what a parse of the whole file stores, over many random edits of files with
 * every kind of card, headings, fences with blank lines, continuation paragraphs and ids; and
 * it leaves the rows of unchanged cards, and their full-text entries, untouched.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import type { Mnemo } from '../../core/index.ts';
import { seededRandom, tempDir, tempMnemo, typedRows } from '../helpers/collection.ts';

type Unit = { n: number; kind: number; v: number };

/** The text of one unit of a deck file: a card of some kind, a heading, or prose. */
function unitText(u: Unit): string {
  const { n, v } = u;
  switch (u.kind) {
    case 0:
      return `Question ${n} about option --opt-${n}::It sets ${n} (v${v})`;
    case 1:
      return `Term ${n}:::Meaning ${n} v${v}`;
    case 2:
      return `How do you run job ${n}?\n?\n\`\`\`bash\ntool run ${n}\n\ntool wait ${n}\n\`\`\`\nthen check log ${n} v${v}`;
    case 3:
      return `Fact ${n} is stored under ==key ${n}== in bucket ${v}.`;
    case 4:
      return `Alpha ${n}::one ${v}\nBeta ${n}::two\nGamma ${n}::three`;
    case 5:
      return `Card ${n} with more::short answer ${n}\n\nMore about card ${n}, version ${v}.`;
    case 6:
      return `## Section ${n}`;
    case 7:
      return `Identified ${n}::answer ${v} ^id-c${n}`;
    case 8:
      return `Multi ${n}\nsecond line ${v}\n?\nanswer ${n}`;
    default:
      return `Plain prose ${n}, version ${v}.`;
  }
}

function fileText(units: Unit[]): string {
  return `---\ndeck: Inc::Deck\ntags: [t]\n---\n# Top\n\n${units.map(unitText).join('\n\n')}\n`;
}

/** A few random edits: content changed, units added and removed, paragraphs joined, headings moved. */
function edit(units: Unit[], rand: () => number, next: () => number): Unit[] {
  const out = units.map((u) => ({ ...u }));
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * out.length);
    const roll = rand();
    if (roll < 0.45 && out[at]) out[at]!.v++;
    else if (roll < 0.6) out.splice(at, 1);
    else if (roll < 0.8) out.splice(at, 0, { n: next(), kind: Math.floor(rand() * 10), v: 0 });
    else if (roll < 0.9 && out[at])
      out[at]!.kind = 9; // a card turned into prose
    else if (out[at]) out[at]!.kind = [0, 3, 5, 8][Math.floor(rand() * 4)]!; // another kind of card
  }
  return out;
}

/** What a compile stored, random guids and the times files were compiled left out. */
function stored(m: Mnemo) {
  return typedRows(m.col.db, {
    skip: /^(?!notes$|cards$|source_files$)/,
    // Forced, an unchanged file is compiled again: only its time differs.
    map: (_table, columns, row) =>
      row.map((v, i) => (['guid', 'compiled_at'].includes(columns[i >> 1]!) ? '' : v)),
  });
}

describe('a recompile that re-reads only what changed', () => {
  it('stores what reading every file whole stores, over many random edits', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rand = seededRandom(seed);
      let n = 0;
      const next = () => ++n;
      let files = [0, 1, 2].map(() =>
        Array.from({ length: 30 }, () => ({ n: next(), kind: Math.floor(rand() * 10), v: 0 })),
      );
      const dir = tempDir();
      const write = () => {
        for (const [f, u] of files.entries()) writeFileSync(join(dir, `f${f}.md`), fileText(u));
      };
      write();
      const part = tempMnemo();
      const whole = tempMnemo();
      compileDecks(part.col, [dir]);
      compileDecks(whole.col, [dir]);
      for (let version = 0; version < 12; version++) {
        files = files.map((u) => (rand() < 0.7 ? edit(u, rand, next) : u));
        write();
        part.clock.advance(60_000);
        whole.clock.advance(60_000);
        const a = compileDecks(part.col, [dir], { keepGoing: true });
        const b = compileDecks(whole.col, [dir], { keepGoing: true, force: true });
        const context = `seed ${seed}, version ${version}`;
        expect(a.errors, context).toEqual(b.errors);
        expect(a.totals, context).toEqual(b.totals);
        expect(a.files.map((f) => f.editedFronts)).toEqual(b.files.map((f) => f.editedFronts));
        expect(stored(part), context).toEqual(stored(whole));
      }
      part.close();
      whole.close();
    }
  });

  it('reads a file whole when it was last read another way (as a vault note)', () => {
    const dir = tempDir();
    const file = join(dir, 'v.md');
    const text = (v: number) =>
      `#flashcards\n\n# Notes\n\nFirst::one\n\nMore about the first.\n\n${['Second', 'Third', 'Fourth', 'Fifth'].map((c) => `${c}::${c.length}`).join('\n\n')}\n\nLast::${v}\n`;
    writeFileSync(file, text(0));
    const part = tempMnemo();
    const whole = tempMnemo();
    for (const m of [part, whole]) compileDecks(m.col, [dir], { vault: true });
    writeFileSync(file, text(1));
    compileDecks(part.col, [dir]);
    compileDecks(whole.col, [dir], { force: true });
    expect(stored(part)).toEqual(stored(whole));
    // Read as a deck file, the paragraph after the first card is its back's continuation.
    expect(
      part.col.db.prepare("SELECT fields FROM notes WHERE fields LIKE '%First%'").pluck().get(),
    ).toContain('More about the first.');
    part.close();
    whole.close();
  });

  it('leaves the rows of unchanged cards and their full-text entries untouched', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const units = Array.from({ length: 60 }, (_, i) => ({ n: i + 1, kind: i % 9, v: 0 }));
    writeFileSync(join(dir, 'a.md'), fileText(units));
    compileDecks(m.col, [dir]);
    const before = typedRows(m.col.db, { skip: /^(?!notes$|cards$)/ });
    // Every row write from now on is logged.
    m.col.db.exec(`
      CREATE TEMP TABLE written (tbl TEXT, id INTEGER);
      CREATE TEMP TRIGGER notes_written AFTER UPDATE ON notes BEGIN INSERT INTO written VALUES ('notes', old.id); END;
      CREATE TEMP TRIGGER cards_written AFTER UPDATE ON cards BEGIN INSERT INTO written VALUES ('cards', old.id); END;
    `);
    const fts = () =>
      m.col.db.prepare('SELECT * FROM notes_fts_docsize ORDER BY id').raw().all() as unknown[][];
    const ftsBefore = fts();
    // Two cards' backs changed, far apart.
    units[10]!.v = 1;
    units[45]!.v = 1;
    m.clock.advance(60_000);
    writeFileSync(join(dir, 'a.md'), fileText(units));
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ updated: 2, edited: 0, added: 0, retired: 0 });
    const changed = m.col.db
      .prepare("SELECT id FROM notes WHERE fields LIKE '%v1%' ORDER BY id")
      .pluck()
      .all();
    const written = m.col.db
      .prepare("SELECT DISTINCT id FROM written WHERE tbl = 'notes' ORDER BY id")
      .pluck();
    expect(written.all()).toEqual(changed);
    expect(m.col.db.prepare("SELECT count(*) FROM written WHERE tbl = 'cards'").pluck().get()).toBe(0);
    // Every other row as it was, byte for byte; and the other notes' index entries too.
    const after = typedRows(m.col.db, { skip: /^(?!notes$|cards$)/ });
    const others = (rows: unknown[][]) => rows.filter((row) => !changed.includes(row[1]));
    expect(others(after.notes!)).toEqual(others(before.notes!));
    expect(after.cards).toEqual(before.cards);
    const notChanged = (rows: unknown[][]) => rows.filter((row) => !changed.includes(row[0]));
    expect(notChanged(fts())).toEqual(notChanged(ftsBefore));
    m.close();
  });
});
