import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportTo } from '../../core/export/index.ts';
import { applyBatch } from '../../core/import/apply.ts';
import { callMethod, openMnemo } from '../../core/index.ts';
import { checksum, tempDir } from '../helpers/collection.ts';
import { contentOf, richCollection } from '../helpers/rich-collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('mnemo export / mnemo import', () => {
  it('exports a JSON dump and imports it: a dry run first, then for real, then again changing nothing', () => {
    const src = richCollection();
    src.close();
    const dir = tempDir();
    const file = join(dir, 'dump.json');
    const exported = mnemo([
      'export',
      '--format',
      'json',
      '--with-history',
      '--out',
      file,
      '--json',
      '--data',
      src.dataDir,
    ]);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ file, notes: 11, media: 1, warnings: [] });

    const dataDir = tempDir();
    openMnemo({ dataDir }).close();
    const empty = openMnemo({ dataDir });
    const before = checksum(empty.col.db);
    empty.close();
    const dry = mnemo(['import', file, '--dry-run', '--data', dataDir]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(
      /^Dry run: importing .*dump\.json would change:\n {2}notes: 11 added, 0 updated, 0 unchanged\n/,
    );
    expect(dry.stdout).toMatch(
      /decks created: Docker, Mine, Docker::命令, Docker::网络\nNothing was changed\.\n$/,
    );
    const after = openMnemo({ dataDir });
    expect(checksum(after.col.db)).toBe(before);
    after.close();

    const real = mnemo(['import', file, '--json', '--data', dataDir]);
    expect(real.status).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ notesAdded: 11, dryRun: false });
    const again = mnemo(['import', file, '--data', dataDir]);
    expect(again.stdout).toMatch(/notes: 0 added, 0 updated, 11 unchanged/);
    expect(again.stdout).toMatch(/reviews: 0 added/);
    const a = openMnemo({ dataDir, readonly: true });
    const b = openMnemo({ dataDir: src.dataDir, readonly: true });
    expect(contentOf(a.col.db)).toEqual(contentOf(b.col.db));
    a.close();
    b.close();
  });

  it('exports chosen decks by name, to a default file name or a Markdown folder; refuses unknown decks', () => {
    const src = richCollection();
    src.close();
    const cwd = tempDir();
    const csv = mnemo(['export', '--format', 'csv', '--deck', 'Docker', '--data', src.dataDir], cwd);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toMatch(
      /^Exported 7 notes, 9 cards, 0 reviews, 0 images to .*Mnemo-Docker-\d{8}-\d{4}\.csv \(\d+ KB\)\n$/,
    );
    expect(readdirSync(cwd)).toEqual([expect.stringMatching(/^Mnemo-Docker-\d{8}-\d{4}\.csv$/)]);

    const md = mnemo(
      [
        'export',
        '--format',
        'md',
        '--deck',
        'Docker :: 网络',
        '--deck',
        'Mine',
        '--out',
        'md',
        '--data',
        src.dataDir,
      ],
      cwd,
    );
    expect(md.status).toBe(0);
    expect(readdirSync(join(cwd, 'md')).sort()).toEqual([
      'Docker__网络.md',
      'Mine (2).md',
      'Mine (3).md',
      'Mine.md',
      'media',
    ]);
    const again = mnemo(['export', '--format', 'md', '--out', 'md', '--data', src.dataDir], cwd);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^mnemo: .*md is not empty: export Markdown into a new or empty folder\n$/);

    const unknown = mnemo(['export', '--format', 'json', '--deck', 'Nope', '--data', src.dataDir], cwd);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('mnemo: no deck named "Nope" (mnemo stats lists the decks)\n');
    expect(mnemo(['export', '--data', src.dataDir], cwd).status).toBe(2);
    expect(mnemo(['export', '--format', 'pdf'], cwd).stderr).toMatch(
      /^mnemo: --format must be one of apkg, csv, tsv, md, json/,
    );
    expect(mnemo(['import', 'x.csv', '--columns', 'front,nonsense']).status).toBe(2);
    expect(mnemo(['export', '--help']).stdout).toMatch(/md +a FOLDER with one Markdown file per deck/);
    expect(mnemo(['import', '--help']).stdout).toMatch(/^Usage: mnemo import FILE/);
  });
});

