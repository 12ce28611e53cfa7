/**
 * The JSON columns of the package's `col` row: decks (`Parent::Child` names, each with its
 * preset), deck configs (one per Mnemo preset, with FSRS parameters and desired retention
 * when history goes along) and the collection config Anki's day counting reads. Keys and
 * types as rslib/src/decks/schema11.rs and deckconfig/schema11.rs require them.
 */
import type { DeckRow, PresetRow } from '../../model/types.ts';
import { type AnkiTiming, presetWeights, stepMinutes } from './scheduling.ts';

/** Anki ids of Mnemo decks and presets: stable across exports, clear of Anki's own `1`. */
const ID_BASE = 1_700_000_000_000;
export const DEFAULT_DECK_ID = 1;
const DEFAULT_CONF_ID = 1;

export function ankiDeckId(deck: DeckRow): number {
  return deck.name === 'Default' ? DEFAULT_DECK_ID : ID_BASE + deck.id;
}

export function ankiConfId(preset: PresetRow): number {
  return ID_BASE + preset.id;
}

function deckJson(id: number, name: string, conf: number, mod: number, desc: string) {
  return {
    id,
    name,
    mod,
    usn: 0,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc,
    dyn: 0,
    conf,
    extendNew: 0,
    extendRev: 0,
  };
}

/** The exported decks and every parent of theirs (so the hierarchy arrives whole). */
export function includedDecks(all: readonly DeckRow[], exported: ReadonlySet<number>): DeckRow[] {
  const byId = new Map(all.map((d) => [d.id, d]));
  const include = new Set<number>();
  for (const id of exported) {
    let d = byId.get(id);
    while (d && !include.has(d.id)) {
      include.add(d.id);
      d = d.parent_id === null ? undefined : byId.get(d.parent_id);
    }
  }
  return all.filter((d) => include.has(d.id));
}

/** `col.decks`: Anki's Default and the included decks. */
export function decksJson(decks: readonly DeckRow[], mod: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', DEFAULT_CONF_ID, mod, ''),
  };
  for (const d of decks) {
    const ankiId = ankiDeckId(d);
    out[ankiId] = deckJson(ankiId, d.name, ID_BASE + d.preset_id, mod, d.description);
  }
  return out;
}

function confJson(id: number, name: string, mod: number, p: PresetRow | null, withHistory: boolean) {
  const bury = p ? p.bury_siblings === 1 : false;
  const conf: Record<string, unknown> = {
    id,
    mod,
    name,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: {
      bury,
      delays: p ? stepMinutes(p.learning_steps) : [1, 10],
      initialFactor: 2500,
      ints: [1, 4, 0],
      order: 1,
      perDay: p ? p.new_per_day : 20,
      separate: true,
    },
    rev: {
      bury,
      ease4: 1.3,
      fuzz: 0.05,
      ivlFct: 1,
      maxIvl: p ? p.maximum_interval : 36500,
      minSpace: 1,
      perDay: p ? p.reviews_per_day : 200,
      hardFactor: 1.2,
    },
    lapse: {
      delays: p ? stepMinutes(p.relearning_steps) : [10],
      leechAction: p?.leech_action === 'tag' ? 1 : 0,
      leechFails: p ? p.leech_threshold : 8,
      minInt: 1,
      mult: 0,
    },
    newMix: 0,
    newPerDayMinimum: 0,
    interdayLearningMix: 0,
    reviewOrder: 0,
    newSortOrder: 0,
    newGatherPriority: 0,
    buryInterdayLearning: false,
    desiredRetention: p ? p.desired_retention : 0.9,
  };
  // The parameters were fitted to this user's reviews: personal, so they go only with history
  // (as Anki's own export without scheduling clears them). 21 parameters are FSRS-6's.
  if (p && withHistory) {
    const w = presetWeights(p);
    conf[w.length === 21 ? 'fsrsParams6' : w.length === 19 ? 'fsrsParams5' : 'fsrsWeights'] = w;
  }
  return conf;
}

/** `col.dconf`: Anki's Default and one config per preset the included decks use. */
export function dconfJson(
  presets: readonly PresetRow[],
  decks: readonly DeckRow[],
  mod: number,
  withHistory: boolean,
): Record<string, unknown> {
  const used = new Set(decks.map((d) => d.preset_id));
  const out: Record<string, unknown> = {
    [DEFAULT_CONF_ID]: confJson(DEFAULT_CONF_ID, 'Default', mod, null, false),
  };
  for (const p of presets) {
    if (used.has(p.id)) out[ankiConfId(p)] = confJson(ankiConfId(p), p.name, mod, p, withHistory);
  }
  return out;
}

/** `col.conf`: the v2 scheduler with Mnemo's day start, so Anki counts the same study days. */
export function collectionConfJson(
  timing: AnkiTiming,
  nextPos: number,
  withHistory: boolean,
): Record<string, unknown> {
  return {
    schedVer: 2,
    sched2021: true,
    rollover: timing.rollover,
    creationOffset: timing.creationOffset,
    nextPos,
    activeDecks: [DEFAULT_DECK_ID],
    curDeck: DEFAULT_DECK_ID,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    fsrs: withHistory,
  };
}
