import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards } from '../helpers/collection.ts';
import { mountTmpfs, TMPFS_SKIP, type Tmpfs } from '../helpers/tmpfs.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const answerThenDie = fileURLToPath(new URL('../fixtures/answer-then-die.ts', import.meta.url));
const mnemo = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

let fs: Tmpfs | null = null;
afterAll(() => fs?.unmount());

describe('a read-only data folder', () => {
  it('reading commands work read-only; the app says the folder is read-only', (ctx) => {
    fs = mountTmpfs(16);
    ctx.skip(!fs, TMPFS_SKIP);
    const dataDir = join(fs!.dir, 'data');
    mkdirSync(dataDir);
    const m = openMnemo({ dataDir });
    const { id } = m.api.decks.create({ name: 'Docker' });
    addBasicCards(m, id, 7);
    m.close();
    // One answer left in the WAL by a process that died (no checkpoint): a reader must see it.
    const died = spawnSync(process.execPath, ['--import', 'tsx', answerThenDie, dataDir, '1']);
    expect(died.signal).toBe('SIGKILL');
    expect(existsSync(join(dataDir, 'collection.sqlite-wal'))).toBe(true);
    fs!.readOnly();

    const stats = mnemo(['stats', '--json', '--data', dataDir]);
    expect(stats.status, stats.stderr).toBe(0);
    const out = JSON.parse(stats.stdout) as {
      decks: { name: string; totalCards: number; counts: unknown }[];
    };
    expect(out.decks).toEqual([
      expect.objectContaining({ name: 'Docker', totalCards: 7, counts: { new: 6, learning: 1, review: 0 } }),
    ]);

    const serve = mnemo(['serve', '--no-open', '--port', '0', '--data', dataDir]);
    expect(serve.status).toBe(1);
    expect(serve.stderr).toMatch(/^mnemo: the data folder .* is read-only: Mnemo must write there/);
    expect(serve.stderr).not.toMatch(/not a readable/);
  });
});
