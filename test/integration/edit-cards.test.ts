import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDeckFolder } from '../../core/compiler/deck-folders.ts';
import { tempDir, tempMnemo, typedRow } from '../helpers/collection.ts';

type M = ReturnType<typeof tempMnemo>;

const DECK = [
  '---',
  'deck: Docker::网络',
  'tags: [docker]',
  '---',
  '# 网络模式',
  '',
  'docker0 的默认子网:::172.17.0.0/16',
  'bridge 模式默认连接的网桥::docker0',
  'host 模式的特点::共享宿主机网络',
  '',
  '如何创建自定义网络？',
  '?',
  '```bash',
  'docker network create mynet',
  '```',
  '',
  '容器访问外网时宿主机做的是 ==MASQUERADE== 。',
  '',
  '## 其他',
  '',
  'none 模式只有什么接口::lo',
  '',
].join('\n');

/** A registered deck folder with one deck file, compiled through the API as the app does. */
function deckFolder(m: M, text = DECK, name = 'net.md') {
  const dir = realpathSync(tempDir());
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  addDeckFolder(m.col, dir);
  const r = m.api.decks.compile({ paths: [dir] });
  expect(r.errors).toEqual([]);
  return { dir, file };
}

/** The card whose front (or cloze text) contains `text`. */
function cardWith(m: M, text: string): number {
  return m.col.db
    .prepare(
      `SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id
       WHERE instr(coalesce(json_extract(n.fields, '$.front'), json_extract(n.fields, '$.text')), ?) > 0
       ORDER BY c.ord LIMIT 1`,
    )
    .pluck()
    .get(text) as number;
}

/** Answers a card a few times, so it has history and a memory state to keep. */
function study(m: M, cardId: number): void {
  for (const rating of [3, 3, 1, 3] as const) {
    m.api.review.answer({ cardId, rating, durationMs: 2000 });
    m.clock.advance(3 * 86_400_000);
  }
}

/** Lines that differ between two texts, by line number, for texts of equal line count. */
function changedLines(a: string, b: string): number[] {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y.length).toBe(x.length);
  return x.flatMap((l, i) => (l === y[i] ? [] : [i + 1]));
}

