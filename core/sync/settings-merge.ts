/**
 * Merging settings events: a union by event id, then each object with new events is set
 * from all of its events folded in order — time, then device, then the device's own count,
 * then event id (the card events' order, see outbox.ts): the last writer wins per object and
 * field, and a deletion is final (it wins over every edit, older or concurrent). The result
 * depends only on the set of events, so every device ends with the same presets, decks'
 * presets and exams whatever order the files came in. A preset or deck change dated ahead
 * of this device's clock (the other device's clock is ahead) waits until its time, so an
 * answer made here uses the preset its replay will use. A change re-schedules no card by
 * itself: it applies to answers from its time on (see settings-timeline.ts).
 */
import type { Collection } from '../store/collection.ts';
import { cardOfKey } from './identity.ts';
import { moveToEvents } from './log-events.ts';
import { applyCollectionSettings } from './settings-collection.ts';
import type { SettingEvent, SettingKind } from './settings-events.ts';
import { applyExam } from './settings-exams.ts';
import { fold, hasEventsAfter } from './settings-fold.ts';
import { applyPresets } from './settings-presets.ts';
import { storeSetting } from './settings-record.ts';
import { type KindCounts, noCounts } from './settings-report.ts';

/** A deck's preset: waits while the deck is not compiled here, the preset is not known yet, or a change's time has not come. */
function applyDeck(col: Collection, name: string, now: number): boolean {
  const f = fold(col, 'deck', name, now);
  const deck = col.stmt('SELECT id, preset_id FROM decks WHERE name = ?').get(name) as
    | { id: number; preset_id: number }
    | undefined;
  if (!f || !deck) return false;
  const key = f.fields.preset as string;
  let presetId = col.stmt('SELECT id FROM presets WHERE sync_id = ?').pluck().get(key) as number | undefined;
  if (presetId === undefined) {
    // Deleted (on any device): the deck falls back to the default preset, as deleting it here would.
    const gone = fold(col, 'preset', key)?.deleted;
    if (!gone) return false;
    presetId = 1;
  }
  if (deck.preset_id !== presetId)
    col.stmt('UPDATE decks SET preset_id = ? WHERE id = ?').run(presetId, deck.id);
  return !hasEventsAfter(col, 'deck', name, now);
}

/**
 * Sets every object with events not yet applied (or waiting) from its folded events; returns
 * how many objects still wait for a deck or preset this collection does not have yet.
 */
export function applySettings(col: Collection): { applied: number; waiting: number } {
  const pending = col.stmt('SELECT DISTINCT kind, object FROM sync_settings WHERE merged <> 1').all() as {
    kind: SettingKind;
    object: string;
  }[];
  if (pending.length === 0) return { applied: 0, waiting: 0 };
  // Presets all at once: their names are unique, and a clash is settled across all of them.
  const now = col.now();
  if (pending.some((p) => p.kind === 'preset')) applyPresets(col, now);
  const mark = col.stmt('UPDATE sync_settings SET merged = ? WHERE kind = ? AND object = ? AND merged <> 1');
  let waiting = 0;
  for (const { kind, object } of pending) {
    const done =
      kind === 'preset'
        ? !hasEventsAfter(col, 'preset', object, now)
        : kind === 'deck'
          ? applyDeck(col, object, now)
          : kind === 'settings'
            ? applyCollectionSettings(col, now)
            : applyExam(col, object);
    if (!done) waiting++;
    mark.run(done ? 1 : 2, kind, object);
  }
  col.invalidatePresets();
  return { applied: pending.length - waiting, waiting };
}

/** Preset fields that change how an answer schedules (a rename does not). */
const SCHEDULING = new Set([
  'desiredRetention',
  'maximumInterval',
  'learningSteps',
  'relearningSteps',
  'enableFuzz',
  'fsrsWeights',
  'leechThreshold',
  'leechAction',
]);

/**
 * A preset, deck or day-start change not applied yet, dated before answers already merged (it arrived
 * late, or this device's clock is behind): those answers were made, in event time, under the
 * changed preset, so their cards replay in full at this merge (see settings-timeline.ts) —
 * as on a device that had the change first (a day start: every deck's). This device's own answers not merged yet too:
 * their rows were made under the preset as it was here. Answers before the change are not
 * touched. Returns how many cards' heads it removed.
 */
