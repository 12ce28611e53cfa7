import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { callMethod, type Mnemo, openMnemo } from '../../core/index.ts';
import { backupIfDue, listBackups } from '../../core/store/backup.ts';
import { acquireInstanceLock } from '../../core/store/instance-lock.ts';
import { quickCheckFile } from '../../core/store/integrity.ts';
import { addBasicCards, checksum, TestClock, tempDir } from '../helpers/collection.ts';

const DAY = 86_400_000;
const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/**
 * Overwrites one page of the cards table with junk, as a failing disk would: a data page, not
 * one of the schema's (those are read on open, and the schema spans several pages now).
 */
function corrupt(path: string): void {
  const db = new Database(path, { readonly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'cards' AND pagetype = 'leaf'")
    .pluck()
    .all() as number[];
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const page = pages[Math.floor(pages.length / 2)]!;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
  closeSync(fd);
}

/** A collection with 300 cards and one day's sound backup; closed, so its file is whole. */
async function collectionWithBackup(clock: TestClock): Promise<{ dir: string; path: string; good: string }> {
  const dir = tempDir();
  const m: Mnemo = openMnemo({ dataDir: dir, clock: clock.read });
  const { id } = m.api.decks.create({ name: 'D' });
  addBasicCards(m, id, 300);
  const good = (await backupIfDue(m.col))!;
  m.close();
  return { dir, path: m.col.path, good };
}

describe('backups never rotate good copies away', () => {
  it('a damaged collection is not backed up, day after day, and the good backup stays', async () => {
    const clock = new TestClock(new Date(2026, 11, 1, 10).getTime());
    const { dir, path, good } = await collectionWithBackup(clock);
    corrupt(path);
    const m = openMnemo({ dataDir: dir, clock: clock.read }); // opens with no complaint: SQLite checks lazily
    for (let day = 1; day <= 16; day++) {
      clock.advance(DAY);
      await expect(backupIfDue(m.col)).rejects.toMatchObject({
        type: 'Corrupt',
        message: expect.stringMatching(/damaged, so no backup was taken/),
      });
    }
    expect(listBackups(m.col)).toEqual([good]);
    expect(quickCheckFile(good)).toEqual([]);
    expect(readdirSync(dirname(good))).toEqual([good.split('/').at(-1)]); // no partial copies left
    m.close();
  });

  it('the app reports a damaged collection with the newest sound backup, and refuses calls', async () => {
    const clock = new TestClock(Date.now() - 2 * DAY);
    const { dir, path, good } = await collectionWithBackup(clock);
    corrupt(path);
    const app = openApp(dir);
    expect((await app.checked).length).toBeGreaterThan(0);
    expect(() => callMethod(app.mnemo.api, 'decks.list', {})).toThrow(
      expect.objectContaining({
        type: 'Corrupt',
        message: expect.stringContaining(`restore the newest sound backup, ${good}`),
      }),
    );
    await app.stop();
    expect(listBackups(app.mnemo.col)).toEqual([good]); // and took no backup of it
  });

  it('mnemo backups lists the copies and restores the newest sound one, keeping the replaced file', async () => {
    const clock = new TestClock(new Date(2026, 11, 1, 10).getTime());
    const { dir, path, good } = await collectionWithBackup(clock);
    const expected = checksum(new Database(good, { readonly: true }));
    corrupt(path);

    const list = mnemo(['backups', 'list', '--json', '--data', dir]);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ file: good, sound: true, takenAt: clock.now }),
    ]);

    const holder = acquireInstanceLock(dir, 'a test app');
    const refused = mnemo(['backups', 'restore', '--data', dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/already open .*a test app/);
    holder.release();

    const restored = mnemo(['backups', 'restore', '--data', dir]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${good}`);
    const setAside = /kept as (\S+)\.$/m.exec(restored.stdout)![1]!;
    expect(existsSync(setAside)).toBe(true);
    expect(quickCheckFile(setAside).length).toBeGreaterThan(0); // the damaged one, kept for the user
    expect(quickCheckFile(path)).toEqual([]);
    const reopened = openMnemo({ dataDir: dir });
    expect(checksum(reopened.col.db)).toBe(expected);
    reopened.close();
  });
});
