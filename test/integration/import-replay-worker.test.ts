/**
 * A large import replays its cards' logs on a worker thread while the rows are stored
 * (core/import/replay/queue.ts). It must store exactly what replaying in place stores:
 * real Anki packages and generated ones with every kind of history, into an empty
 * collection and into one that already has some of the notes, and change nothing when it
 * fails or is a dry run. A worker that cannot start leaves the replays to the importing
 * thread, with the same result.
 */
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readAnkiPackage } from '../../core/import/apkg/index.ts';
import { type ApplyOptions, applyBatch } from '../../core/import/apply.ts';
import { WorkerWrites } from '../../core/import/replay/queue.ts';
import { type Replayed, replayOne, toEntry } from '../../core/import/replay/replay.ts';
import type { PresetRow } from '../../core/model/types.ts';
import { type StudyTime, studyTime } from '../../core/scheduler/study-time.ts';
import type { Db } from '../../core/store/db.ts';
import { collectionBytes, validPackage } from '../helpers/anki-hostile.ts';
import { checksum, seededRandom, tempMnemo, typedRows } from '../helpers/collection.ts';

const NOW = Date.parse('2026-11-29T10:00:00+08:00');
const DAY = 86_400_000;
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/anki/${name}`, import.meta.url));

/** How an import is asked to replay, and how many cards the worker replayed. */
function way(onWorker: boolean, bulk: boolean) {
  const seen = { byWorker: -1 };
  const options: ApplyOptions = {
    dryRun: false,
    workerReviews: onWorker ? 0 : Number.POSITIVE_INFINITY,
    bulkReviews: bulk ? 0 : Number.POSITIVE_INFINITY,
    onReplayed: (stats) => {
      seen.byWorker = stats.byWorker;
    },
  };
  return { options, seen };
}

/**
 * A schema-11 collection of `notes` basic notes in two decks, their cards in every state,
 * some with an FSRS memory state in `data` and most without (their state is the replay's),
 * and a review log with learning, review, relearning, filtered-deck (cram) and reset rows.
 * `extra` adds rows to the logs (as another device would) and notes past the first package's.
 */
function generatedPackage(seed: number, notes: number, extra = false): string {
  const rand = seededRandom(seed);
  const bytes = collectionBytes((db: Database.Database) => {
    db.exec('BEGIN; DELETE FROM notes; DELETE FROM cards; DELETE FROM revlog');
    const note = db.prepare("INSERT INTO notes VALUES (?, ?, 1342697561419, ?, 0, ?, ?, ?, 0, 0, '')");
    const card = db.prepare(
      'INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)',
    );
    const log = db.prepare('INSERT INTO revlog VALUES (?, ?, 0, ?, ?, 0, ?, ?, ?)');
    const total = extra ? notes + notes / 5 : notes;
    for (let i = 0; i < total; i++) {
      const nid = 1_600_000_000_000 + i * 1000;
      const cid = 1_650_000_000_000 + i * 1000;
      note.run(
        nid,
        `gen-${i}`,
        1_700_000_000 + (extra ? 10 : 0),
        ` t${i % 3} `,
        `front ${i}\x1fback ${i}`,
        `front ${i}`,
      );
      const type = Math.floor(rand() * 4);
      const queue = type === 0 ? 0 : rand() < 0.1 ? -1 : type === 2 ? 2 : 1;
      const ivl = type === 2 ? 1 + Math.floor(rand() * 60) : 0;
      const data = rand() < 0.2 ? JSON.stringify({ s: 1 + rand() * 30, d: 1 + rand() * 9 }) : '';
      const did = rand() < 0.5 ? 1 : 1_500_000_000_000;
      card.run(
        cid,
        nid,
        did,
        type,
        queue,
        type === 0 ? i : 20 + Math.floor(rand() * 40),
        ivl,
        2500,
        3,
        1,
        0,
        rand() < 0.1 ? 2 : 0,
        data,
      );
      // Reviews from 300 days ago, a few hours to a few weeks apart; a new card has none.
      const n = type === 0 ? 0 : Math.floor(rand() * 25) + (extra && i % 2 === 0 ? 3 : 0);
      let at = NOW - 300 * DAY + Math.floor(rand() * 30) * DAY;
      for (let r = 0; r < n; r++) {
        at += Math.floor(rand() * 14) * DAY + Math.floor(rand() * 7_200_000) + 1000;
        const roll = rand();
        const kind = roll < 0.05 ? 4 : roll < 0.1 ? 3 : roll < 0.3 ? 0 : roll < 0.4 ? 2 : 1;
        const ease = kind === 4 ? 0 : 1 + Math.floor(rand() * 4);
        const factor = kind === 4 || (kind === 3 && rand() < 0.5) ? 0 : 2500;
        // Unique ids: the card's number in the low digits.
        log.run(
          Math.floor(at / 1000) * 1000 + i,
          cid,
          ease,
          ivl,
          factor,
          1000 + Math.floor(rand() * 9000),
          kind,
        );
      }
    }
    db.exec('COMMIT');
  });
  return validPackage(`gen-${seed}${extra ? '-more' : ''}.apkg`, bytes);
}

/** Every row of every table with each value's SQLite type; a made review id only up to its time. */
function rows(db: Db): Record<string, unknown[][]> {
  return typedRows(db, {
    where: { settings: "key <> 'deviceId'" },
    map: (t, cols, row) => {
      const id = cols.indexOf('id') * 2 + 1;
      if (t === 'review_log') row[id] = (row[id] as string).slice(0, 13);
      return row;
    },
  });
}

describe('replays on a worker thread', () => {
  const packages = [
    { name: 'lars_deck.apkg', path: () => fixture('lars_deck.apkg') },
    { name: 'cattheory.apkg', path: () => fixture('cattheory.apkg') },
    { name: 'a generated package', path: () => generatedPackage(7, 600) },
  ];
  for (const p of packages) {
    it(`store what replays in place store: ${p.name}`, () => {
      const batch = readAnkiPackage(p.path(), { now: NOW });
      for (const bulk of [false, true]) {
        const inPlace = tempMnemo(NOW);
        const onWorker = tempMnemo(NOW);
        const a = way(false, bulk);
        const b = way(true, bulk);
        const summary = applyBatch(inPlace.col, batch, a.options);
        expect(applyBatch(onWorker.col, batch, b.options)).toEqual(summary);
        expect(summary.reviewsAdded).toBeGreaterThan(30);
        expect(a.seen.byWorker).toBe(0);
        expect(b.seen.byWorker).toBeGreaterThan(5);
        const stored = rows(onWorker.col.db);
        expect(stored).toEqual(rows(inPlace.col.db));
        expect(stored.review_log!.length).toBe(summary.reviewsAdded);
        inPlace.close();
        onWorker.close();
      }
    });
  }

  it('store what replays in place store into a collection that has some of the notes', () => {
    const first = readAnkiPackage(generatedPackage(11, 400), { now: NOW });
    // The same notes newer, more reviews on half of the cards (another device), and new notes.
    const second = readAnkiPackage(generatedPackage(11, 400, true), { now: NOW });
    const inPlace = tempMnemo(NOW);
    const onWorker = tempMnemo(NOW);
    applyBatch(inPlace.col, first, way(false, false).options);
    applyBatch(onWorker.col, first, way(false, false).options);
    const b = way(true, false);
    const summary = applyBatch(onWorker.col, second, b.options);
    expect(summary).toEqual(applyBatch(inPlace.col, second, way(false, false).options));
    expect(summary.notesAdded).toBe(80);
    expect(summary.cardsUpdated).toBeGreaterThan(50);
    expect(b.seen.byWorker).toBeGreaterThan(5);
    expect(rows(onWorker.col.db)).toEqual(rows(inPlace.col.db));
    inPlace.close();
    onWorker.close();
  });

  it('change nothing as a dry run or when storing fails midway', () => {
    const batch = readAnkiPackage(generatedPackage(5, 300), { now: NOW });
    const m = tempMnemo(NOW);
    const before = checksum(m.col.db);
    const dry = applyBatch(m.col, batch, { ...way(true, true).options, dryRun: true });
    expect(dry.reviewsAdded).toBeGreaterThan(300);
    expect(checksum(m.col.db)).toBe(before);
    m.col.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON review_log WHEN (SELECT count(*) FROM review_log) >= 200
      BEGIN SELECT RAISE(ABORT, 'the disk is on fire'); END`);
    const withTrigger = checksum(m.col.db);
    expect(() => applyBatch(m.col, batch, way(true, true).options)).toThrow(
      /gen-5\.apkg: .*the disk is on fire/,
    );
    expect(checksum(m.col.db)).toBe(withTrigger);
    m.col.db.exec('DROP TRIGGER fail');
    expect(applyBatch(m.col, batch, way(true, true).options)).toEqual({ ...dry, dryRun: false });
    m.close();
  });

  /** 300 cards' jobs (some with no log: no replay), added to `writes`; returns what each write got and should get. */
  function addJobs(writes: WorkerWrites, preset: PresetRow, time: StudyTime) {
    const rand = seededRandom(3);
    const got: (Replayed | null)[] = [];
    const want: (Replayed | null)[] = [];
    for (let id = 1; id <= 300; id++) {
      const rows = Array.from({ length: id % 7 }, (_e, i) => ({
        rating: Math.floor(rand() * 5),
        reviewedAt: NOW - 100 * DAY + i * 3 * DAY + Math.floor(rand() * DAY),
        kind: rand() < 0.1 ? 'cram' : 'review',
      }));
      const job = rows.length ? { preset, card: { id, created_at: NOW - 200 * DAY }, rows } : null;
      writes.add(job, (r) => got.push(r));
      want.push(job && replayOne(preset, 4, time, job.card, rows.map(toEntry)));
    }
    return { got, want };
  }

  const texts = (r: Replayed | null) =>
    r && {
      final: r.final,
      rows: Array.from({ length: r.batch.before.length - r.offset }, (_e, i) => [
        r.batch.texts[r.batch.before[r.offset + i]!],
        r.batch.texts[r.batch.after[r.offset + i]!],
        r.batch.states[r.offset + i],
      ]),
    };
  // Compared through each card's own rows (a batch holds several cards).
  const own = (list: (Replayed | null)[]) =>
    list.map((r, k) => {
      const n = k + 1;
      const t = texts(r);
      return t && { ...t, rows: t.rows.slice(0, n % 7) };
    });

  it('are done in place, the same, when the worker cannot start', () => {
    const m = tempMnemo(NOW);
    const time = studyTime(4);
    const writes = new WorkerWrites(4, time, { entry: 'file:///no/such/worker.mjs' });
    const { got, want } = addJobs(writes, m.col.preset(1)!, time);
    writes.drain();
    expect(writes.close().byWorker).toBe(0);
    expect(own(got)).toEqual(own(want));
    m.close();
  });

  it("run the caller's idle work instead of waiting for the worker, the writes still in order", () => {
    const m = tempMnemo(NOW);
    const time = studyTime(4);
    // What was written when each idle call came: work only ever between writes, never lost.
    const idleAt: number[] = [];
    const writes = new WorkerWrites(4, time, {
      writeOnDrain: true,
      // Some work the first times (as a merge storing its held log rows), then none: it waits.
      idle: () => {
        idleAt.push(got.length);
        return idleAt.length <= 3;
      },
    });
    const { got, want } = addJobs(writes, m.col.preset(1)!, time);
    expect(got).toEqual([]);
    writes.drain();
    expect(writes.close().byWorker).toBeGreaterThan(100);
    expect(own(got)).toEqual(own(want));
    // The worker had not answered when the drain began: the first write waited, doing idle work.
    expect(idleAt[0]).toBe(0);
    expect(idleAt.length).toBeGreaterThanOrEqual(4);
    m.close();
  });
});
