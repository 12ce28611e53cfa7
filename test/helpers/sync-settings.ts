import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../core/sync/folder.ts';
import { tempDir } from './collection.ts';
import { type Device, deckTemplate, deliverAll, makeDevice, START, writeDeck } from './sync-devices.ts';

/** Shared by the tests of presets, decks and exams travelling with sync. */
export const DAY = 86_400_000;
export const MIN = 60_000;

/** `n` devices on one deck of `cards` cards, closed after the test through `open`. */
export function devicesIn(open: Device[], n: number, cards = 5) {
  const decks = writeDeck(tempDir(), cards);
  const template = deckTemplate(decks);
  const root = tempDir();
  const out = Array.from({ length: n }, (_, i) => makeDevice(decks, join(root, String(i)), START, template));
  open.push(...out);
  return out;
}

export const idOf = (d: Device) => d.mnemo.col.settings().syncDevice!.id;

/** Each device syncs, gets every other device's files, and syncs again (clocks as they are). */
export function swap(...ds: Device[]) {
  for (const d of ds) d.sync();
  for (const from of ds)
    for (const to of ds)
      if (from !== to && existsSync(join(from.folder, ROOT, idOf(from)))) deliverAll(from, to);
  for (const d of ds) d.sync();
}

/** As `swap`, a while later: every clock has caught up with the one furthest ahead. */
export function exchange(...ds: Device[]) {
  const now = Math.max(...ds.map((d) => d.clock.now));
  for (const d of ds) d.clock.now = now;
  swap(...ds);
}

/** What must agree across devices: presets, decks' presets and exams, by their shared identities. */
export function settingsOf(d: Device) {
  const col = d.mnemo.col;
  const presets = (col.stmt('SELECT * FROM presets ORDER BY sync_id').all() as Record<string, unknown>[]).map(
    ({ id: _i, modified_at: _m, fsrs_weights_previous: _p, ...p }) => p,
  );
  const decks = col
    .stmt(
      'SELECT d.name, p.sync_id AS preset FROM decks d JOIN presets p ON p.id = d.preset_id ORDER BY d.name',
    )
    .all();
  const exams = (
    col.stmt('SELECT * FROM exams ORDER BY uuid').all() as (Record<string, unknown> & { id: number })[]
  ).map(({ id, created_at: _c, modified_at: _m, ...e }) => ({
    ...e,
    decks: (
      col
        .stmt('SELECT d.name FROM exam_decks x JOIN decks d ON d.id = x.deck_id WHERE x.exam_id = ?')
        .pluck()
        .all(id) as string[]
    ).sort(),
  }));
  return { presets, decks, exams };
}

export const preset = (d: Device, name = 'Default') =>
  d.mnemo.api.presets.list().find((p) => p.name === name);
export const deckId = (d: Device, name = 'Sync') =>
  d.mnemo.api.decks.list().decks.find((x) => x.name === name)!.id;
