/**
 * A collection with everything an export must carry: compiled decks (contexts, tags, a
 * source section, an image, every card kind, type-in), notes added by hand (a back of two
 * paragraphs), a note with an Anki guid, two presets, several answers per card over several
 * days, a reset, suspended, flagged and buried cards, and a retired note.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDecks } from '../../core/compiler/compile.ts';
import { applyBatch } from '../../core/import/apply.ts';
import type { Mnemo } from '../../core/index.ts';
import type { Db } from '../../core/store/db.ts';
import { tempDir, tempMnemo } from './collection.ts';
import { PNG } from './hostile-deck.ts';

const DAY = 86_400_000;
export const ANKI_GUID = 'Ab#c{d}/e';

const NET = `---
deck: Docker::网络
tags: [docker, net]
source: 1.4网络管理
---
# bridge

docker0 的默认子网:::172.17.0.0/16
bridge 模式默认连接的网桥::docker0

如何创建自定义网络？
?
\`\`\`bash
docker network create mynet
\`\`\`

## NAT

容器访问外网时宿主机做的是 ==MASQUERADE== 。

网络拓扑
?
![topology](img/net.png)
`;

const CMD = `---
deck: Docker::命令
tags: [cli]
---
列出容器的命令::type: docker ps

{{c1::docker images}} 列出 {{c2::镜像::what}}

删除我::很快
`;

export function richCollection(): Mnemo & { clock: { now: number }; decksDir: string } {
  const m = tempMnemo(Date.parse('2026-11-01T10:00:00+08:00'));
  const dir = join(tempDir(), 'decks');
  mkdirSync(join(dir, 'img'), { recursive: true });
  writeFileSync(join(dir, 'img', 'net.png'), PNG);
  writeFileSync(join(dir, 'net.md'), NET);
  writeFileSync(join(dir, 'cmd.md'), CMD);
  const first = compileDecks(m.col, [dir]);
  if (first.errors.length) throw new Error(JSON.stringify(first.errors));
  // A card gone from its file is retired, history kept.
  writeFileSync(join(dir, 'cmd.md'), CMD.replace('\n删除我::很快\n', ''));
  compileDecks(m.col, [dir]);

  m.api.presets.update({ presetId: 1, desiredRetention: 0.85, learningSteps: '2m 15m' });
  const fast = m.api.presets.create({ name: 'Fast', newPerDay: 50, fsrsWeights: null, enableFuzz: false });
  const mine = m.api.decks.create({ name: 'Mine', presetId: fast.id });
  m.api.notes.add({
    deckId: mine.id,
    kind: 'basic',
    fields: { front: 'two paragraphs', back: 'one\n\ntwo' },
    tags: ['x'],
  });
  m.api.notes.add({
    deckId: mine.id,
    kind: 'reversed',
    fields: { front: 'front', back: 'back' },
    context: 'A › B',
  });
  applyBatch(
    m.col,
    {
      source: { file: 'anki.apkg', format: 'apkg' },
      decks: [],
      presets: [],
      media: [],
      warnings: [],
      notes: [
        {
          guid: ANKI_GUID,
          kind: 'basic',
          fields: { front: 'from Anki', back: '<b>bold</b>' },
          tags: ['anki'],
          cards: [{ ord: 0, deck: 'Mine', fsrs: null, reviews: [] }],
        },
      ],
    },
    { dryRun: false },
  );

  // Several answers per card over several days; a reset, a suspended, a flagged, a buried card.
  const live = m.col.db
    .prepare('SELECT id FROM cards WHERE retired = 0 ORDER BY id')
    .pluck()
    .all() as number[];
  for (let day = 0; day < 6; day++) {
    m.clock.now += DAY;
    for (const [i, cardId] of live.slice(0, 6).entries()) {
      m.clock.now += 60_000;
      m.api.review.answer({ cardId, rating: ((i + day) % 4) + 1, durationMs: 1000 + i } as never);
    }
  }
  m.api.cards.reset({ cardIds: [live[1]!] });
  m.api.cards.suspend({ cardIds: [live[2]!] });
  m.api.cards.flag({ cardIds: [live[3]!], flag: 5 });
  m.api.cards.bury({ cardIds: [live[7]!] });
  // Exams: one over a deck, one over a tag in every deck; and a cram answer that reschedules nothing.
  const net = m.col.db.prepare("SELECT id FROM decks WHERE name = 'Docker::网络'").pluck().get() as number;
  m.api.exams.create({
    name: 'DCA',
    examAt: m.clock.now + 20 * DAY,
    deckIds: [net],
    budgetKind: 'minutes',
    budget: 25,
    target: 0.85,
  });
  m.api.exams.create({
    name: 'cli quiz',
    examAt: m.clock.now + 3 * DAY,
    tags: ['cli'],
    budgetKind: 'reviews',
    budget: 40,
  });
  m.clock.now += 60_000;
  m.api.cram.answer({ cardId: live[4]!, rating: 2, durationMs: 700 });
  return Object.assign(m, { decksDir: dir });
}

/**
 * Every row of the collection's content tables, ids replaced by what they stand for (a note
 * by its guid, a deck by its name, a card by note and ord), each value SQLite-quoted so an
 * integer stored as a real shows.
 */
export function contentOf(db: Db) {
  const rows = (sql: string) => db.prepare(sql).raw().all();
  const q = (cols: string, t: string) =>
    cols
      .split(/,\s*/)
      .map((c) => `quote(${t}.${c})`)
      .join(', ');
  const presetCols = (db.prepare('PRAGMA table_info(presets)').all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'id')
    .join(', ');
  const noteCols = (db.prepare('PRAGMA table_info(notes)').all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'id')
    .join(', ');
  const cardCols = (db.prepare('PRAGMA table_info(cards)').all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => !['id', 'note_id', 'deck_id'].includes(c))
    .join(', ');
  return {
    presets: rows(`SELECT ${q(presetCols, 'p')} FROM presets p ORDER BY p.name`),
    decks: rows(
      `SELECT d.name, parent.name, p.name, quote(d.description), quote(d.created_at) FROM decks d
       LEFT JOIN decks parent ON parent.id = d.parent_id JOIN presets p ON p.id = d.preset_id ORDER BY d.name`,
    ),
    notes: rows(`SELECT ${q(noteCols, 'n')} FROM notes n ORDER BY n.guid`),
    cards: rows(
      `SELECT n.guid, d.name, ${q(cardCols, 'c')} FROM cards c JOIN notes n ON n.id = c.note_id
       JOIN decks d ON d.id = c.deck_id ORDER BY n.guid, c.ord`,
    ),
    reviewLog: rows(
      `SELECT n.guid, c.ord, d.name, ${q('id, rating, kind, state_before, reviewed_at, duration_ms, before, after', 'r')}
       FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id
       LEFT JOIN decks d ON d.id = r.deck_id ORDER BY r.id`,
    ),
    exams: rows(
      `SELECT ${q('name, exam_at, tags, target, budget_kind, budget, created_at, modified_at', 'e')},
       (SELECT group_concat(d.name, '|') FROM (SELECT d.name FROM exam_decks x JOIN decks d ON d.id = x.deck_id
        WHERE x.exam_id = e.id ORDER BY d.name) d) FROM exams e ORDER BY e.name`,
    ),
  };
}