describe('editing a compiled card writes its lines back into its Markdown file', () => {
  it('keeps the card id, its review history and FSRS state; only its line changes', () => {
    const m = tempMnemo();
    const { file } = deckFolder(m);
    const id = cardWith(m, 'bridge 模式');
    study(m, id);
    const before = m.api.cards.get({ cardId: id });
    const row = typedRow(m.col.db, 'cards', id);
    const ed = m.api.notes.editable({ cardId: id });
    expect(ed).toMatchObject({
      stored: 'file',
      file,
      line: 8,
      problem: null,
      fields: { front: 'bridge 模式默认连接的网桥', back: 'docker0' },
    });

    const r = m.api.notes.edit({
      cardId: id,
      fields: { front: 'bridge 模式下容器默认接入的网桥', back: 'docker0（默认网桥）' },
      baseHash: ed.baseHash!,
    });
    expect(r).toMatchObject({ stored: 'file', changed: true, file, line: 8 });
    const text = readFileSync(file, 'utf8');
    // The front changed entirely, so an id was written to keep the card matched for good.
    expect(r.idWritten).toMatch(/^[0-9a-f]{8}$/);
    expect(text.split('\n')[7]).toBe(
      `bridge 模式下容器默认接入的网桥::docker0（默认网桥） ^id-${r.idWritten}`,
    );
    expect(changedLines(DECK, text)).toEqual([8]);

    const after = m.api.cards.get({ cardId: id });
    expect(after.card.front).toBe('bridge 模式下容器默认接入的网桥');
    expect(after.card.back).toBe('docker0（默认网桥）');
    expect(after.log).toEqual(before.log);
    expect(after.card.fsrs).toEqual(before.card.fsrs);
    expect(typedRow(m.col.db, 'cards', id)).toEqual(row);
    expect(m.col.db.prepare('SELECT count(*) FROM cards WHERE retired = 1').pluck().get()).toBe(0);
    // The file is recorded as compiled: a compile now has nothing to do.
    expect(m.api.decks.compile({ paths: [file] }).files[0]!.status).toBe('unchanged');
  });

  it('keeps CRLF line endings and every other byte of the file', () => {
    const m = tempMnemo();
    const crlf = `\uFEFF${DECK.replace(/\n/g, '\r\n')}`;
    const { file } = deckFolder(m, crlf);
    const id = cardWith(m, '如何创建自定义网络');
    study(m, id);
    const log = m.api.cards.get({ cardId: id }).log;
    m.api.notes.edit({
      cardId: id,
      fields: {
        front: '如何创建自定义网络，并让容器加入？',
        back: '```bash\r\ndocker network create mynet\r\ndocker network connect mynet web\r\n```',
      },
    });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n'); // no bare LF
    const lines = text.split('\r\n');
    const old = crlf.split('\r\n');
    // Lines 11–15 were the card; one code line was added, and the id on its own line after the fence.
    expect(lines.slice(0, 10)).toEqual(old.slice(0, 10));
    expect(lines.slice(10, 18)).toEqual([
      '如何创建自定义网络，并让容器加入？',
      '?',
      '```bash',
      'docker network create mynet',
      'docker network connect mynet web',
      '```',
      expect.stringMatching(/^\^id-[0-9a-f]{8}$/),
      '',
    ]);
    expect(lines.slice(17)).toEqual(old.slice(15));
    const after = m.api.cards.get({ cardId: id });
    expect(after.log).toEqual(log);
    expect(after.card.back).toContain('docker network connect mynet web');
  });

  it('edits a cloze (numbers kept) and a card whose front stays the same without writing an id', () => {
    const m = tempMnemo();
    const { file } = deckFolder(m);
    const cloze = cardWith(m, 'MASQUERADE');
    study(m, cloze);
    expect(m.api.notes.editable({ cardId: cloze }).fields.text).toBe(
      '容器访问外网时宿主机做的是 ==MASQUERADE== 。',
    );
    m.api.notes.edit({
      cardId: cloze,
      fields: { text: '容器访问外网时，宿主机在 iptables 里做的是 ==MASQUERADE== 。' },
    });
    const none = cardWith(m, 'none 模式');
    const r = m.api.notes.edit({
      cardId: none,
      fields: { front: 'none 模式只有什么接口', back: '`lo`（回环）' },
    });
    expect(r.idWritten).toBeNull();
    const text = readFileSync(file, 'utf8');
    expect(changedLines(DECK, text)).toEqual([17, 21]);
    expect(text.split('\n')[20]).toBe('none 模式只有什么接口::`lo`（回环）');
    expect(m.api.cards.get({ cardId: cloze }).log).toHaveLength(4);
    expect(m.api.cards.get({ cardId: cloze }).card.back).toContain('iptables');
    expect(m.api.cards.get({ cardId: none }).card.back).toBe('`lo`（回环）');
  });

  it('keeps the separator as written, a two-way card two-way, and an existing id in place', () => {
    const m = tempMnemo();
    const text = DECK.replace(
      'docker0 的默认子网:::172.17.0.0/16',
      '  docker0 的默认子网 ::: 172.17.0.0/16 ^id-subnet',
    );
    const { file } = deckFolder(m, text);
    const fwd = cardWith(m, 'docker0 的默认子网');
    const siblings = m.col.db
      .prepare('SELECT id FROM cards WHERE note_id = (SELECT note_id FROM cards WHERE id = ?)')
      .pluck()
      .all(fwd);
    const r = m.api.notes.edit({
      cardId: fwd,
      fields: { front: 'docker0 网桥的默认子网', back: '172.17.0.0/16' },
    });
    expect(r.idWritten).toBeNull();
    expect(readFileSync(file, 'utf8').split('\n')[6]).toBe(
      '  docker0 网桥的默认子网 ::: 172.17.0.0/16 ^id-subnet',
    );
    expect(
      m.col.db
        .prepare('SELECT id FROM cards WHERE note_id = (SELECT note_id FROM cards WHERE id = ?)')
        .pluck()
        .all(fwd),
    ).toEqual(siblings);
  });

  it('a one-line card given several lines becomes a ? card, set apart from its neighbours by blank lines', () => {
    const m = tempMnemo();
    const { file } = deckFolder(m);
    const id = cardWith(m, 'host 模式');
    study(m, id);
    m.api.notes.edit({
      cardId: id,
      fields: { front: 'host 模式的特点', back: '- 共享宿主机网络\n- 没有端口映射' },
    });
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(6, 14)).toEqual([
      'docker0 的默认子网:::172.17.0.0/16',
      'bridge 模式默认连接的网桥::docker0',
      '',
      'host 模式的特点',
      '?',
      '- 共享宿主机网络',
      '- 没有端口映射',
      '',
    ]);
    expect(m.api.cards.get({ cardId: id }).log).toHaveLength(4);
    expect(m.api.decks.compile({ paths: [file] }).files[0]!.status).toBe('unchanged');
    expect(m.col.db.prepare('SELECT count(*) FROM notes WHERE retired = 0').pluck().get()).toBe(6);
  });

  it('keeps the decks a file without deck: got from its folder', () => {
    const m = tempMnemo();
    const { file } = deckFolder(
      m,
      '# 存储\n\n数据卷的默认位置::/var/lib/docker/volumes\n',
      'docker/storage.md',
    );
    const id = cardWith(m, '数据卷');
    expect(m.api.cards.get({ cardId: id }).card.deckName).toBe('docker::storage');
    m.api.notes.edit({
      cardId: id,
      fields: { front: 'Docker 数据卷默认存放在哪里', back: '/var/lib/docker/volumes' },
    });
    expect(m.api.cards.get({ cardId: id }).card.deckName).toBe('docker::storage');
    expect(readFileSync(file, 'utf8')).toMatch(
      /^# 存储\n\nDocker 数据卷默认存放在哪里::\/var\/lib\/docker\/volumes \^id-[0-9a-f]{8}\n$/,
    );
  });

  it('edits a note without a source file in the collection; a cloze gains and retires cards by number', () => {
    const m = tempMnemo();
    const deckId = m.api.decks.create({ name: 'App' }).id;
    const basic = m.api.notes.add({ deckId, kind: 'basic', fields: { front: 'q', back: 'a' } }).cardIds[0]!;
    study(m, basic);
    expect(m.api.notes.editable({ cardId: basic })).toMatchObject({
      stored: 'collection',
      file: null,
      problem: null,
    });
    m.api.notes.edit({ cardId: basic, fields: { front: 'question', back: 'answer' } });
    expect(m.api.cards.get({ cardId: basic })).toMatchObject({ card: { front: 'question', back: 'answer' } });
    expect(m.api.cards.get({ cardId: basic }).log).toHaveLength(4);

    const [c1, c2] = m.api.notes.add({
      deckId,
      kind: 'cloze',
      fields: { text: '{{c1::a}} {{c2::b}}' },
    }).cardIds;
    m.api.notes.edit({ cardId: c1!, fields: { text: '{{c1::a}} {{c3::c}}', extra: 'more' } });
    const cards = m.col.db
      .prepare(
        'SELECT id, ord, retired FROM cards WHERE note_id = (SELECT note_id FROM cards WHERE id = ?) ORDER BY ord',
      )
      .all(c1!);
    expect(cards).toEqual([
      { id: c1, ord: 0, retired: 0 },
      { id: c2, ord: 1, retired: 1 },
      { id: expect.any(Number), ord: 2, retired: 0 },
    ]);
    expect(m.api.cards.get({ cardId: c1! }).card.back).toContain('more');
    expect(() => m.api.notes.edit({ cardId: c1!, fields: { text: 'no cloze left' } })).toThrow(
      /at least one/,
    );
  });
});
