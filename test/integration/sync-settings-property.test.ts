/**
 * The property of settings sync: 2-4 devices change presets (fields, new ones with clashing
 * names, deletions), decks' presets, exams and the collection's day start and learn-ahead,
 * and answer cards, at random (some set up with a day start of their own), each on its own
 * clock, while whole files reach them in random order. Once every file has arrived and the
 * clocks agree, every device holds the same presets, decks' presets, exams, cards and review
 * log, and so does a fresh collection that read the union. Real SQLite files in /dev/shm.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MnemoError } from '../../core/errors.ts';
import { openMnemo } from '../../core/index.ts';
import { ROOT } from '../../core/sync/folder.ts';
import { seededRandom } from '../helpers/collection.ts';
import {
  type Device,
  deckTemplate,
  deliverAll,
  makeDevice,
  START,
  scratchDirs,
  snapshot,
  writeDeck,
} from '../helpers/sync-devices.ts';

const RUNS = Number(process.env.SYNC_SETTINGS_RUNS) || 40;
const CARDS = 6;
const STEPS = 30;
const DAY = 86_400_000;

const dir = scratchDirs('mnemo-sync-settings-');

const decks = writeDeck(dir(), CARDS);
const template = deckTemplate(decks, dir());
/** The same, its day start set to 7:00 before sync: set-up records it as held from the start. */
const tuned = deckTemplate(decks, dir());
{
  const m = openMnemo({ dataDir: tuned, clock: () => START });
  m.api.settings.update({ dayStartHour: 7 });
  m.close();
}

function settingsOf(d: Device) {
  const col = d.mnemo.col;
  const presets = (col.stmt('SELECT * FROM presets ORDER BY sync_id').all() as Record<string, unknown>[]).map(
    ({ id: _i, modified_at: _m, fsrs_weights_previous: _p, ...p }) => p,
  );
  const deckPresets = col
    .stmt('SELECT d.name, p.sync_id FROM decks d JOIN presets p ON p.id = d.preset_id ORDER BY d.name')
    .all();
  const exams = col
    .stmt(
      `SELECT e.uuid, e.name, e.exam_at, e.tags, e.target, e.budget_kind, e.budget,
       (SELECT count(*) FROM exam_decks x WHERE x.exam_id = e.id) AS decks FROM exams e ORDER BY e.uuid`,
    )
    .all();
  const { dayStartHour, learnAheadMinutes } = d.mnemo.api.settings.get();
  return { presets, deckPresets, exams, dayStartHour, learnAheadMinutes };
}

/** Refusals the API may give a random change (a name taken, a preset in use): nothing changed. */
function tolerate(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof MnemoError) || !['Conflict', 'NotFound', 'InvalidArgument'].includes(e.type)) throw e;
  }
}

function change(d: Device, rnd: () => number): void {
  const api = d.mnemo.api;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const presets = api.presets.list();
  const exams = api.exams.list();
  const deckId = api.decks.list().decks[0]!.id;
  if (rnd() < 0.2) {
    // The day start moves every study day's start, so every answer after it replays under it.
    const s =
      rnd() < 0.7 ? { dayStartHour: pick([0, 4, 6, 20, 23]) } : { learnAheadMinutes: pick([0, 20, 90]) };
    api.settings.update(rnd() < 0.3 ? { ...s, theme: pick(['dark', 'light'] as const) } : s);
    return;
  }
  const r = rnd();
  if (r < 0.35) {
    const p = pick(presets);
    const field = pick([
      'desiredRetention',
      'maximumInterval',
      'learningSteps',
      'newPerDay',
      'name',
    ] as const);
    const value = {
      desiredRetention: pick([0.8, 0.85, 0.9, 0.95]),
      maximumInterval: pick([1, 3, 30, 36500]),
      learningSteps: pick(['1m', '1m 10m', '5m 1h']),
      newPerDay: pick([5, 20, 50]),
      name: pick(['Alpha', 'Beta', 'Gamma']),
    }[field];
    tolerate(() => api.presets.update({ presetId: p.id, [field]: value }));
  } else if (r < 0.5) {
    tolerate(() => api.presets.create({ name: pick(['Alpha', 'Beta', 'Gamma']), desiredRetention: 0.86 }));
  } else if (r < 0.58) {
    tolerate(() => api.presets.delete({ presetId: pick(presets).id }));
  } else if (r < 0.72) {
    api.decks.setPreset({ deckId, presetId: pick(presets).id });
  } else if (r < 0.82 || exams.length === 0) {
    api.exams.create({
      name: pick(['Midterm', 'Final']),
      examAt: d.clock.now + Math.floor(10 + rnd() * 50) * DAY,
      deckIds: [deckId],
      budgetKind: 'minutes',
      budget: 20,
    });
  } else if (r < 0.93) {
    const e = pick(exams);
    tolerate(() =>
      api.exams.update({ examId: e.id, target: pick([0.8, 0.9, 0.95]), budget: pick([10, 30]) }),
    );
  } else {
    api.exams.delete({ examId: pick(exams).id });
  }
}

