/**
 * Bundled-deck updates at their edges (core/compiler/bundled-update.ts): a version that no
 * longer ships a file, and the list of cards updates retired kept in order across updates.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBundledDecks } from '../../core/compiler/bundled.ts';
import { updateBundledDecks } from '../../core/compiler/bundled-update.ts';
import { bundleCopy, DECKS_WITH_IDS, replaceBundle } from '../helpers/bundled-versions.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const saved = process.env.MNEMO_BUNDLED_DECKS;
beforeEach(() => {
  process.env.MNEMO_BUNDLED_DECKS = join(tempDir(), 'no-bundle-yet');
});
afterEach(() => {
  if (saved === undefined) delete process.env.MNEMO_BUNDLED_DECKS;
  else process.env.MNEMO_BUNDLED_DECKS = saved;
});

/** A collection with the decks with ids installed from a bundle folder it is given. */
function installed() {
  const bundle = bundleCopy(DECKS_WITH_IDS);
  process.env.MNEMO_BUNDLED_DECKS = bundle;
  const m = tempMnemo();
  ensureBundledDecks(m.col);
  return { m, bundle };
}

/** A version of the bundle without the one-line card whose id is given. */
function without(from: string, id: string): string {
  const dir = bundleCopy(from);
  for (const name of readdirSync(join(dir, 'docker'))) {
    const file = join(dir, 'docker', name);
    const text = readFileSync(file, 'utf8');
    const next = text.replace(new RegExp(`^.*::.* \\^id-${id}\\n`, 'm'), '');
    if (next !== text) {
      writeFileSync(file, next);
      return dir;
    }
  }
  throw new Error(`no one-line card ^id-${id}`);
}

describe('bundled decks updated at the edges', () => {
  it('a version that no longer ships a file retires its cards, though every other file is the same', () => {
    const { m, bundle } = installed();
    const cardsOfData = m.col.db
      .prepare(
        "SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.source_file = 'bundled:docker/data.md'",
      )
      .pluck()
      .get() as number;
    expect(cardsOfData).toBeGreaterThan(1);
    const next = bundleCopy(bundle);
    rmSync(join(next, 'docker', 'data.md'));
    replaceBundle(bundle, next);
    expect(updateBundledDecks(m.col)).toMatchObject({
      decks: ['Docker'],
      added: 0,
      edited: 0,
      retired: cardsOfData,
    });
    expect(
      m.col.db
        .prepare("SELECT count(*) FROM notes WHERE source_file = 'bundled:docker/data.md' AND retired = 0")
        .pluck()
        .get(),
    ).toBe(0);
    expect(updateBundledDecks(m.col)).toBeNull();
  });

  it('the cards updates retired are listed by note id, whatever order the updates retired them in', () => {
    const { m, bundle } = installed();
    // One-line cards with ids, with their notes' ids: the last note first, then the first.
    const oneLine = new Map<number, string>();
    for (const name of readdirSync(join(bundle, 'docker')))
      for (const [, id] of readFileSync(join(bundle, 'docker', name), 'utf8').matchAll(
        /^.*::.* \^id-([0-9a-f]+)$/gm,
      ))
        oneLine.set(
          m.col.db.prepare('SELECT id FROM notes WHERE source_id = ?').pluck().get(id!) as number,
          id!,
        );
    const noteIds = [...oneLine.keys()].sort((a, b) => a - b);
    const [low, high] = [noteIds[0]!, noteIds.at(-1)!];
    const first = without(bundle, oneLine.get(high)!);
    replaceBundle(bundle, first);
    expect(updateBundledDecks(m.col)).toMatchObject({ retired: 1 });
    expect(m.col.settings().bundledRetiredByUpdate).toEqual([high]);
    replaceBundle(bundle, without(first, oneLine.get(low)!));
    expect(updateBundledDecks(m.col)!.retired).toBeGreaterThan(0); // its card, or two if reversed
    expect(m.col.settings().bundledRetiredByUpdate).toEqual([low, high]);
  });
});
