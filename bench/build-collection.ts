/**
 * Builds the benchmark collection: 100,000 cards in 50 decks with 1,000,000 review-log rows,
 * from a fixed seed, through the real schema (or the same data scaled to 1,000,000 cards and
 * 3,000,000 rows for `--scale 1m`). Run as a script so the building process's memory does not
 * count toward the measured one: `tsx bench/build-collection.ts DIR NOW [1m]`.
 */
import { randomUUID } from 'node:crypto';
import { openMnemo } from '../core/index.ts';
import { seededRandom } from '../core/util/random.ts';

export interface BenchSpec {
  cards: number;
  decks: number;
  reviews: number;
  seed: number;
}
export const BENCH: BenchSpec = { cards: 100_000, decks: 50, reviews: 1_000_000, seed: 42 };
/** `npm run bench -- --scale 1m`: the same data, ten times the cards and three times the log. */
export const BENCH_1M: BenchSpec = { cards: 1_000_000, decks: 50, reviews: 3_000_000, seed: 42 };
const DAY = 86_400_000;

export function buildBenchCollection(dataDir: string, now: number, spec: BenchSpec = BENCH): void {
  const rand = seededRandom(spec.seed);
  const m = openMnemo({ dataDir, clock: () => now });
  const { col, api } = m;
  const deckIds: number[] = [];
  // 10 subjects with 4 parts each: 50 decks, so parent limits matter.
  for (let s = 1; deckIds.length < spec.decks; s++) {
    deckIds.push(api.decks.create({ name: `Subject ${String(s).padStart(2, '0')}` }).id);
    for (let p = 1; p <= 4 && deckIds.length < spec.decks; p++) {
      deckIds.push(api.decks.create({ name: `Subject ${String(s).padStart(2, '0')}::Part ${p}` }).id);
    }
  }
  const insertNote = col.db.prepare(
    `INSERT INTO notes (guid, kind, fields, tags, created_at, modified_at)
     VALUES (?, 'basic', ?, 'bench', ?, ?) RETURNING id`,
  );
  const insertCard = col.db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days,
       learning_steps, reps, lapses, state, last_review, new_position, created_at, modified_at)
     VALUES (?, ?, 0, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insertLog = col.db.prepare(
    `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const reviewed: { id: number; deck: number; last: number }[] = [];
  col.tx(() => {
    for (let i = 0; i < spec.cards; i++) {
      const deck = deckIds[Math.floor(rand() * deckIds.length)]!;
      const created = now - Math.floor(rand() * 700) * DAY;
      const { id: noteId } = insertNote.get(
        randomUUID(),
        JSON.stringify({ front: `Question ${i}: what is item ${i}?`, back: `Answer ${i}` }),
        created,
        created,
      ) as { id: number };
      const roll = rand();
      if (roll < 0.3) {
        insertCard.get(noteId, deck, created, 0, 0, 0, 0, 0, 0, 0, null, i + 1, created, created);
        continue;
      }
      const learning = roll < 0.33;
      const scheduled = learning ? 0 : 1 + Math.floor(rand() * 200);
      // Reviewed some time ago (up to 20% past the interval), so about a sixth is due today.
      const last = learning
        ? now - Math.floor(rand() * 3_600_000)
        : now - Math.floor(rand() * scheduled * 1.2) * DAY - Math.floor(rand() * DAY);
      const due = learning ? last + 600_000 : last + scheduled * DAY;
      const { id } = insertCard.get(
        noteId,
        deck,
        due,
        0.5 + rand() * 300,
        1 + rand() * 9,
        scheduled,
        learning ? 1 : 0,
        5 + Math.floor(rand() * 20),
        Math.floor(rand() * 4),
        learning ? 1 : 2,
        last,
        i + 1,
        created,
        created,
      ) as { id: number };
      reviewed.push({ id, deck, last });
    }
    // Spread the log rows over the reviewed cards, oldest first.
    const state = JSON.stringify({ due: now, stability: 10.5, difficulty: 5.2, state: 2, reps: 10 });
    for (let r = 0; r < spec.reviews; r++) {
      const c = reviewed[r % reviewed.length]!;
      const at = c.last - Math.floor(r / reviewed.length) * 7 * DAY;
      const rating = 1 + Math.floor(rand() * 4);
      insertLog.run(
        randomUUID(),
        c.id,
        c.deck,
        rating,
        'review',
        2,
        at,
        1000 + Math.floor(rand() * 20_000),
        state,
        state,
      );
    }
  });
  col.db.pragma('wal_checkpoint(TRUNCATE)');
  col.db.exec('ANALYZE');
  m.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, now, scale] = process.argv.slice(2);
  buildBenchCollection(dir!, Number(now), scale === '1m' ? BENCH_1M : BENCH);
}
