import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

type M = ReturnType<typeof tempMnemo>;

function write(dir: string, name: string, text: string) {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}

const cardOf = (m: M, text: string) => {
  const found = m.api.cards.search({ text }).cards;
  expect(found, text).toHaveLength(1);
  return m.api.cards.get({ cardId: found[0]!.id });
};

const studied = (m: M, text: string) => {
  const { card } = cardOf(m, text);
  m.api.review.answer({ cardId: card.id, rating: Rating.Good, durationMs: 1 });
  return card.id;
};

describe('where a card is written follows it', () => {
  it('a card moved down the file keeps its history and its new line; unchanged cards stay unchanged', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: D\n---\nalpha::1\n\nbeta::2\n');
    compileDecks(m.col, [dir]);
    const id = studied(m, 'beta');
    write(dir, 'd.md', '---\ndeck: D\n---\nnew one::0\n\nalpha::1\n\n\n\nbeta::2\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ added: 1, unchanged: 2, updated: 0 });
    const { card, log } = m.api.cards.get({ cardId: id });
    expect([card.sourceLine, log.length]).toEqual([10, 1]);
    expect(cardOf(m, 'alpha').card.sourceLine).toBe(6);
  });

  it('a card moved to another file in the same compile keeps its history', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'a.md', '---\ndeck: D\n---\nmoving::1\n\nstays::2\n');
    write(dir, 'b.md', '---\ndeck: D\n---\nother::3\n');
    compileDecks(m.col, [dir]);
    const id = studied(m, 'moving');
    write(dir, 'a.md', '---\ndeck: D\n---\nstays::2\n');
    write(dir, 'b.md', '---\ndeck: D\n---\nother::3\n\nmoving::1\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ added: 0, retired: 0 });
    const { card, log } = m.api.cards.get({ cardId: id });
    expect(card.sourceFile).toBe(join(dir, 'b.md'));
    expect(card.sourceLine).toBe(6);
    expect(log).toHaveLength(1);
  });

  it('an id added to a card is kept: later the card is found by it, however its front changes', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: D\n---\nfirst::1\n\nsecond::2\n');
    compileDecks(m.col, [dir]);
    const id = studied(m, 'second');
    write(dir, 'd.md', '---\ndeck: D\n---\nfirst::1\n\nsecond::2 ^id-keep0001\n');
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ unchanged: 2 });
    write(dir, 'd.md', '---\ndeck: D\n---\nsomething else entirely::2 ^id-keep0001\n\nfirst::1\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ updated: 1, added: 0, retired: 0 });
    expect(m.api.cards.get({ cardId: id })).toMatchObject({
      card: { front: 'something else entirely' },
      log: [{ rating: Rating.Good }],
    });
  });

  it('a changed source: section is stored with the note', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: D\nsource: 1.1\n---\nq::a\n');
    compileDecks(m.col, [dir]);
    write(dir, 'd.md', '---\ndeck: D\nsource: 1.2\n---\nq::a\n');
    compileDecks(m.col, [dir]);
    expect(m.col.db.prepare('SELECT source_section FROM notes').pluck().all()).toEqual(['1.2']);
  });
});

