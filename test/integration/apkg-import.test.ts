import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportApkg } from '../../core/export/apkg/index.ts';
import { readAnkiPackage } from '../../core/import/apkg/index.ts';
import { applyBatch } from '../../core/import/apply.ts';
import { reviewList } from '../../core/import/review-span.ts';
import type { CardRow, NoteRow } from '../../core/model/types.ts';
import { collectionBytes, validPackage } from '../helpers/anki-hostile.ts';
import { sampleCollection } from '../helpers/apkg-sample.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/anki/${name}`, import.meta.url));
const NOW = Date.parse('2026-11-29T10:00:00+08:00');

/** The six real packages (test/fixtures/anki/README.md) and what each holds. */
const PACKAGES = [
  { file: 'anki_media.apkg', notes: 1, cards: 1, reviews: 0, decks: ['Default'] },
  { file: 'anki_update1.apkg', notes: 1, cards: 1, reviews: 0, decks: ['Default'] },
  { file: 'anki_update2.apkg', notes: 1, cards: 1, reviews: 0, decks: ['Default'] },
  { file: 'anki_diffmodeltemplates-1.apkg', notes: 1, cards: 1, reviews: 0, decks: ['testdeck'] },
  { file: 'cattheory.apkg', notes: 11, cards: 11, reviews: 36, decks: ['Category Theory'] },
  { file: 'lars_deck.apkg', notes: 570, cards: 1140, reviews: 13552, decks: ['Vietnamese'] },
];

