/**
 * Bundled decks reaching collections that already have them (issue 12, item 3): a new version
 * of the bundled files is applied on start, every card that stays keeps its history, the
 * user's suspensions and retirements stand, and bundled files are recorded relative to the
 * bundle so a moved app finds them again.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { ensureBundledDecks } from '../../core/compiler/bundled.ts';
import { LEGACY_BUNDLED_IDS } from '../../core/compiler/bundled-legacy-ids.ts';
import { updateBundledDecks } from '../../core/compiler/bundled-update.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { openMnemo } from '../../core/index.ts';
import {
  answerAll,
  bundleCopy,
  cardsOf,
  DECKS_WITH_IDS,
  histories,
  legacyIdsOf,
  replaceBundle,
} from '../helpers/bundled-versions.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const saved = process.env.MNEMO_BUNDLED_DECKS;
const useBundle = (dir: string) => {
  process.env.MNEMO_BUNDLED_DECKS = dir;
};
beforeEach(() => useBundle(join(tempDir(), 'no-bundle-yet')));
afterEach(() => {
  if (saved === undefined) delete process.env.MNEMO_BUNDLED_DECKS;
  else process.env.MNEMO_BUNDLED_DECKS = saved;
});

/**
 * A next version made from the decks with ids: a front reworded (same id), a file's cards
 * moved to a subdeck, a card removed, a card added.
 */
function nextVersion(): { dir: string; reworded: string; removed: string } {
  const dir = bundleCopy(DECKS_WITH_IDS);
  const file = (name: string) => join(dir, 'docker', name);
  const edit = (name: string, fn: (text: string) => string) =>
    writeFileSync(file(name), fn(readFileSync(file(name), 'utf8')));
  let reworded = '';
  edit('commands.md', (t) =>
    t.replace(/^(列出系统中所有 namespace 的命令):::`lsns` \^id-([0-9a-f]+)$/m, (_m, front, id) => {
      reworded = id;
      return `${front}（换了说法）:::\`lsns\` ^id-${id}`;
    }),
  );
  edit('theory.md', (t) => t.replace('deck: Docker::原理与运维', 'deck: Docker::原理与运维::原理'));
  let removed = '';
  edit('data.md', (t) =>
    t.replace(/^.*::.* \^id-([0-9a-f]+)\n/m, (_m, id) => {
      removed = id;
      return '';
    }),
  );
  appendFileSync(file('compose.md'), '\n新版本加入的问题::新版本加入的答案 ^id-0a0a0a0a\n');
  expect(reworded && removed).toBeTruthy();
  return { dir, reworded, removed };
}

/** Every card both versions have kept its history; the others are retired, history kept too. */
function expectHistoriesKept(
  before: ReturnType<typeof histories>,
  after: ReturnType<typeof histories>,
  kept: Set<string>,
  ids: (h: { sourceId: string | null; noteId: number }) => string | null,
) {
  let stayed = 0;
  for (const [cardId, b] of before) {
    const a = after.get(cardId);
    expect(a, `card ${cardId}`).toBeDefined();
    expect(a!.reviews).toBe(b.reviews);
    expect(a!.state).toBe(b.state);
    expect(a!.suspended).toBe(b.suspended);
    const id = ids(b);
    if (id !== null && kept.has(`${id}/${b.ord}`)) {
      expect(a!.sourceId).toBe(id);
      if (b.retired === 0) {
        expect(a!.retired, `card ${cardId} (${id})`).toBe(0);
        stayed++;
      }
    } else expect(a!.retired, `card ${cardId} (${id}) is not in the new version`).toBe(1);
  }
  return stayed;
}

