import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportApkg } from '../../core/export/apkg/index.ts';
import type { CardRow, NoteRow } from '../../core/model/types.ts';
import { ankiViolations, openApkg } from '../helpers/anki-package.ts';
import { sampleCollection } from '../helpers/apkg-sample.ts';
import { tempDir } from '../helpers/collection.ts';

const DAY = 86_400_000;

describe('.apkg export', () => {
  it('without history: valid for Anki, every card new, no review log and no personal data', async () => {
    const { mnemo } = sampleCollection();
    mnemo.col.db.prepare("UPDATE notes SET tags = tags || ' leech' WHERE kind = 'basic'").run();
    const out = join(tempDir(), 'deck.apkg');
    const r = await exportApkg(mnemo.col, out, { withHistory: false });
    const pkg = openApkg(out);
    try {
      expect(ankiViolations(pkg)).toEqual([]);
      const live = mnemo.col.db.prepare('SELECT count(*) FROM cards WHERE retired = 0').pluck().get();
      expect(r).toMatchObject({ notes: 7, cards: live, reviews: 0, media: 1 });
      expect(pkg.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(0);
      const cards = pkg.db.prepare('SELECT * FROM cards').all() as Record<string, number | string>[];
      expect(cards.every((c) => c.type === 0 && c.reps === 0 && c.ivl === 0 && c.data === '')).toBe(true);
      for (const c of Object.values(pkg.col.dconf) as Record<string, unknown>[]) {
        expect(c.fsrsParams6 ?? c.fsrsParams5 ?? c.fsrsWeights).toBeUndefined();
      }
      expect(pkg.col.conf.fsrs).toBe(false);
      // The leech tag comes from the user's lapses: left out, as Anki's export without scheduling does.
      expect(pkg.db.prepare("SELECT count(*) FROM notes WHERE tags LIKE '%leech%'").pluck().get()).toBe(0);
      expect(Object.keys(pkg.col.tags)).not.toContain('leech');
    } finally {
      pkg.close();
    }
  });

  it('with history: scheduling, FSRS state in cards.data, presets and every review as revlog', async () => {
    const { mnemo, reviews, cards } = sampleCollection();
    const out = join(tempDir(), 'deck.apkg');
    const r = await exportApkg(mnemo.col, out, { withHistory: true });
    expect(r.reviews).toBe(reviews);
    const pkg = openApkg(out);
    try {
      expect(ankiViolations(pkg)).toEqual([]);
      expect(pkg.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(reviews);
      const revlog = pkg.db.prepare('SELECT * FROM revlog ORDER BY id').all() as {
        id: number;
        ease: number;
        type: number;
        time: number;
      }[];
      expect(revlog.every((x) => x.ease >= 1 && x.ease <= 4 && [0, 1, 2].includes(x.type))).toBe(true);
      // Every review time is kept to the millisecond; answer durations too.
      const times = mnemo.col.db
        .prepare('SELECT reviewed_at, duration_ms FROM review_log ORDER BY reviewed_at')
        .all();
      expect(revlog.map((x) => ({ reviewed_at: x.id, duration_ms: x.time }))).toEqual(times);
      // lastIvl is the interval the card's previous review set (0 for its first).
      const chain = pkg.db.prepare('SELECT cid, ivl, lastIvl FROM revlog ORDER BY cid, id').all() as {
        cid: number;
        ivl: number;
        lastIvl: number;
      }[];
      chain.forEach((r, i) => {
        const previous = chain[i - 1];
        expect(r.lastIvl).toBe(previous?.cid === r.cid ? previous.ivl : 0);
      });
      expect(chain.some((r) => r.ivl > 0) && chain.some((r) => r.ivl < 0)).toBe(true); // days and seconds

      // Suspended, buried and flagged cards keep their marks.
      const byDue = pkg.db.prepare('SELECT * FROM cards').all() as Record<string, number | string>[];
      const marks = byDue.map((c) => [c.queue, (c.flags as number) & 7]);
      expect(marks.filter(([q]) => q === -1)).toHaveLength(1);
      expect(marks.filter(([q]) => q === -3)).toHaveLength(1);
      expect(marks.filter(([, f]) => f === 3)).toHaveLength(1);
      expect(cards.suspended).toBeGreaterThan(0);

      // FSRS memory state: cards.data s/d are the card's stability and difficulty.
      const mnemoCards = mnemo.col.db
        .prepare('SELECT * FROM cards WHERE retired = 0 AND state <> 0')
        .all() as CardRow[];
      const data = byDue.filter((c) => c.data !== '').map((c) => JSON.parse(c.data as string));
      expect(data).toHaveLength(mnemoCards.length);
      expect(data.map((d) => d.s).sort()).toEqual(mnemoCards.map((c) => c.stability).sort());
      expect(data.map((d) => d.d).sort()).toEqual(mnemoCards.map((c) => c.difficulty).sort());
      expect(new Set(data.map((d) => d.dr))).toEqual(new Set([0.9, 0.85]));

      // Review cards are due in days since crt, as Anki counts them from its rollover.
      const crt = pkg.col.crt * 1000;
      expect(pkg.col.conf).toMatchObject({ schedVer: 2, rollover: 4, fsrs: true });
      for (const c of byDue.filter((x) => x.type === 2)) {
        expect(c.ivl).toBeGreaterThanOrEqual(1);
        expect(c.due).toBeGreaterThanOrEqual(Math.floor((mnemo.clock.now - crt) / DAY) - 3);
      }

      // Presets: desired retention and FSRS parameters, one config per Mnemo preset.
      const confs = Object.values(pkg.col.dconf) as Record<string, unknown>[];
      const net = confs.find((c) => c.name === 'Network preset')!;
      expect(net).toMatchObject({
        desiredRetention: 0.85,
        new: expect.objectContaining({ delays: [2, 15] }),
      });
      expect(net.fsrsParams6).toHaveLength(21);
    } finally {
      pkg.close();
    }
  });

  it('fields are the rendered, sanitized HTML; the Markdown rides along in MnemoSource', async () => {
    const { mnemo } = sampleCollection();
    const out = join(tempDir(), 'deck.apkg');
    await exportApkg(mnemo.col, out, { withHistory: false });
    const pkg = openApkg(out);
    try {
      const notes = pkg.db.prepare('SELECT * FROM notes').all() as {
        flds: string;
        tags: string;
        mid: number;
      }[];
      const all = notes.map((n) => n.flds).join('\n');
      const html = notes.map((n) => n.flds.split('\x1f').slice(0, 2).join('\n')).join('\n');
      expect(html).not.toMatch(/<script|alert\(1\)/);
      // In MnemoSource the Markdown is HTML text: Anki shows it (nowhere), never runs it.
      expect(all).not.toMatch(/<script/);
      expect(all).toContain('&lt;script&gt;alert(1)');
      expect(all).toContain('<b>粗体</b>');
      // Code stays a highlighted <pre><code> block.
      expect(all).toMatch(/<pre><code class="language-bash">docker network create mynet/);
      // Cloze markers survive rendering in Anki's syntax, in the Text field.
      const cloze = notes.filter((n) => n.mid === 1700000000103).map((n) => n.flds.split('\x1f')[0]);
      expect(cloze.join('\n')).toContain('{{c1::MASQUERADE}}');
      expect(cloze.join('\n')).toContain('{{c2::FROM::指令}}');
      // The heading path is the Context field; the image is packed under its plain name.
      expect(all).toContain('网络模式 › bridge');
      const [name] = Object.values(pkg.media);
      expect(all).toContain(`<img src="${name}" alt="网络">`);
      expect(pkg.files['0']).toEqual(new Uint8Array(readPng(mnemo.col.path, name!)));
      // Tags, padded as Anki keeps them; deck tree as Parent::Child.
      expect(notes.map((n) => n.tags)).toContain(' docker network ');
      const deckNames = Object.values(pkg.col.decks).map((d) => (d as { name: string }).name);
      expect(deckNames.sort()).toEqual(['Default', 'Docker', 'Docker::网络']);
      // Retired cards and notes are left out.
      expect(all).not.toContain('要被删掉的卡');
    } finally {
      pkg.close();
    }
  });

  it('exports a deck with its subdecks only, and the same guids every time', async () => {
    const { mnemo } = sampleCollection();
    const net = mnemo.api.decks.list().decks.find((d) => d.name === 'Docker::网络')!;
    const a = join(tempDir(), 'a.apkg');
    const b = join(tempDir(), 'b.apkg');
    const r = await exportApkg(mnemo.col, a, { deckIds: [net.id], withHistory: true });
    await exportApkg(mnemo.col, b, { deckIds: [net.id], withHistory: true });
    const pa = openApkg(a);
    const pb = openApkg(b);
    try {
      expect(ankiViolations(pa)).toEqual([]);
      const guids = (p: typeof pa) => p.db.prepare('SELECT guid FROM notes ORDER BY guid').pluck().all();
      const expected = (
        mnemo.col.db
          .prepare(
            'SELECT DISTINCT n.* FROM notes n JOIN cards c ON c.note_id = n.id WHERE c.deck_id = ? AND c.retired = 0',
          )
          .all(net.id) as NoteRow[]
      )
        .map((n) => n.guid)
        .sort();
      expect(guids(pa)).toEqual(expected);
      expect(guids(pb)).toEqual(expected);
      expect(r.notes).toBe(expected.length);
      // The parent deck comes along (empty) so the tree is whole.
      const names = Object.values(pa.col.decks).map((d) => (d as { name: string }).name);
      expect(names.sort()).toEqual(['Default', 'Docker', 'Docker::网络']);
    } finally {
      pa.close();
      pb.close();
    }
  });

  it('reads one snapshot while the app answers cards, yields between pages, leaves no file on failure', async () => {
    const { mnemo } = sampleCollection();
    const dir = tempDir();
    const out = join(dir, 'deck.apkg');
    const due = mnemo.col.db
      .prepare('SELECT id FROM cards WHERE state = 0 AND suspended = 0 AND retired = 0')
      .pluck()
      .get() as number;
    let answered = false;
    const progress: number[] = [];
    await exportApkg(mnemo.col, out, { withHistory: true }, (done) => {
      progress.push(done);
      if (!answered) {
        answered = true; // on the main connection, mid-export
        mnemo.api.review.answer({ cardId: due, rating: 3, durationMs: 500 });
      }
    });
    expect(progress.at(-1)).toBeGreaterThan(0);
    const pkg = openApkg(out);
    try {
      // The answer came after the snapshot began: the package has one review fewer.
      const inLog = mnemo.col.db.prepare('SELECT count(*) FROM review_log').pluck().get() as number;
      expect(pkg.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(inLog - 1);
    } finally {
      pkg.close();
    }
    // A deck id that does not exist: refused, and nothing is left behind.
    await expect(
      exportApkg(mnemo.col, join(dir, 'x.apkg'), { deckIds: [999_999], withHistory: false }),
    ).rejects.toThrow(/deck 999999 does not exist/);
    await expect(exportApkg(mnemo.col, join(dir, 'no', 'x.apkg'), { withHistory: false })).rejects.toThrow(
      /does not exist/,
    );
    expect(readdirSync(dir).sort()).toEqual(['deck.apkg']);
    // An existing file at the target is replaced, whole, at the end.
    writeFileSync(join(dir, 'old.apkg'), 'old');
    await exportApkg(mnemo.col, join(dir, 'old.apkg'), { withHistory: false });
    const replaced = openApkg(join(dir, 'old.apkg'));
    try {
      expect(ankiViolations(replaced)).toEqual([]);
    } finally {
      replaced.close();
    }
  });
});

function readPng(colPath: string, name: string): Buffer {
  return readFileSync(join(colPath, '..', 'media', name));
}