function replayAnsweredSince(col: Collection): number {
  const pending = col
    .stmt(
      "SELECT kind, object, at, change, merged FROM sync_settings WHERE merged <> 1 AND at <= ? AND kind IN ('preset', 'deck', 'settings')",
    )
    .all(col.now()) as { kind: SettingKind; object: string; at: number; change: string; merged: number }[];
  const since = new Map<number, number>();
  const touch = (deckId: number, at: number) => since.set(deckId, Math.min(at, since.get(deckId) ?? at));
  const deckByName = col.stmt('SELECT id FROM decks WHERE name = ?').pluck();
  let everyDeck = Number.POSITIVE_INFINITY;
  for (const e of pending) {
    if (e.kind === 'settings') {
      const change = JSON.parse(e.change) as { s?: Record<string, unknown>; b?: 1 };
      // A set-up value may hold from the start (settings-collection.ts): every answer replays
      // when it arrives (not again while it waits for a change dated ahead: from its time on).
      const from = change.b && e.merged === 0 ? Number.MIN_SAFE_INTEGER : e.at;
      if (change.s?.dayStartHour !== undefined) everyDeck = Math.min(everyDeck, from);
      continue;
    }
    if (e.kind === 'deck') {
      const id = deckByName.get(e.object) as number | undefined;
      if (id !== undefined) touch(id, e.at);
      continue;
    }
    const change = JSON.parse(e.change) as { s?: Record<string, unknown>; del?: 1 };
    if (!change.del && !Object.keys(change.s ?? {}).some((f) => SCHEDULING.has(f))) continue;
    const decks = col
      .stmt(
        // On it now, or perhaps earlier: any deck whose preset ever changed by an event.
        `SELECT d.id FROM decks d JOIN presets p ON p.id = d.preset_id WHERE p.sync_id = @key
         UNION SELECT d.id FROM decks d JOIN sync_settings s ON s.kind = 'deck' AND s.object = d.name`,
      )
      .pluck()
      .all({ key: e.object }) as number[];
    for (const d of decks) touch(d, e.at);
  }
  if (since.size === 0 && everyDeck === Number.POSITIVE_INFINITY) return 0;
  const from = Math.min(everyDeck, ...since.values());
  // With the answers stored once, as log rows (log-events.ts).
  const answered = col
    .stmt(
      `SELECT card, max(last) AS last FROM (
         SELECT card, max(at) AS last FROM sync_events WHERE at > @from AND merged <> 2 AND type IN ('answer', 'reset')
         GROUP BY card
         UNION ALL
         SELECT sync_card, max(reviewed_at) FROM review_log WHERE reviewed_at > @from AND sync_dev IS NOT NULL
         GROUP BY sync_card)
       GROUP BY card`,
    )
    .all({ from }) as { card: string; last: number }[];
  const unhead = col.stmt('DELETE FROM sync_heads WHERE card = ?');
  const again = col.stmt('UPDATE sync_events SET merged = 0 WHERE card = ? AND merged = 1');
  let unheaded = 0;
  for (const { card: key, last } of answered) {
    const id = cardOfKey(col, key);
    const deck = id === undefined ? undefined : col.card(id)?.deck_id;
    const at = deck === undefined ? undefined : Math.min(everyDeck, since.get(deck) ?? everyDeck);
    if (at === undefined || last <= at) continue;
    unhead.run(key);
    // Its whole history in sync_events, to be read there (rederive.ts).
    moveToEvents(col, id!, key, 1);
    again.run(key);
    unheaded++;
  }
  return unheaded;
}

/** Adds other devices' settings events (a duplicate counts once) and applies them. */
export function mergeSettings(
  col: Collection,
  dev: string,
  events: readonly SettingEvent[],
): {
  added: number;
  byKind: KindCounts;
  foreignOwn: boolean;
  waiting: number;
  /** Cards whose heads and merged events were reset to replay in full (the cards' merge then reads them). */
  unheaded: number;
} {
  return col.tx(() => {
    const byKind = noCounts();
    let foreignOwn = false;
    const known = col.stmt('SELECT 1 FROM sync_settings WHERE id = ?').pluck();
    for (const e of events) {
      if (e.dev === dev && !foreignOwn && !known.get(e.id)) foreignOwn = true;
      if (storeSetting(col, e, false)) byKind[e.kind]++;
    }
    const unheaded = replayAnsweredSince(col);
    const { waiting } = applySettings(col);
    const added = Object.values(byKind).reduce((a, b) => a + b, 0);
    return { added, byKind, foreignOwn, waiting, unheaded };
  });
}
