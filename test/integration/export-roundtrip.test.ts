import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { exportTo } from '../../core/export/index.ts';
import { parseDelimited } from '../../core/import/csv/parse.ts';
import { runImport } from '../../core/import/index.ts';
import { openMnemo } from '../../core/index.ts';
import type { Db } from '../../core/store/db.ts';
import { tempDir } from '../helpers/collection.ts';
import { ANKI_GUID, contentOf, richCollection } from '../helpers/rich-collection.ts';

/** What a Markdown round trip keeps: live notes' content and guids, their cards' decks, the decks. */
function liveContent(db: Db) {
  return {
    notes: db
      .prepare('SELECT guid, kind, fields, tags, context FROM notes WHERE retired = 0 ORDER BY guid')
      .all()
      .map((n) => ({ ...(n as object), fields: JSON.parse((n as { fields: string }).fields) })),
    cards: db
      .prepare(
        `SELECT n.guid, c.ord, d.name FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id
         WHERE c.retired = 0 ORDER BY n.guid, c.ord`,
      )
      .raw()
      .all(),
    decks: db.prepare('SELECT name FROM decks ORDER BY name').pluck().all(),
  };
}

describe('export and import round trips', () => {
  it('Mnemo → JSON → Mnemo restores the same collection content, history included', async () => {
    const src = richCollection();
    const file = join(tempDir(), 'dump.json');
    const progress: number[] = [];
    const r = await exportTo(src.col, file, { format: 'json', withHistory: true }, (done) =>
      progress.push(done),
    );
    const reviews = src.col.db.prepare('SELECT count(*) FROM review_log').pluck().get() as number;
    expect(reviews).toBeGreaterThan(30);
    expect(r).toMatchObject({ file, notes: 11, reviews, media: 1 });
    expect(r.bytes).toBe(readFileSync(file).length);
    expect(progress.at(-1)).toBe(r.notes + r.cards + r.reviews);
    const dump = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(dump)).toEqual([
      'format',
      'version',
      'exportedAt',
      'presets',
      'decks',
      'exams',
      'notes',
      'cards',
      'reviewLog',
      'media',
    ]);
    expect(dump).toMatchObject({ format: 'mnemo-collection', version: 1 });

    const dst = openMnemo({ dataDir: tempDir() });
    const summary = await runImport(dst.col, file);
    expect(summary).toMatchObject({ notesAdded: 11, reviewsAdded: reviews, mediaAdded: 1, warnings: [] });
    expect(contentOf(dst.col.db)).toEqual(contentOf(src.col.db));
    expect(readdirSync(join(dst.dataDir, 'media'))).toEqual(readdirSync(join(src.dataDir, 'media')));
    // Restoring again changes nothing.
    const again = await runImport(dst.col, file);
    expect(again).toMatchObject({ notesAdded: 0, notesUpdated: 0, notesUnchanged: 11, reviewsAdded: 0 });
    expect(contentOf(dst.col.db)).toEqual(contentOf(src.col.db));
    src.close();
    dst.close();
  });

  it('Mnemo → Markdown → compile gives the same notes, decks, tags and guids', async () => {
    const src = richCollection();
    const folder = join(tempDir(), 'md');
    const r = await exportTo(src.col, folder, { format: 'md', withHistory: false });
    expect(r).toMatchObject({ notes: 10, cards: 13, media: 1, warnings: [] });
    const files = readdirSync(folder).sort();
    expect(files).toEqual([
      'Docker__命令.md',
      'Docker__网络.md',
      'Mine (2).md',
      'Mine (3).md',
      'Mine.md',
      'media',
    ]);
    const net = readFileSync(join(folder, 'Docker__网络.md'), 'utf8');
    expect(net).toMatch(
      /^---\ndeck: "Docker::网络"\ntags: \["docker","net"\]\nsource: "1\.4网络管理"\n---\n/,
    );
    expect(net).toMatch(/^# bridge$/m);
    expect(net).toMatch(/^## NAT$/m);
    expect(net).toMatch(/\^id-[0-9a-f-]{36}$/m);
    const anki = readFileSync(join(folder, 'Mine (3).md'), 'utf8');
    expect(anki).toContain(`^id-g64-${Buffer.from(ANKI_GUID).toString('base64url')}`);

    const dst = openMnemo({ dataDir: tempDir() });
    const report = compileDecks(dst.col, [folder]);
    expect(report.errors).toEqual([]);
    expect(liveContent(dst.col.db)).toEqual(liveContent(src.col.db));
    expect(readdirSync(join(dst.dataDir, 'media'))).toEqual(readdirSync(join(src.dataDir, 'media')));
    // Compiled again (into the collection the export came from), every note is found by its guid.
    const back = compileDecks(src.col, [folder]);
    expect(back.totals).toMatchObject({ added: 0, edited: 0 });
    src.close();
    dst.close();
  });

  it('names a note the card syntax cannot hold exactly', async () => {
    const src = richCollection();
    const deckId = src.api.decks.create({ name: 'Odd' }).id;
    src.api.notes.add({ deckId, kind: 'basic', fields: { front: 'line one\n\nline two', back: 'b' } });
    const r = await exportTo(src.col, join(tempDir(), 'md'), { format: 'md', withHistory: false });
    expect(r.warnings).toEqual([
      expect.stringMatching(/^1 note\(s\) hold text the card syntax cannot express exactly.*Odd\.md/),
    ]);
    src.close();
  });

  it('CSV and TSV carry Anki’s headers, note types, decks, HTML fields and tags, and import back', async () => {
    const src = richCollection();
    const dir = tempDir();
    const r = await exportTo(src.col, join(dir, 'all.csv'), { format: 'csv', withHistory: false });
    expect(r).toMatchObject({ notes: 10, cards: 13, reviews: 0 });
    const text = readFileSync(join(dir, 'all.csv'), 'utf8');
    expect(text.split('\n').slice(0, 6)).toEqual([
      '#separator:Comma',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
    ]);
    const rows = new Map(parseDelimited(text, ',', 'all.csv').rows.map((row) => [row.cells[3], row.cells]));
    expect(rows.get('<p>docker0 的默认子网</p>')).toEqual([
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      'Basic (and reversed card)',
      'Docker::网络',
      '<p>docker0 的默认子网</p>',
      '<p>172.17.0.0/16</p>',
      'docker net',
    ]);
    expect(rows.get('<p>列出容器的命令</p>')?.[1]).toBe('Basic (type in the answer)');
    const cloze = [...rows.values()].find((c) => c[1] === 'Cloze')!;
    expect(cloze[3]).toBe('<p>{{c1::docker images}} 列出 {{c2::镜像::what}}</p>');
    const code = [...rows.values()].find((c) => c[3] === '<p>如何创建自定义网络？</p>')!;
    expect(code[4]).toMatch(/^<pre><code class="language-bash">/);
    const image = [...rows.values()].find((c) => c[3] === '<p>网络拓扑</p>')!;
    expect(image[4]).toMatch(/^<p><img src="[0-9a-f]{32}\.png" alt="topology" ?\/?><\/p>$/);
    expect([...rows.values()].find((c) => c[0] === ANKI_GUID)?.[4]).toBe('<p><b>bold</b></p>');

    await exportTo(src.col, join(dir, 'all.tsv'), { format: 'tsv', withHistory: false });
    expect(readFileSync(join(dir, 'all.tsv'), 'utf8')).toMatch(/^#separator:Tab\n#html:true\n/);

    // Read back (as Anki would): the same guids, kinds and decks.
    const dst = openMnemo({ dataDir: tempDir() });
    const summary = await runImport(dst.col, join(dir, 'all.tsv'));
    expect(summary).toMatchObject({ notesAdded: 10, cardsAdded: 13 });
    const kinds = (db: Db) =>
      db.prepare('SELECT guid, kind, tags FROM notes WHERE retired = 0 ORDER BY guid').raw().all();
    expect(kinds(dst.col.db)).toEqual(kinds(src.col.db));
    expect(liveContent(dst.col.db).cards).toEqual(liveContent(src.col.db).cards);
    src.close();
    dst.close();
  });

  it('exports only the decks asked for, with their subdecks', async () => {
    const src = richCollection();
    const docker = src.api.decks.list().decks.find((d) => d.name === 'Docker')!.id;
    const file = join(tempDir(), 'docker.json');
    const r = await exportTo(src.col, file, { format: 'json', withHistory: true, deckIds: [docker] });
    const dump = JSON.parse(readFileSync(file, 'utf8'));
    expect(dump.decks.map((d: { name: string }) => d.name)).toEqual([
      'Docker',
      'Docker::命令',
      'Docker::网络',
    ]);
    expect(dump.presets.map((p: { name: string }) => p.name)).toEqual(['Default']);
    expect(r.notes).toBe(8); // the retired note included: a dump keeps it
    await expect(
      exportTo(src.col, file, { format: 'json', withHistory: true, deckIds: [999] }),
    ).rejects.toThrow('deck 999 does not exist');
    src.close();
  });
});
