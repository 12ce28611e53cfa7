import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportTo } from '../../core/export/index.ts';
import { runImport } from '../../core/import/index.ts';
import { openMnemo } from '../../core/index.ts';
import { tempDir } from '../helpers/collection.ts';
import { richCollection } from '../helpers/rich-collection.ts';

describe('exams in the JSON dump', () => {
  it('carries the exams whose decks are all exported, and restores them once', async () => {
    const src = richCollection();
    const all = join(tempDir(), 'all.json');
    await exportTo(src.col, all, { format: 'json', withHistory: true });
    expect(JSON.parse(readFileSync(all, 'utf8')).exams.map((e: { name: string }) => e.name)).toEqual([
      'cli quiz',
      'DCA',
    ]);
    const net = src.col.db
      .prepare("SELECT id FROM decks WHERE name = 'Docker::网络'")
      .pluck()
      .get() as number;
    const part = join(tempDir(), 'part.json');
    await exportTo(src.col, part, { format: 'json', withHistory: true, deckIds: [net] });
    const exams = JSON.parse(readFileSync(part, 'utf8')).exams;
    // The tag exam covers every deck: not carried by an export of one deck.
    expect(exams).toEqual([
      expect.objectContaining({
        name: 'DCA',
        decks: ['Docker::网络'],
        target: 0.85,
        budgetKind: 'minutes',
        budget: 25,
      }),
    ]);

    const dst = openMnemo({ dataDir: tempDir() });
    const first = await runImport(dst.col, all);
    expect(first).toMatchObject({ examsAdded: 2 });
    expect(await runImport(dst.col, all)).toMatchObject({ examsAdded: 0 });
    expect(dst.api.exams.list().map((e) => [e.name, e.tags, e.deckIds.length])).toEqual([
      ['cli quiz', ['cli'], 0],
      ['DCA', [], 1],
    ]);
    src.close();
    dst.close();
  });
});