describe("a note's cards follow its kind and deck", () => {
  it('a cloze gaining and losing a number gets and retires that card; a deck change moves every card', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: A\n---\ndocker0 is ==172.17.0.1== by default\n');
    compileDecks(m.col, [dir]);
    const first = studied(m, 'docker0');
    write(dir, 'd.md', '---\ndeck: A\n---\ndocker0 is ==172.17.0.1== by ==default==\n');
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ updated: 1, added: 0 });
    const cards = () =>
      m.col.db.prepare('SELECT id, ord, retired, deck_id FROM cards ORDER BY ord').all() as {
        id: number;
        ord: number;
        retired: number;
        deck_id: number;
      }[];
    expect(cards().map((c) => [c.ord, c.retired])).toEqual([
      [0, 0],
      [1, 0],
    ]);
    write(dir, 'd.md', '---\ndeck: B\n---\ndocker0 is ==172.17.0.1== by default\n');
    compileDecks(m.col, [dir]);
    const b = m.api.decks.list().decks.find((d) => d.name === 'B')!.id;
    expect(cards().map((c) => [c.ord, c.retired, c.deck_id])).toEqual([
      [0, 0, b],
      [1, 1, b],
    ]);
    expect(m.api.cards.get({ cardId: first }).log).toHaveLength(1);
  });

  it('a cloze rewritten in place is reported with its old and new text, without markers', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: A\n---\nkeep::1\n\ndocker0 的地址是 ==172.17.0.1==\n\nend::2\n');
    compileDecks(m.col, [dir]);
    write(dir, 'd.md', '---\ndeck: A\n---\nkeep::1\n\ndocker0 的默认地址是 ==172.17.0.1==\n\nend::2\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.files[0]!.editedFronts).toEqual([
      { from: 'docker0 的地址是 172.17.0.1', to: 'docker0 的默认地址是 172.17.0.1', line: 6 },
    ]);
  });

  it('a card deleted from one file and written in another comes back with its history', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'a.md', '---\ndeck: D\n---\ntraveller::1\n\nstay::2\n');
    compileDecks(m.col, [dir]);
    const id = studied(m, 'traveller');
    write(dir, 'a.md', '---\ndeck: D\n---\nstay::2\n');
    expect(compileDecks(m.col, [dir]).totals.retired).toBe(1);
    write(dir, 'b.md', '---\ndeck: D\n---\ntraveller::1\n');
    const r = compileDecks(m.col, [join(dir, 'b.md')]);
    expect(r.totals).toMatchObject({ restored: 1, added: 0 });
    expect(m.api.cards.get({ cardId: id })).toMatchObject({ card: { retired: false }, log: [{}] });
  });
});

