import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { similarity } from '../../core/compiler/similarity.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

type M = ReturnType<typeof tempMnemo>;

const FRONTS = [
  '容器的网络命名空间',
  'bridge 模式默认连接的网桥',
  'host 模式的特点',
  'none 模式只有什么接口',
  'docker0 默认子网',
];

const deck = (fronts: string[]) =>
  `---\ndeck: Docker::网络\n---\n# 网络模式\n\n${fronts.map((f, i) => `${f}::answer ${i}`).join('\n\n')}\n`;

/** Compiles the five cards, answers each once (so each has history) and returns front -> card id. */
function compiled(m: M) {
  const dir = tempDir();
  const file = join(dir, 'net.md');
  writeFileSync(file, deck(FRONTS));
  expect(compileDecks(m.col, [dir]).totals.added).toBe(5);
  const ids = new Map<string, number>();
  for (const front of FRONTS) {
    const id = m.col.db
      .prepare(
        "SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE json_extract(n.fields, '$.front') = ?",
      )
      .pluck()
      .get(front) as number;
    m.api.review.answer({ cardId: id, rating: Rating.Good, durationMs: 1000 });
    ids.set(front, id);
  }
  return {
    ids,
    recompile(edits: Record<string, string>) {
      writeFileSync(file, deck(FRONTS.map((f) => edits[f] ?? f)));
      return compileDecks(m.col, [dir]);
    },
  };
}

const historyOf = (m: M, cardId: number) => m.api.cards.get({ cardId }).log.length;

