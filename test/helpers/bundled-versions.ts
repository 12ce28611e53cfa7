/**
 * Earlier versions of the bundled decks, for upgrade tests: the decks as shipped with ids
 * (test/fixtures/bundled-decks-ids, the commit that wrote them), and the first version, which
 * had none: the same files with the ids taken out again (write-ids added nothing else).
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cardKey } from '../../core/compiler/compile.ts';
import { parseDeckFile } from '../../core/compiler/parse.ts';
import type { Mnemo } from '../../core/index.ts';
import { cardOrds } from '../../core/notes/render.ts';
import { type TestClock, tempDir } from './collection.ts';

export const DECKS_WITH_IDS = fileURLToPath(new URL('../fixtures/bundled-decks-ids', import.meta.url));

/** A file's text as the first version had it: without the ids write-ids appended. */
export function withoutIds(text: string): string {
  return text.replace(/^\^id-[0-9a-f]+\n/gm, '').replace(/ \^id-[0-9a-f]+$/gm, '');
}

/** A folder holding a copy of `from`, to serve as the bundle; `strip` takes the ids out. */
export function bundleCopy(from: string, strip = false): string {
  const dir = join(tempDir(), 'decks');
  cpSync(from, dir, { recursive: true });
  if (strip) {
    for (const name of readdirSync(join(dir, 'docker'))) {
      const file = join(dir, 'docker', name);
      writeFileSync(file, withoutIds(readFileSync(file, 'utf8')));
    }
  }
  return dir;
}

/** Replaces the bundle folder's content with another version's (an app update). */
export function replaceBundle(dir: string, from: string): void {
  rmSync(dir, { recursive: true });
  cpSync(from, dir, { recursive: true });
}

/** Each card's key (deck and front) in the first version, and the id the next version gave it. */
export function legacyIdsOf(dir = DECKS_WITH_IDS): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of readdirSync(join(dir, 'docker')).sort()) {
    const file = join(dir, 'docker', name);
    const parsed = parseDeckFile(file, readFileSync(file, 'utf8'), {
      defaultDeck: 'unused: every bundled file names its deck',
      fileExists: () => true,
    });
    for (const c of parsed.cards) map.set(cardKey(c.deck, c.front), c.id!);
  }
  return map;
}

/** Every bundled card answered once (Good, Again and Easy in turn), as a user who studied them. */
export function answerAll(m: Mnemo & { clock: TestClock }): number {
  const ids = m.col.db
    .prepare('SELECT id FROM cards WHERE retired = 0 ORDER BY id')
    .pluck()
    .all() as number[];
  const ratings = [3, 1, 4] as const;
  ids.forEach((cardId, i) => {
    m.api.review.answer({ cardId, rating: ratings[i % 3]!, durationMs: 4000 });
    m.clock.advance(1000);
  });
  return ids.length;
}

export interface CardHistory {
  noteId: number;
  sourceId: string | null;
  ord: number;
  retired: number;
  suspended: number;
  /** The review log's ids, in order, and the card's FSRS state: what "history" means. */
  reviews: string;
  state: string;
}

/** Every card's history and marks, by card id. */
export function histories(m: Mnemo): Map<number, CardHistory> {
  const rows = m.col.db
    .prepare(
      `SELECT c.id, c.note_id AS noteId, n.source_id AS sourceId, c.ord, c.retired, c.suspended,
         (SELECT group_concat(id, ' ') FROM (SELECT id FROM review_log WHERE card_id = c.id ORDER BY seq)) AS reviews,
         json_array(c.due, c.stability, c.difficulty, c.reps, c.lapses, c.state, c.last_review) AS state
       FROM cards c JOIN notes n ON n.id = c.note_id`,
    )
    .all() as (CardHistory & { id: number })[];
  return new Map(rows.map(({ id, ...h }) => [id, h]));
}

/** The ids of the cards (note id and card number) a version of the decks has. */
export function cardsOf(dir: string): Set<string> {
  const out = new Set<string>();
  for (const name of readdirSync(join(dir, 'docker'))) {
    const file = join(dir, 'docker', name);
    const parsed = parseDeckFile(file, readFileSync(file, 'utf8'), {
      defaultDeck: 'x',
      fileExists: () => true,
    });
    for (const c of parsed.cards) for (const ord of cardOrds(c.kind, c.fields)) out.add(`${c.id}/${ord}`);
  }
  return out;
}