describe('what a compile reports', () => {
  it('missing paths and non-files as errors, every error in reading order, nothing applied', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'b.md', 'a ==  == b ==  ==\n\nbad::\n');
    write(dir, 'a.md', '::x\n\nok::fine\n');
    const r = compileDecks(m.col, [dir, join(dir, 'missing.md'), '/dev/null']);
    expect(r.applied).toBe(false);
    expect(r.decksCreated).toEqual([]);
    expect(r.errors.map((e) => [e.file.replace(dir, ''), e.line, e.column, e.message])).toEqual([
      ['/dev/null', 1, 1, 'not a regular file or folder'],
      ['/a.md', 1, 1, 'card has an empty front (nothing before the separator)'],
      ['/b.md', 1, 3, 'cloze ==...== hides nothing'],
      ['/b.md', 1, 12, 'cloze ==...== hides nothing'],
      ['/b.md', 3, 6, 'card has an empty back (nothing after the separator)'],
      ['/missing.md', 1, 1, 'no such file or folder'],
    ]);
    expect(m.col.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
  });

  it('each file its status; files sorted; --keep-going applies the good ones and creates their decks', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'z-good.md', '---\ndeck: Z\n---\nq::a\n');
    write(dir, 'a-bad.md', '---\ndeck: A\n---\n::a\n');
    const failed = compileDecks(m.col, [dir]);
    expect(failed.files.map((f) => [f.file.replace(`${dir}/`, ''), f.status])).toEqual([
      ['a-bad.md', 'errors'],
      ['z-good.md', 'compiled'],
    ]);
    const r = compileDecks(m.col, [dir], { keepGoing: true });
    expect(r.applied).toBe(true);
    expect(r.decksCreated).toEqual(['Z']);
    expect(r.files.map((f) => f.status)).toEqual(['errors', 'compiled']);
    expect(m.api.decks.list().decks.map((d) => d.name)).toEqual(['Z']);
  });

  it('files of another folder, even one named like a prefix, are not "deleted"', () => {
    const m = tempMnemo();
    const base = tempDir();
    write(base, 'deck/a.md', '---\ndeck: A\n---\nqa::1\n');
    write(base, 'deck2/b.md', '---\ndeck: B\n---\nqb::1\n');
    compileDecks(m.col, [join(base, 'deck')]);
    compileDecks(m.col, [join(base, 'deck2')]);
    const again = compileDecks(m.col, [join(base, 'deck')]);
    expect(again.files.map((f) => f.status)).toEqual(['unchanged']);
    expect(m.api.cards.search({ state: 'retired' }).total).toBe(0);
    rmSync(join(base, 'deck', 'a.md'));
    const gone = compileDecks(m.col, [join(base, 'deck')]);
    expect(gone.files.map((f) => [f.file.replace(base, ''), f.status])).toEqual([['/deck/a.md', 'deleted']]);
    expect(m.api.cards.search({ state: 'retired' }).cards.map((c) => c.front)).toEqual(['qa']);
  });

  it('never writes the sources without --write-ids', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const text = '---\ndeck: D\n---\nq::a\n\nmulti\n?\nline\n';
    write(dir, 'd.md', text);
    expect(compileDecks(m.col, [dir]).idsWritten).toBe(0);
    compileDecks(m.col, [dir], { force: true });
    expect(readFileSync(join(dir, 'd.md'), 'utf8')).toBe(text);
  });

  it('an id used by a card of a file not compiled now is a duplicate; moving it within the compile is not', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'a.md', '---\ndeck: D\n---\nq1::a ^id-same0001\n');
    compileDecks(m.col, [dir]);
    write(dir, 'b.md', '---\ndeck: D\n---\n\nq2::b ^id-same0001\n');
    const alone = compileDecks(m.col, [join(dir, 'b.md')]);
    expect(alone.errors.map((e) => [e.line, e.message])).toEqual([
      [5, `duplicate id same0001 (already used at ${join(dir, 'a.md')}:4)`],
    ]);
    write(dir, 'a.md', '---\ndeck: D\n---\nq3::c\n');
    const both = compileDecks(m.col, [dir]);
    expect(both.errors).toEqual([]);
    expect(both.totals).toMatchObject({ updated: 1, added: 1 });
  });
});

describe('the counts a compile reports', () => {
  it('notes and the cards they give; an unchanged file counts its live notes, not its retired ones', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: D\n---\nq1::a\n\nq2:::b\n\nc ==x== and ==y==\n');
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ added: 3, cardsAdded: 5, unchanged: 0 });
    write(dir, 'd.md', '---\ndeck: D\n---\nq2:::b\n\nc ==x== and ==y==\n');
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({
      added: 0,
      retired: 1,
      cardsRetired: 1,
      unchanged: 2,
    });
    const again = compileDecks(m.col, [dir]);
    expect(again.files.map((f) => [f.status, f.unchanged, f.retired])).toEqual([['unchanged', 2, 0]]);
    expect(again.totals).toMatchObject({ added: 0, retired: 0, unchanged: 2 });
    rmSync(join(dir, 'd.md'));
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ retired: 2, cardsRetired: 4, unchanged: 0 });
  });

  it('lints only when asked, and only the files it parsed', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'd.md', '---\ndeck: D\n---\nHarbor 多出的功能::Web UI、RBAC、漏洞扫描、镜像复制、审计日志\n');
    expect(compileDecks(m.col, [dir]).lint).toEqual([]);
    expect(compileDecks(m.col, [dir], { lint: true }).lint).toEqual([]); // unchanged: not parsed
    const r = compileDecks(m.col, [dir], { lint: true, force: true });
    expect(r.lint.map((f) => [f.file, f.line, f.rule])).toEqual([[join(dir, 'd.md'), 4, 'list-back']]);
  });
});
