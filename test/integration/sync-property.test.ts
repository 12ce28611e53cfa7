/**
 * The property of sync: N devices (2-5) answer, undo, suspend, flag, reset and reposition
 * at random, each on its own clock, sync at random moments while files reach them in random order, partly
 * (cut mid-line), duplicated and as conflict copies. Once every file has arrived, every
 * device holds the same cards (state, due, S, D…) and review log, equal to a fresh
 * collection that read the union. Collections live in /dev/shm (real SQLite files, in memory).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/sync/folder.ts';
import { seededRandom } from '../helpers/collection.ts';
import {
  type Device,
  deckTemplate,
  deliver,
  makeDevice,
  START,
  scratchDirs,
  segmentFiles,
  snapshot,
  writeDeck,
} from '../helpers/sync-devices.ts';

const RUNS = Number(process.env.SYNC_RUNS) || 200;
const CARDS = 6;
const STEPS = 24;

const dir = scratchDirs('mnemo-sync-prop-');

const decks = writeDeck(dir(), CARDS);
const template = deckTemplate(decks, dir());

/** Some of the other devices' files reach `to`: whole or cut short, now and then as a conflict copy. */
function deliverSome(from: Device[], to: Device, rnd: () => number, all = false): void {
  for (const src of from) {
    if (src === to) continue;
    // A device's files come from that device (a tool never regresses them to another's stale copy).
    const own = `${src.mnemo.col.settings().syncDevice!.id}/`;
    for (const rel of segmentFiles(src.folder).filter((f) => f.startsWith(own))) {
      if (!all && rnd() < 0.5) continue;
      const size = readFileSync(join(src.folder, ROOT, rel)).length;
      const cut = !all && rnd() < 0.3 ? Math.floor(rnd() * size) : undefined;
      const copy = !all && rnd() < 0.15;
      const as = copy
        ? rel.replace('.jsonl', `.sync-conflict-20261102-000000-${Math.floor(rnd() * 1e6)}.jsonl`)
        : rel;
      deliver(src.folder, to.folder, rel, cut, as);
    }
  }
}

function run(seed: number): { devices: number; answers: number } {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const n = 2 + Math.floor(rnd() * 4);
  const root = dir();
  const devices = Array.from({ length: n }, (_, i) =>
    makeDevice(decks, join(root, `f${i}`), START + Math.floor(rnd() * 3600_000), template, dir()),
  );
  let answers = 0;
  try {
    for (let step = 0; step < STEPS; step++) {
      const d = pick(devices);
      d.clock.advance(Math.floor(rnd() ** 3 * 3 * 86_400_000) + 1000);
      const r = rnd();
      const cardId = d.card(Math.floor(rnd() * CARDS));
      const card = d.mnemo.col.card(cardId)!;
      if (r < 0.5) {
        if (card.suspended) continue;
        d.mnemo.api.review.answer({
          cardId,
          rating: (1 + Math.floor(rnd() * 4)) as 1 | 2 | 3 | 4,
          durationMs: 1000,
        });
        answers++;
      } else if (r < 0.6) {
        try {
          d.mnemo.api.review.undo();
        } catch (e) {
          if (!/nothing to undo/.test((e as Error).message)) throw e;
        }
      } else if (r < 0.7) {
        if (card.suspended) d.mnemo.api.cards.unsuspend({ cardIds: [cardId] });
        else d.mnemo.api.cards.suspend({ cardIds: [cardId] });
      } else if (r < 0.73) {
        d.mnemo.api.cards.flag({ cardIds: [cardId], flag: Math.floor(rnd() * 8) });
      } else if (r < 0.75) {
        const other = d.card(Math.floor(rnd() * CARDS));
        if (rnd() < 0.5) d.mnemo.api.cards.reset({ cardIds: [cardId] });
        else d.mnemo.api.cards.reposition({ cardIds: [cardId, other], start: Math.floor(rnd() * 10) });
      } else if (r < 0.9) {
        deliverSome(devices, d, rnd);
        expect(d.sync().error).toBeNull();
      } // else: offline for a while
    }
    // Every file arrives, whole; everyone syncs until nothing is left to write.
    for (let round = 0; round < 2; round++) {
      for (const d of devices) d.sync();
      for (const d of devices) deliverSome(devices, d, rnd, true);
    }
    for (const d of devices) expect(d.sync()).toMatchObject({ out: 0, error: null, problems: [] });
    const want = snapshot(devices[0]!);
    for (const d of devices.slice(1)) expect(snapshot(d)).toEqual(want);
    // A fresh collection that reads the union arrives at the same place.
    const fresh = makeDevice(decks, join(root, 'fresh'), START, template, dir());
    devices.push(fresh);
    deliverSome(devices, fresh, rnd, true);
    fresh.sync();
    expect(snapshot(fresh)).toEqual(want);
    return { devices: n, answers };
  } finally {
    for (const d of devices) d.mnemo.close();
    rmSync(root, { recursive: true, force: true });
  }
}

describe('sync property: every device converges on the replay of the union', () => {
  it(`${RUNS} seeded runs of 2-5 devices`, () => {
    let answers = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      try {
        answers += run(seed).answers;
      } catch (e) {
        (e as Error).message = `seed ${seed}: ${(e as Error).message}`;
        throw e;
      }
    }
    expect(answers).toBeGreaterThan(RUNS * 5);
  }, 600_000);
});