describe('fronts rewritten in place', () => {
  const edits = {
    'bridge 模式默认连接的网桥': 'bridge 模式下容器会接入哪一个网桥',
    'host 模式的特点': 'host 网络模式都有哪些特点',
  };

  it('two neighbours rewritten, each still half similar, are two edits that keep their history', () => {
    // Just above the 0.5 threshold: a higher threshold would lose these cards' history.
    for (const [from, to] of Object.entries(edits)) {
      expect(similarity(from, to)).toBeGreaterThanOrEqual(0.5);
      expect(similarity(from, to)).toBeLessThan(0.54);
    }
    const m = tempMnemo();
    const c = compiled(m);
    const r = c.recompile(edits);
    expect(r.totals).toMatchObject({ edited: 2, added: 0, retired: 0, unchanged: 3 });
    expect(r.files[0]!.editedFronts.map((e) => [e.from, e.to])).toEqual(Object.entries(edits));
    for (const [from, to] of Object.entries(edits)) {
      const { card } = m.api.cards.get({ cardId: c.ids.get(from)! });
      expect(card.front).toBe(to);
      expect(card.retired).toBe(false);
      expect(historyOf(m, card.id)).toBe(1);
    }
    expect(m.col.db.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(5);
    m.close();
  });

  it('two neighbours rewritten into other questions (under half similar) are added, the old ones retired', () => {
    const other = {
      'host 模式的特点': '容器用 host 网络时怎样',
      'none 模式只有什么接口': 'none 网络模式下容器有哪些接口',
    };
    for (const [from, to] of Object.entries(other)) expect(similarity(from, to)).toBeLessThan(0.5);
    const m = tempMnemo();
    const c = compiled(m);
    const r = c.recompile(other);
    expect(r.totals).toMatchObject({ edited: 0, added: 2, retired: 2, unchanged: 3 });
    for (const from of Object.keys(other)) {
      const { card } = m.api.cards.get({ cardId: c.ids.get(from)! });
      expect(card.retired).toBe(true);
      expect(historyOf(m, card.id)).toBe(1); // retired, history kept
    }
    m.close();
  });

  it('a card alone between unchanged neighbours is an edit even when much was rewritten, not when nothing is left', () => {
    const m = tempMnemo();
    const c = compiled(m);
    const rewritten = '哪种网络让容器直接使用宿主机网卡 host'; // shares little with "host 模式的特点"
    const score = similarity('host 模式的特点', rewritten);
    expect(score).toBeGreaterThanOrEqual(0.2);
    expect(score).toBeLessThan(0.21);
    let r = c.recompile({ 'host 模式的特点': rewritten });
    expect(r.totals).toMatchObject({ edited: 1, added: 0, retired: 0 });
    expect(m.api.cards.get({ cardId: c.ids.get('host 模式的特点')! }).card.front).toBe(rewritten);

    // Nothing in common with the old front: a new card.
    const unrelated = 'cgroup 限制了进程的哪些资源';
    expect(similarity(rewritten, unrelated)).toBeLessThan(0.2);
    r = c.recompile({ 'host 模式的特点': unrelated });
    expect(r.totals).toMatchObject({ edited: 0, added: 1, retired: 1 });
    m.close();
  });
});

/** Compiles `before`, then `after` (each a list of card lines), and reports what became of each old card. */
function rewrite(before: string[], after: string[]) {
  const m = tempMnemo();
  const dir = tempDir();
  const file = join(dir, 'd.md');
  const text = (lines: string[]) => `---\ndeck: E\n---\n${lines.join('\n\n')}\n`;
  writeFileSync(file, text(before));
  compileDecks(m.col, [dir]);
  const ids = new Map(m.api.cards.search({}).cards.map((c) => [c.front, c.id]));
  writeFileSync(file, text(after));
  const { totals } = compileDecks(m.col, [dir]);
  // Each old card's front now, or null when it was retired.
  const fronts = new Map(
    [...ids].map(([front, cardId]) => {
      const { card } = m.api.cards.get({ cardId });
      return [front, card.retired ? null : card.front];
    }),
  );
  m.close();
  return { totals, now: (front: string) => fronts.get(front) };
}

describe('which rewritten fronts are edits', () => {
  it('exactly half similar is enough between two rewritten neighbours; exactly 0.2 for a lone one', () => {
    expect(similarity('abcde', 'abcxy')).toBe(0.5);
    expect(similarity('abcdef', 'abxyzw')).toBeCloseTo(0.2, 10);
    const two = rewrite(
      ['n1::1', 'abcde::2', 'klmno::3', 'n2::4'],
      ['n1::1', 'abcxy::2', 'klmpq::3', 'n2::4'],
    );
    expect(two.totals).toMatchObject({ edited: 2, added: 0, retired: 0 });
    expect([two.now('abcde'), two.now('klmno')]).toEqual(['abcxy', 'klmpq']);
    const lone = rewrite(['n1::1', 'abcdef::2', 'n2::3'], ['n1::1', 'abxyzw::2', 'n2::3']);
    expect(lone.totals).toMatchObject({ edited: 1, added: 0, retired: 0 });
  });

  it('a lone rewrite is not alone beside a deleted card, an added card, or as another kind of card', () => {
    const beforeDeleted = rewrite(
      ['n1::1', 'abcdef::2', 'ghijkl::3', 'n2::4'],
      ['n1::1', 'abcxyz::2', 'n2::4'],
    );
    expect(beforeDeleted.totals).toMatchObject({ edited: 0, added: 1, retired: 2 });
    const besideAdded = rewrite(
      ['n1::1', 'abcdef::2', 'n2::3'],
      ['n1::1', 'abcxyz::2', 'brand new::5', 'n2::3'],
    );
    expect(besideAdded.totals).toMatchObject({ edited: 0, added: 2, retired: 1 });
    const otherKind = rewrite(['n1::1', 'abcdef::2', 'n2::3'], ['n1::1', 'abcxyz:::2', 'n2::3']);
    expect(otherKind.totals).toMatchObject({ edited: 0, added: 1, retired: 1 });
    // Half similar, another kind is still an edit.
    const similarOtherKind = rewrite(['n1::1', 'abcdefgh::2', 'n2::3'], ['n1::1', 'abcdeXYZ:::2', 'n2::3']);
    expect(similarOtherKind.totals).toMatchObject({ edited: 1, added: 0, retired: 0 });
  });

  it('the first or last card rewritten while the other end is deleted is still an edit', () => {
    const first = rewrite(['abcdef::1', 'n1::2', 'n2::3', 'gone::4'], ['abcxyz::1', 'n1::2', 'n2::3']);
    expect(first.totals).toMatchObject({ edited: 1, added: 0, retired: 1 });
    expect(first.now('abcdef')).toBe('abcxyz');
    const last = rewrite(['gone::0', 'n1::1', 'n2::2', 'abcdef::3'], ['n1::1', 'n2::2', 'abcxyz::3']);
    expect(last.totals).toMatchObject({ edited: 1, added: 0, retired: 1 });
    expect(last.now('abcdef')).toBe('abcxyz');
  });

  it('lone rewrites in separate gaps, and one right below an edit, are each edits', () => {
    const separate = rewrite(
      ['n1::1', 'abcdef::2', 'n2::3', 'qrstuv::4', 'n3::5'],
      ['n1::1', 'abcxyz::2', 'n2::3', 'qrsxyz::4', 'n3::5'],
    );
    expect(separate.totals).toMatchObject({ edited: 2, added: 0, retired: 0 });
    const below = rewrite(
      ['n1::1', 'abcdefgh::2', 'qrstuv::3', 'n2::4'],
      ['n1::1', 'abcdefgx::2', 'qrsxyz::3', 'n2::4'],
    );
    expect(below.totals).toMatchObject({ edited: 2, added: 0, retired: 0 });
    expect(below.now('qrstuv')).toBe('qrsxyz');
  });

  it('a card rewritten and moved past its neighbours is new', () => {
    const moved = rewrite(
      ['n1::1', 'abcdefgh::2', 'n2::3', 'n3::4'],
      ['n1::1', 'n2::3', 'n3::4', 'abcdefgx::2'],
    );
    expect(moved.totals).toMatchObject({ edited: 0, added: 1, retired: 1 });
  });
});