describe('.apkg import of real Anki packages', () => {
  for (const p of PACKAGES) {
    it(`${p.file}: ${p.notes} notes, ${p.cards} cards, ${p.reviews} reviews, decks and FSRS state`, () => {
      const batch = readAnkiPackage(fixture(p.file), { now: NOW });
      expect(batch.source).toEqual({ file: p.file, format: 'apkg' });
      const m = tempMnemo(NOW);
      const summary = applyBatch(m.col, batch, { dryRun: false });
      expect(summary).toMatchObject({ notesAdded: p.notes, cardsAdded: p.cards, reviewsAdded: p.reviews });
      const db = m.col.db;
      expect(db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(p.reviews);
      expect(db.prepare('SELECT name FROM decks ORDER BY name').pluck().all()).toEqual(p.decks);

      // Every reviewed card has an FSRS state that ts-fsrs can schedule from.
      const reviewed = db
        .prepare('SELECT * FROM cards WHERE id IN (SELECT card_id FROM review_log)')
        .all() as CardRow[];
      for (const c of reviewed) {
        if (c.state === 0) continue; // reset to new in Anki: its log ends with the reset
        expect(c.stability).toBeGreaterThan(0);
        expect(c.difficulty).toBeGreaterThanOrEqual(1);
        expect(c.difficulty).toBeLessThanOrEqual(10);
        expect(c.reps).toBeGreaterThan(0);
        expect(c.last_review).not.toBeNull();
        expect(Number.isFinite(c.due)).toBe(true);
      }
      // The next answer is scheduled from it.
      const card = reviewed.find((c) => c.state === 2 && !c.suspended);
      if (card) {
        const after = m.api.review.answer({ cardId: card.id, rating: 3, durationMs: 1000 });
        expect(after.fsrs.stability).toBeGreaterThan(0);
        expect(after.fsrs.reps).toBe(card.reps + 1);
      }
    });
  }

  it('lars_deck (anki21b): FSRS memory state taken from cards.data, as Anki had it', () => {
    const batch = readAnkiPackage(fixture('lars_deck.apkg'), { now: NOW });
    const cards = batch.notes.flatMap((n) => n.cards);
    const withState = cards.filter((c) => c.fsrs);
    expect(withState.length).toBe(1113); // the cards in review (type 2) with s/d in cards.data
    const first = batch.notes.find((n) => n.guid === 'P1gCP#B?mv')!;
    expect(first.fields).toEqual({ front: 'xin chào', back: 'hello, greetings' });
    expect(first.kind).toBe('reversed'); // "Basic (+IPA)": both cards, from its first two fields
    expect(first.cards[0]!.fsrs).toMatchObject({
      stability: 95.28,
      difficulty: 7.141,
      state: 2,
      reps: 11,
      lapses: 0,
    });
    expect(batch.warnings).toContain(
      'note type "Basic (+IPA)" (570 note(s)) imported from its first two fields',
    );
    // Suspended cards stay suspended.
    expect(cards.filter((c) => c.suspended)).toHaveLength(6);
    expect(batch.presets[0]).toMatchObject({
      name: 'Default',
      desiredRetention: 0.9,
      learningSteps: '1m 10m',
    });
  });

  it('cattheory (v1 scheduler): learning answers renumbered as Anki upgrades them, state rebuilt by replay', () => {
    const batch = readAnkiPackage(fixture('cattheory.apkg'), { now: NOW });
    const reviews = batch.notes.flatMap((n) => n.cards.flatMap((c) => reviewList(c.reviews)));
    // v1 learning had three buttons (Again, Good, Easy): no Hard in learning after renumbering.
    expect(reviews.filter((r) => r.kind !== 'review').every((r) => r.rating !== 2)).toBe(true);
    expect(batch.notes.flatMap((n) => n.cards).every((c) => c.fsrs === null)).toBe(true);
    const m = tempMnemo(NOW);
    applyBatch(m.col, batch, { dryRun: false });
    // 8 reviewed cards in review, 3 never studied still new.
    const states = m.col.db.prepare('SELECT state, count(*) AS n FROM cards GROUP BY state').all();
    expect(states).toEqual([
      { state: 0, n: 3 },
      { state: 2, n: 8 },
    ]);
  });

  it('importing the same package again adds nothing; a newer version of a note updates it', () => {
    const m = tempMnemo(NOW);
    applyBatch(m.col, readAnkiPackage(fixture('lars_deck.apkg'), { now: NOW }), { dryRun: false });
    const again = applyBatch(m.col, readAnkiPackage(fixture('lars_deck.apkg'), { now: NOW }), {
      dryRun: false,
    });
    expect(again).toMatchObject({ notesAdded: 0, notesUpdated: 0, notesUnchanged: 570, reviewsAdded: 0 });
    expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(13552);

    applyBatch(m.col, readAnkiPackage(fixture('anki_update1.apkg'), { now: NOW }), { dryRun: false });
    const r = applyBatch(m.col, readAnkiPackage(fixture('anki_update2.apkg'), { now: NOW }), {
      dryRun: false,
    });
    expect(r).toMatchObject({ notesAdded: 0, notesUpdated: 1 });
    const note = m.col.db.prepare("SELECT * FROM notes WHERE guid = 'cU1%zNUzk1'").get() as NoteRow;
    expect(JSON.parse(note.fields)).toEqual({ front: 'goodbye', back: 'world' });
  });

  it('sound references are kept as text with a warning; only images the notes use are read', () => {
    const batch = readAnkiPackage(fixture('anki_media.apkg'), { now: NOW });
    expect(batch.media).toEqual([]);
    expect(batch.warnings.join('\n')).toMatch(/sound or video/);
    // cattheory's media are LaTeX renders no field refers to with <img>: none are read.
    expect(readAnkiPackage(fixture('cattheory.apkg'), { now: NOW }).media).toEqual([]);
  });

  it('a review card with neither cards.data nor history: memory state inferred from its interval and ease, as Anki does', () => {
    const path = validPackage(
      'sm2.apkg',
      collectionBytes((db) => db.exec('DELETE FROM revlog')),
    );
    const [card] = readAnkiPackage(path, { now: NOW }).notes[0]!.cards;
    // At 90% historical retention the stability is the interval (5 days); ease 2.5 gives a middling difficulty.
    expect(card!.fsrs).toMatchObject({ state: 2, scheduledDays: 5, reps: 1 });
    expect(card!.fsrs!.stability).toBeCloseTo(5, 6);
    expect(card!.fsrs!.difficulty).toBeGreaterThan(1);
    expect(card!.fsrs!.difficulty).toBeLessThan(10);
  });

  it('a Mnemo note edited in Anki since the export comes back with the edited HTML, not the stale Markdown', async () => {
    const { mnemo } = sampleCollection();
    const out = join(tempDir(), 'edited.colpkg');
    await exportApkg(mnemo.col, out, { withHistory: false });
    const files = unzipSync(readFileSync(out));
    const dbPath = join(tempDir(), 'collection.anki2');
    writeFileSync(dbPath, files['collection.anki2']!);
    const db = new Database(dbPath);
    const row = db.prepare("SELECT id, flds FROM notes WHERE flds LIKE '%镜像层由哪条指令生成%'").get() as {
      id: number;
      flds: string;
    };
    const fields = row.flds.split('\x1f');
    fields[1] = '<p>RUN (edited in Anki)</p>';
    db.prepare('UPDATE notes SET flds = ? WHERE id = ?').run(fields.join('\x1f'), row.id);
    db.close();
    files['collection.anki2'] = readFileSync(dbPath);
    writeFileSync(out, zipSync(files));
    const batch = readAnkiPackage(out, { now: NOW });
    expect(batch.source.format).toBe('colpkg');
    const edited = batch.notes.find((n) => n.fields.front?.includes('镜像层由哪条指令生成'))!;
    expect(edited.fields).toEqual({
      front: '<p>镜像层由哪条指令生成</p>\n',
      back: '<p>RUN (edited in Anki)</p>',
    });
    expect(edited.context).toBe('基础');
    expect(batch.warnings).toContain(
      '1 note(s) edited in Anki: their HTML taken in place of the Markdown they were exported from',
    );
    // The others still come back as their Markdown.
    expect(
      batch.notes.find((n) => n.kind === 'cloze' && n.fields.text?.startsWith('{{c1::Dockerfile}}')),
    ).toBeDefined();
  });
});
