/**
 * Bundled-deck updates at their edges (core/compiler/bundled-update.ts): a version that no
 * longer ships a file, and the list of cards updates retired kept in order across updates.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBundledDecks } from '../../core/compiler/bundled.ts';
import { legacyBundledId } from '../../core/compiler/bundled-legacy-ids.ts';
import { updateBundledDecks } from '../../core/compiler/bundled-update.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import {
  bundleCopy,
  DECKS_WITH_IDS,
  histories,
  legacyIdsOf,
  replaceBundle,
} from '../helpers/bundled-versions.ts';
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
    // A version that has both again brings them back and leaves the list empty.
    replaceBundle(bundle, DECKS_WITH_IDS);
    expect(updateBundledDecks(m.col)!.added).toBeGreaterThan(1);
    expect(m.col.settings().bundledRetiredByUpdate).toEqual([]);
  });

  it('a version that does not compile is refused in words, and the collection stays as it was', () => {
    const { m, bundle } = installed();
    const live = () => m.col.db.prepare('SELECT count(*) FROM notes WHERE retired = 0').pluck().get();
    const before = live();
    const next = bundleCopy(bundle);
    const line = readFileSync(join(next, 'docker', 'data.md'), 'utf8').match(/^.*::.* \^id-[0-9a-f]+$/m)![0];
    appendFileSync(join(next, 'docker', 'ops.md'), `\n${line}\n`);
    replaceBundle(bundle, next);
    expect(() => updateBundledDecks(m.col)).toThrow(
      /^the bundled decks do not compile: .*docker\/(data|ops)\.md:\d+:\d+: duplicate id /,
    );
    expect(live()).toBe(before);
    expect(m.col.settings().bundledDecksNotice ?? null).toBeNull();
  });

  it('a card the user retired is not listed as retired by an update', () => {
    const { m, bundle } = installed();
    const ids = [
      ...readFileSync(join(bundle, 'docker', 'compose.md'), 'utf8').matchAll(/^.*::.* \^id-([0-9a-f]+)$/gm),
    ].map((r) => r[1]!);
    const noteOf = (id: string) =>
      m.col.db.prepare('SELECT id FROM notes WHERE source_id = ?').pluck().get(id);
    // The user removes one card from the bundled file in an editor; the compile retires it.
    replaceBundle(bundle, without(DECKS_WITH_IDS, ids[0]!));
    expect(compileDecks(m.col, [bundle]).totals.retired).toBeGreaterThan(0);
    replaceBundle(bundle, without(DECKS_WITH_IDS, ids[1]!));
    expect(updateBundledDecks(m.col)!.retired).toBeGreaterThan(0);
    expect(m.col.db.prepare('SELECT retired FROM notes WHERE id = ?').pluck().get(noteOf(ids[0]!))).toBe(1);
    expect(m.col.settings().bundledRetiredByUpdate).toEqual([noteOf(ids[1]!)]);
  });

  it('each first-version key, as stored (the whole key), gives the id its card has since; others none', () => {
    const legacy = legacyIdsOf();
    expect(legacy.size).toBeGreaterThan(300);
    for (const [key, id] of legacy) expect(legacyBundledId(key), key).toBe(id);
    expect(legacyBundledId('0'.repeat(40))).toBeUndefined();
    expect(legacyBundledId('')).toBeUndefined();
  });

  it('a build without bundled decks leaves the installed ones as they are', () => {
    const { m, bundle } = installed();
    const live = () => m.col.db.prepare('SELECT count(*) FROM notes WHERE retired = 0').pluck().get();
    const before = live();
    rmSync(bundle, { recursive: true });
    expect(updateBundledDecks(m.col)).toBeNull();
    expect(live()).toBe(before);
  });

  it('a first-version card no table knows, and one twice in its file, do not stop the update', () => {
    const bundle = bundleCopy(DECKS_WITH_IDS, true);
    const file = join(bundle, 'docker', 'registry.md');
    const first = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.includes('::') && !l.startsWith('deck:'))!;
    appendFileSync(file, `\n${first}\n\n一个旧版才有的问题::它的答案\n`);
    process.env.MNEMO_BUNDLED_DECKS = bundle;
    const m = tempMnemo();
    ensureBundledDecks(m.col);
    const before = histories(m);
    replaceBundle(bundle, DECKS_WITH_IDS);
    const notice = updateBundledDecks(m.col)!;
    expect(notice.retired).toBe(2); // the second copy and the unknown card
    const after = histories(m);
    const kept = [...before].filter(([id]) => after.get(id)!.retired === 0);
    expect(kept.length).toBe(before.size - 2);
    for (const [id] of kept) expect(after.get(id)!.sourceId, `card ${id}`).not.toBeNull();
  });
});
