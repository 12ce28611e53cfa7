/**
 * A small collection with everything an Anki export has to carry: basic, two-way and cloze
 * notes, fenced code, a heading path, an image, raw HTML (with a script to be dropped),
 * tags, a two-level deck tree with its own preset, reviews over several days, and cards
 * suspended, buried, flagged and retired.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDecks } from '../../core/compiler/compile.ts';
import type { Mnemo } from '../../core/index.ts';
import { type TestClock, tempDir, tempMnemo } from './collection.ts';
import { PNG } from './hostile-deck.ts';

const DAY = 86_400_000;

const NETWORK = `---
deck: Docker::网络
tags: [docker, network]
---
# 网络模式

## bridge

docker0 的默认子网:::172.17.0.0/16

如何创建自定义网络？
?
\`\`\`bash
docker network create mynet
docker network connect mynet web
\`\`\`

容器访问外网时宿主机做的是 ==MASQUERADE== ，端口映射用 ==DNAT== 。

网络图长什么样::![网络](img/net.png)

<b>粗体</b><script>alert(1)</script> 的 HTML 卡::<i>answer</i> & <u>more</u>
`;

const BASICS = `---
deck: Docker
tags: [docker]
---
# 基础

镜像层由哪条指令生成::RUN

{{c1::Dockerfile}} 以 {{c2::FROM::指令}} 开头

要被删掉的卡::删掉
`;

export interface Sample {
  mnemo: Mnemo & { clock: TestClock };
  deckDir: string;
  /** Card ids by a short name. */
  cards: { suspended: number; buried: number; flagged: number };
  reviews: number;
}

export function sampleCollection(): Sample {
  const mnemo = tempMnemo();
  const deckDir = join(tempDir(), 'decks');
  mkdirSync(join(deckDir, 'img'), { recursive: true });
  writeFileSync(join(deckDir, 'img', 'net.png'), PNG);
  writeFileSync(join(deckDir, 'network.md'), NETWORK);
  writeFileSync(join(deckDir, 'basics.md'), BASICS);
  const first = compileDecks(mnemo.col, [deckDir]);
  if (first.errors.length) throw new Error(JSON.stringify(first.errors));
  // Retire one card: remove it from its file and compile again.
  writeFileSync(join(deckDir, 'basics.md'), BASICS.replace('要被删掉的卡::删掉\n', ''));
  compileDecks(mnemo.col, [deckDir]);

  const { api, col } = mnemo;
  const preset = api.presets.create({
    name: 'Network preset',
    desiredRetention: 0.85,
    learningSteps: '2m 15m',
  });
  const net = api.decks.list().decks.find((d) => d.name === 'Docker::网络')!;
  api.decks.setPreset({ deckId: net.id, presetId: preset.id });

  const ids = col.db.prepare('SELECT id FROM cards WHERE retired = 0 ORDER BY id').pluck().all() as number[];
  let reviews = 0;
  // Three days of answers: some cards reach review, some lapse, some stay learning.
  for (let day = 0; day < 3; day++) {
    for (const [i, id] of ids.entries()) {
      if (i % 5 === 4) continue; // some stay new
      const rating = ((i + day) % 4) + 1;
      api.review.answer({ cardId: id, rating: rating as 1 | 2 | 3 | 4, durationMs: 1000 + i * 10 });
      reviews++;
      mnemo.clock.advance(60_000);
    }
    mnemo.clock.advance(DAY);
  }
  const suspended = ids[0]!;
  const buried = ids[1]!;
  const flagged = ids[2]!;
  api.cards.suspend({ cardIds: [suspended] });
  api.cards.bury({ cardIds: [buried] });
  api.cards.flag({ cardIds: [flagged], flag: 3 });
  return { mnemo, deckDir, cards: { suspended, buried, flagged }, reviews };
}
