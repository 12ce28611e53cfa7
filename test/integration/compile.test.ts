import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';
import { PNG } from '../helpers/hostile-deck.ts';

function deckDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const NET = `---
deck: Docker::网络模式
tags: [docker]
source: 1.4网络管理
---
# 网络模式

bridge 模式默认连接的网桥::docker0

host 模式的特点::共享宿主机网络栈，没有隔离

none 模式只有什么接口?::只有回环接口 lo

docker0 默认子网:::172.17.0.0/16
`;

const noteOf = (m: ReturnType<typeof tempMnemo>, front: string) =>
  m.col.db.prepare("SELECT * FROM notes WHERE json_extract(fields, '$.front') = ?").get(front) as
    | { id: number; retired: number; source_line: number }
    | undefined;
const cardsOf = (m: ReturnType<typeof tempMnemo>, noteId: number) =>
  m.col.db.prepare('SELECT * FROM cards WHERE note_id = ? ORDER BY ord').all(noteId) as {
    id: number;
    retired: number;
    reps: number;
  }[];

describe('compiling decks', () => {
  it('adds cards and decks, then compiling again changes nothing', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': NET });
    const first = compileDecks(m.col, [dir]);
    expect(first.errors).toEqual([]);
    expect(first.totals).toMatchObject({ added: 4, updated: 0, retired: 0 });
    expect(first.decksCreated).toEqual(['Docker', 'Docker::网络模式']);
    expect(m.col.db.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(5); // ::: gives two
    const sum = checksum(m.col.db);
    const second = compileDecks(m.col, [dir]);
    expect(second.files[0]!.status).toBe('unchanged');
    expect(checksum(m.col.db)).toBe(sum);
    const forced = compileDecks(m.col, [dir], { force: true });
    expect(forced.totals).toMatchObject({ added: 0, unchanged: 4 });
    expect(checksum(m.col.db)).toBe(sum);
  });

  it('an edited back updates the note and keeps the review history', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': NET });
    compileDecks(m.col, [dir]);
    const note = noteOf(m, 'host 模式的特点')!;
    const [card] = cardsOf(m, note.id);
    m.api.review.answer({ cardId: card!.id, rating: Rating.Good, durationMs: 1000 });
    writeFileSync(join(dir, 'net.md'), NET.replace('没有隔离', '容器之间没有网络隔离'));
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ updated: 1, added: 0, retired: 0, unchanged: 3 });
    const after = m.api.cards.get({ cardId: card!.id });
    expect(after.card.back).toBe('共享宿主机网络栈，容器之间没有网络隔离');
    expect(after.log).toHaveLength(1);
    expect(after.card.fsrs.reps).toBe(1);
  });

  it('a front edited in place is matched as an edit, not delete + add', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': NET });
    compileDecks(m.col, [dir]);
    const note = noteOf(m, 'none 模式只有什么接口?')!;
    const [card] = cardsOf(m, note.id);
    m.api.review.answer({ cardId: card!.id, rating: Rating.Easy, durationMs: 1000 });
    writeFileSync(
      join(dir, 'net.md'),
      NET.replace('none 模式只有什么接口?', 'none 网络模式下容器只有什么网络接口?'),
    );
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ edited: 1, added: 0, retired: 0 });
    expect(r.files[0]!.editedFronts).toEqual([
      { from: 'none 模式只有什么接口?', to: 'none 网络模式下容器只有什么网络接口?', line: 12 },
    ]);
    expect(m.api.cards.get({ cardId: card!.id }).card.front).toBe('none 网络模式下容器只有什么网络接口?');
    expect(m.api.cards.get({ cardId: card!.id }).log).toHaveLength(1);
  });

  it('a card deleted from its source is retired with its history, and restored when it comes back', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': NET });
    compileDecks(m.col, [dir]);
    const note = noteOf(m, 'bridge 模式默认连接的网桥')!;
    const [card] = cardsOf(m, note.id);
    m.api.review.answer({ cardId: card!.id, rating: Rating.Good, durationMs: 1000 });
    writeFileSync(join(dir, 'net.md'), NET.replace('bridge 模式默认连接的网桥::docker0\n\n', ''));
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ retired: 1, added: 0 });
    expect(m.api.cards.get({ cardId: card!.id }).card.retired).toBe(true);
    expect(m.api.review.counts({}).counts.learning).toBe(0); // retired cards are not studied
    expect(m.api.cards.get({ cardId: card!.id }).log).toHaveLength(1);

    writeFileSync(join(dir, 'net.md'), NET);
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ restored: 1, added: 0 });
    expect(m.api.cards.get({ cardId: card!.id }).card).toMatchObject({ retired: false, fsrs: { reps: 1 } });

    // Deleting the whole file retires its cards too.
    writeFileSync(join(dir, 'other.md'), 'x::y\n');
    compileDecks(m.col, [dir]);
    rmSync(join(dir, 'other.md'));
    const r = compileDecks(m.col, [dir]);
    expect(r.files.find((f) => f.file.endsWith('other.md'))).toMatchObject({ status: 'deleted', retired: 1 });
  });

  it('--write-ids writes ids and nothing else; a second compile changes nothing', () => {
    const m = tempMnemo();
    const source = `${NET}\nmulti?\n?\n\`\`\`\ncode\n\`\`\`\n\ncloze ==hidden== text\r\n\r\nlast::line\r\n`;
    const dir = deckDir({ 'net.md': source });
    const r = compileDecks(m.col, [dir], { writeIds: true });
    expect(r.idsWritten).toBe(7);
    const written = readFileSync(join(dir, 'net.md'), 'utf8');
    const ids = [...written.matchAll(/ ?\^id-([0-9a-f]{8})/g)];
    expect(ids).toHaveLength(7);
    // Removing what was written gives back the original, byte for byte (CRLF lines included).
    expect(written.replace(/\n\^id-[0-9a-f]{8}(?=\n)/g, '').replace(/ \^id-[0-9a-f]{8}/g, '')).toBe(source);
    const dbIds = m.col.db.prepare('SELECT source_id FROM notes ORDER BY source_id').pluck().all();
    expect(dbIds).toEqual(ids.map((x) => x[1]).sort());
    const sum = checksum(m.col.db);
    expect(compileDecks(m.col, [dir]).files[0]!.status).toBe('unchanged');
    expect(compileDecks(m.col, [dir], { force: true }).totals).toMatchObject({ unchanged: 7, added: 0 });
    expect(checksum(m.col.db)).toBe(sum);
    // With ids, even a rewritten front keeps its card.
    const idOfHost = /host 模式的特点::共享宿主机网络栈，没有隔离 \^id-([0-9a-f]{8})/.exec(written)![1];
    writeFileSync(join(dir, 'net.md'), written.replace('host 模式的特点', '完全不同的问题文本'));
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ updated: 1, added: 0, retired: 0 });
    expect(
      m.col.db
        .prepare("SELECT json_extract(fields, '$.front') FROM notes WHERE source_id = ?")
        .pluck()
        .get(idOfHost),
    ).toBe('完全不同的问题文本');
  });

  it('a compile with an error leaves the collection byte-identical; --keep-going applies the rest', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': NET });
    compileDecks(m.col, [dir]);
    const sum = checksum(m.col.db);
    writeFileSync(join(dir, 'net.md'), `${NET}\nnew card::fine\n`);
    writeFileSync(join(dir, 'bad.md'), 'good::card\n\nbroken::\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.applied).toBe(false);
    expect(
      r.errors.map((e) => `${e.file.slice(dir.length + 1)}:${e.line}:${e.column}: ${e.message}`),
    ).toEqual(['bad.md:3:9: card has an empty back (nothing after the separator)']);
    expect(checksum(m.col.db)).toBe(sum);
    const kept = compileDecks(m.col, [dir], { keepGoing: true });
    expect(kept.applied).toBe(true);
    expect(kept.files.find((f) => f.file.endsWith('bad.md'))!.status).toBe('errors');
    expect(kept.totals.added).toBe(1);
  });

  it('duplicate ids are errors naming both places', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'a.md': 'one::1 ^id-same\n', 'b.md': 'two::2 ^id-same\n' });
    const r = compileDecks(m.col, [dir]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/duplicate id same \(first at .*a\.md:1\)/);
  });

  it('copies images into the media folder and points the card at the copy', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': 'diagram?\n?\n![net](img/net.png)\n' });
    mkdirSync(join(dir, 'img'), { recursive: true });
    writeFileSync(join(dir, 'img', 'net.png'), PNG);
    const r = compileDecks(m.col, [dir]);
    expect(r.errors).toEqual([]);
    const back = m.api.cards.get({ cardId: 1 }).card.back;
    const name = /!\[net\]\(media\/([0-9a-f]{32}\.png)\)/.exec(back)![1]!;
    expect(readFileSync(join(m.dataDir, 'media', name))).toEqual(PNG);
  });

  it('decks come from folders when a file has no deck: front matter; README.md is not a deck', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'k8s/pods.md': 'pod::smallest unit\n', 'README.md': 'not::a card\n' });
    compileDecks(m.col, [dir]);
    expect(m.api.decks.list().decks.map((d) => d.name)).toEqual(['k8s', 'k8s::pods']);
  });

  it('a two-way card turned one-way retires its reverse card, and back again restores it', () => {
    const m = tempMnemo();
    const dir = deckDir({ 'net.md': NET });
    compileDecks(m.col, [dir]);
    const note = noteOf(m, 'docker0 默认子网')!;
    writeFileSync(join(dir, 'net.md'), NET.replace('docker0 默认子网:::', 'docker0 默认子网::'));
    compileDecks(m.col, [dir]);
    expect(cardsOf(m, note.id).map((c) => c.retired)).toEqual([0, 1]);
    writeFileSync(join(dir, 'net.md'), NET);
    compileDecks(m.col, [dir]);
    expect(cardsOf(m, note.id).map((c) => c.retired)).toEqual([0, 0]);
  });
});