describe('bundled decks updated in collections that have them', () => {
  it('ships the first version ids: each first-version key gives the id its card has since', () => {
    const expected = [...legacyIdsOf()].map(([key, id]) => `${key.slice(0, 12)}:${id}`);
    expect(LEGACY_BUNDLED_IDS.trim().split(/\s+/)).toEqual(expected);
  });

  it('a first-version collection (no ids, absolute paths) in a moved app: history kept, choices kept', () => {
    // The first version, installed where the app was then; studied, one card suspended and
    // one removed by the user from the bundled file.
    const oldBundle = bundleCopy(DECKS_WITH_IDS, true);
    const m = tempMnemo();
    expect(ensureBundledDecks(m.col, oldBundle)).toBe(true);
    expect(m.col.db.prepare("SELECT count(*) FROM notes WHERE source_file LIKE '/%'").pluck().get()).toBe(
      410,
    );
    const answered = answerAll(m);
    expect(answered).toBe(522);
    const suspended = m.col.db
      .prepare('SELECT id FROM cards ORDER BY id LIMIT 1 OFFSET 7')
      .pluck()
      .get() as number;
    m.api.cards.suspend({ cardIds: [suspended] });
    const opsFile = join(oldBundle, 'docker', 'ops.md');
    const lines = readFileSync(opsFile, 'utf8').split('\n');
    const userRemoved = lines.findIndex((l) => l.startsWith('配置 Docker Hub 镜像加速器'));
    writeFileSync(opsFile, lines.filter((_l, i) => i !== userRemoved).join('\n'));
    expect(compileDecks(m.col, [oldBundle]).totals.retired).toBe(1);
    const before = histories(m);
    const keys = new Map(
      (m.col.db.prepare('SELECT id, source_key FROM notes').raw().all() as [number, string][]).map(
        ([id, key]) => [id, key],
      ),
    );

    // The new version, somewhere else; the old folder is gone.
    const next = nextVersion();
    rmSync(oldBundle, { recursive: true });
    useBundle(next.dir);
    const notice = updateBundledDecks(m.col);
    expect(notice).toMatchObject({ decks: ['Docker'], edited: 2 + 63, added: 1, retired: 1 });

    const legacy = legacyIdsOf();
    const after = histories(m);
    const stayed = expectHistoriesKept(
      before,
      after,
      cardsOf(next.dir),
      (h) => legacy.get(keys.get(h.noteId)!) ?? null,
    );
    expect(stayed).toBeGreaterThan(500);
    expect(after.get(suspended)!.suspended).toBe(1);
    // The card the user removed stays retired though the new version has it.
    const userRetired = [...before].filter(([, h]) => h.retired === 1).map(([id]) => id);
    expect(userRetired.length).toBeGreaterThan(0);
    for (const id of userRetired) expect(after.get(id)!.retired).toBe(1);
    // Nothing doubled: one live note per card of the new version, less the user's.
    const live = m.col.db.prepare('SELECT count(*) FROM notes WHERE retired = 0').pluck().get();
    expect(live).toBe(410 - 1 + 1 - 1);
    // Their files no longer give only live notes: the next compile reads them whole.
    const digests = "SELECT count(lines) FROM source_files WHERE path LIKE 'bundled:%'";
    expect(m.col.db.prepare(digests).pluck().get()).toBe(0);
    expect(
      m.col.db.prepare("SELECT count(*) FROM notes WHERE source_file NOT LIKE 'bundled:%'").pluck().get(),
    ).toBe(0);
    expect(m.api.decks.list().decks.map((d) => d.name)).toContain('Docker::原理与运维::原理');
    // Applied once: the next start finds nothing to do.
    expect(updateBundledDecks(m.col)).toBeNull();
    expect(m.api.decks.bundledUpdate()).toEqual({ pending: false, notice });
    m.api.decks.dismissBundledUpdate();
    expect(m.api.decks.bundledUpdate().notice).toBeNull();
  });

  it('a collection with the decks with ids: the reworded card keeps its history, the removed one is retired', () => {
    const bundle = bundleCopy(DECKS_WITH_IDS);
    useBundle(bundle);
    const m = tempMnemo();
    ensureBundledDecks(m.col);
    expect(
      m.col.db.prepare("SELECT count(*) FROM source_files WHERE path LIKE 'bundled:docker/%'").pluck().get(),
    ).toBe(9);
    answerAll(m);
    const before = histories(m);
    expect(updateBundledDecks(m.col)).toBeNull(); // same version: nothing changes
    const next = nextVersion();
    replaceBundle(bundle, next.dir);
    expect(updateBundledDecks(m.col)).toMatchObject({ edited: 2 + 63, added: 1, retired: 1 });
    const after = histories(m);
    expectHistoriesKept(before, after, cardsOf(next.dir), (h) => h.sourceId);
    const reworded = [...after].find(([, h]) => h.sourceId === next.reworded)!;
    expect(reworded[1].reviews).toBe(before.get(reworded[0])!.reviews);
  });

  it('a later version bringing back a card an update retired restores it; the user-retired stay', () => {
    const bundle = bundleCopy(DECKS_WITH_IDS);
    useBundle(bundle);
    const m = tempMnemo();
    ensureBundledDecks(m.col);
    const next = nextVersion();
    replaceBundle(bundle, next.dir);
    updateBundledDecks(m.col);
    const removed = m.col.db.prepare('SELECT id FROM notes WHERE source_id = ?').pluck().get(next.removed);
    expect(m.col.settings().bundledRetiredByUpdate).toEqual([removed]);
    replaceBundle(bundle, DECKS_WITH_IDS);
    expect(updateBundledDecks(m.col)).toMatchObject({ added: 1, retired: 1 });
    expect(m.col.db.prepare('SELECT retired FROM notes WHERE id = ?').pluck().get(removed)).toBe(0);
  });

  it('moving the app changes nothing: bundled files are recorded relative to the bundle', () => {
    const bundle = bundleCopy(DECKS_WITH_IDS);
    useBundle(bundle);
    const m = tempMnemo();
    ensureBundledDecks(m.col);
    const card = m.col.db.prepare('SELECT id FROM cards LIMIT 1').pluck().get() as number;
    expect(m.api.cards.get({ cardId: card }).card.sourceFile).toMatch(new RegExp(`^${bundle}/docker/`));
    const moved = bundleCopy(bundle);
    rmSync(bundle, { recursive: true });
    useBundle(moved);
    expect(updateBundledDecks(m.col)).toBeNull();
    expect(compileDecks(m.col, [moved]).totals).toMatchObject({ added: 0, retired: 0 });
    expect(m.api.cards.get({ cardId: card }).card.sourceFile).toMatch(new RegExp(`^${moved}/docker/`));
    // A bundled card is still editable in its file where the bundle is now.
    expect(m.api.notes.editable({ cardId: card })).toMatchObject({ stored: 'file', problem: null });
  });

  it('files recorded by absolute path inside the bundle (an earlier compile) are renamed, not doubled', () => {
    const bundle = bundleCopy(DECKS_WITH_IDS);
    const m = tempMnemo();
    compileDecks(m.col, [bundle]); // the bundle was elsewhere then: absolute paths
    expect(m.col.db.prepare("SELECT count(*) FROM source_files WHERE path LIKE '/%'").pluck().get()).toBe(9);
    useBundle(bundle);
    expect(compileDecks(m.col, [bundle], { force: true }).totals).toMatchObject({ added: 0, retired: 0 });
    expect(
      m.col.db.prepare("SELECT count(*) FROM notes WHERE source_file LIKE 'bundled:docker/%'").pluck().get(),
    ).toBe(410);
    expect(m.col.db.prepare("SELECT count(*) FROM source_files WHERE path LIKE '/%'").pluck().get()).toBe(0);
  });

  it('a collection that never had the bundled decks is not given them', () => {
    const own = join(tempDir(), 'mine');
    const m = tempMnemo();
    writeFileSync(`${own}.md`, 'q::a\n');
    compileDecks(m.col, [`${own}.md`]);
    expect(ensureBundledDecks(m.col, bundleCopy(DECKS_WITH_IDS))).toBe(false);
    useBundle(bundleCopy(DECKS_WITH_IDS));
    expect(updateBundledDecks(m.col)).toBeNull();
    expect(m.col.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
  });

  it.each([
    ['the decks with ids', false],
    ['the first decks (no ids)', true],
  ])(
    'the bundled decks of this version, over %s: every card that stays keeps its history',
    (_name, first) => {
      const bundle = bundleCopy(DECKS_WITH_IDS, first);
      useBundle(bundle);
      const m = tempMnemo();
      ensureBundledDecks(m.col);
      answerAll(m);
      const before = histories(m);
      const keys = new Map(
        (m.col.db.prepare('SELECT id, source_key FROM notes').raw().all() as [number, string][]).map(
          ([id, key]) => [id, key],
        ),
      );
      const legacy = legacyIdsOf();
      const shipped = fileURLToPath(new URL('../../decks', import.meta.url));
      replaceBundle(bundle, shipped);
      const notice = updateBundledDecks(m.col);
      const stayed = expectHistoriesKept(before, histories(m), cardsOf(shipped), (h) =>
        first ? (legacy.get(keys.get(h.noteId)!) ?? null) : h.sourceId,
      );
      expect(stayed).toBeGreaterThan(before.size * 0.9);
      expect(notice).toMatchObject({ decks: ['Docker'] });
      expect(notice!.added).toBeGreaterThan(0);
      expect(notice!.retired).toBeGreaterThan(0);
    },
  );

  it('the app applies them a moment after it starts; Home asks, is told to wait, then gets the line', async () => {
    const bundle = bundleCopy(DECKS_WITH_IDS);
    useBundle(bundle);
    const dataDir = tempDir();
    const first = openMnemo({ dataDir });
    ensureBundledDecks(first.col);
    first.close();
    replaceBundle(bundle, nextVersion().dir);
    const app = openApp(dataDir);
    try {
      expect(app.mnemo.api.decks.bundledUpdate()).toEqual({ pending: true, notice: null });
      const notice = await app.bundledUpdate;
      expect(notice).toMatchObject({ decks: ['Docker'], edited: 2 + 63, added: 1, retired: 1 });
      expect(app.mnemo.api.decks.bundledUpdate()).toEqual({ pending: false, notice });
    } finally {
      await app.stop();
    }
  });
});