describe('export.* and import.* in the service API', () => {
  it('writes into exports/ under a made name, reports progress, and takes no path', async () => {
    const m = richCollection();
    const r = (await callMethod(m.api, 'export.run', {
      format: 'json',
      withHistory: true,
      jobId: 'job-1',
    })) as {
      file: string;
      bytes: number;
      notes: number;
    };
    expect(r.file).toMatch(/^Mnemo-All-\d{8}-\d{4}\.json$/);
    expect(readFileSync(join(m.dataDir, 'exports', r.file)).length).toBe(r.bytes);
    const progress = callMethod(m.api, 'export.progress', { jobId: 'job-1' }) as {
      done: number;
      total: number;
      finished: boolean;
    };
    expect(progress).toMatchObject({ finished: true, done: progress.total });
    expect(progress.total).toBeGreaterThan(r.notes);
    // A second export in the same minute gets its own name.
    const second = (await callMethod(m.api, 'export.run', { format: 'json' })) as { file: string };
    expect(second.file).toBe(r.file.replace('.json', '-2.json'));
    const md = (await callMethod(m.api, 'export.run', { format: 'md', deckIds: [1] })) as { file: string };
    expect(md.file).toMatch(/^Mnemo-Docker-\d{8}-\d{4}\.zip$/);
    expect(readFileSync(join(m.dataDir, 'exports', md.file)).subarray(0, 4)).toEqual(
      Buffer.from('PK\x03\x04'),
    );
    expect(readdirSync(join(m.dataDir, 'exports')).filter((f) => f.startsWith('.'))).toEqual([]);
    for (const bad of [
      { format: 'json', out: '/tmp/x.json' },
      { format: 'json', deckIds: ['../x'] },
      { format: 'exe' },
    ])
      expect(() => callMethod(m.api, 'export.run', bad)).toThrow(
        expect.objectContaining({ type: 'InvalidArgument' }),
      );
    expect(() => callMethod(m.api, 'export.progress', { jobId: 'nope' })).toThrow(/no export job "nope"/);
    m.close();
  });

  it('previews and runs an upload by its id, naming the file as the user did', async () => {
    const m = openMnemo({ dataDir: tempDir() });
    mkdirSync(join(m.dataDir, 'imports'));
    writeFileSync(join(m.dataDir, 'imports', 'upload-0001'), 'q1,a1\nq2,a2\n');
    const args = { uploadId: 'upload-0001', fileName: 'C:\\Users\\me\\words.csv', deckName: 'Words' };
    const before = checksum(m.col.db);
    expect(await callMethod(m.api, 'import.preview', args)).toMatchObject({ notesAdded: 2, dryRun: true });
    expect(checksum(m.col.db)).toBe(before);
    expect(await callMethod(m.api, 'import.run', args)).toMatchObject({
      notesAdded: 2,
      decksCreated: ['Words'],
    });
    writeFileSync(join(m.dataDir, 'imports', 'upload-0002'), '');
    await expect(
      callMethod(m.api, 'import.run', { uploadId: 'upload-0002', fileName: 'empty.csv' }),
    ).rejects.toThrow(/^empty\.csv: the file is empty$/);
    expect(() => callMethod(m.api, 'import.run', { uploadId: '../collection.sqlite' })).toThrow(/uploadId/);
    m.close();
  });

  it('exports a consistent snapshot while the app keeps answering', async () => {
    const m = openMnemo({ dataDir: tempDir() });
    const notes = Array.from({ length: 2500 }, (_, i) => ({
      guid: `g${i}`,
      kind: 'basic' as const,
      fields: { front: `q${i}`, back: 'a' },
      tags: [],
      cards: [{ ord: 0, deck: 'Big', fsrs: null, reviews: [] }],
    }));
    const source = { file: 'big', format: 'csv' as const };
    applyBatch(m.col, { source, notes, decks: [], presets: [], media: [], warnings: [] }, { dryRun: false });
    const file = join(tempDir(), 'big.json');
    const running = exportTo(m.col, file, { format: 'json', withHistory: true });
    // Answered while the export is between pages: not in it.
    await new Promise(setImmediate);
    m.api.review.answer({ cardId: 2500, rating: 3, durationMs: 1000 });
    expect(m.col.card(2500)!.reps).toBe(1);
    const r = await running;
    expect(r).toMatchObject({ notes: 2500, reviews: 0 });
    const dump = JSON.parse(readFileSync(file, 'utf8'));
    expect(dump.cards.every((c: { fsrs: { reps: number } }) => c.fsrs.reps === 0)).toBe(true);
    expect(existsSync(file)).toBe(true);
    m.close();
  });
});