function run(seed: number): number {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const n = 2 + Math.floor(rnd() * 3);
  const root = dir();
  const devices = Array.from({ length: n }, (_, i) =>
    makeDevice(
      decks,
      join(root, `f${i}`),
      START + Math.floor(rnd() * 3600_000),
      rnd() < 0.3 ? tuned : template,
      dir(),
    ),
  );
  const wrote = (d: Device) => existsSync(join(d.folder, ROOT, d.mnemo.col.settings().syncDevice!.id));
  let changes = 0;
  try {
    for (let step = 0; step < STEPS; step++) {
      const d = pick(devices);
      d.clock.advance(Math.floor(rnd() ** 3 * DAY) + 1000);
      const r = rnd();
      if (r < 0.45) {
        change(d, rnd);
        changes++;
      } else if (r < 0.75) {
        const cardId = d.card(Math.floor(rnd() * CARDS));
        d.mnemo.api.review.answer({
          cardId,
          rating: (1 + Math.floor(rnd() * 4)) as 1 | 2 | 3 | 4,
          durationMs: 1,
        });
      } else {
        d.sync();
        for (const from of devices) if (from !== d && wrote(from) && rnd() < 0.6) deliverAll(from, d);
        expect(d.sync()).toMatchObject({ error: null, problems: [] });
      }
    }
    const now = Math.max(...devices.map((d) => d.clock.now)) + 1000;
    for (const d of devices) d.clock.now = now;
    for (let round = 0; round < 2; round++) {
      for (const d of devices) d.sync();
      for (const to of devices)
        for (const from of devices) if (from !== to && wrote(from)) deliverAll(from, to);
    }
    for (const d of devices) expect(d.sync()).toMatchObject({ out: 0, error: null, problems: [] });
    const want = { settings: settingsOf(devices[0]!), cards: snapshot(devices[0]!) };
    for (const d of devices.slice(1)) expect({ settings: settingsOf(d), cards: snapshot(d) }).toEqual(want);
    const fresh = makeDevice(decks, join(root, 'fresh'), now, template, dir());
    devices.push(fresh);
    for (const from of devices) if (from !== fresh && wrote(from)) deliverAll(from, fresh);
    fresh.sync();
    expect({ settings: settingsOf(fresh), cards: snapshot(fresh) }).toEqual(want);
    return changes;
  } finally {
    for (const d of devices) d.mnemo.close();
    rmSync(root, { recursive: true, force: true });
  }
}

describe('settings sync property: every device ends with the same presets, exams and cards', () => {
  it(`${RUNS} seeded runs of 2-4 devices`, () => {
    let changes = 0;
    const first = Number(process.env.SYNC_SETTINGS_FIRST) || 1;
    for (let seed = first; seed < first + RUNS; seed++) {
      try {
        changes += run(seed);
      } catch (e) {
        (e as Error).message = `seed ${seed}: ${(e as Error).message}`;
        throw e;
      }
    }
    expect(changes).toBeGreaterThan(RUNS * 5);
  }, 600_000);
});
