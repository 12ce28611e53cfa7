import { spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../core/compiler/atomic-write.ts';
import { parseDeckFile } from '../../core/compiler/parse.ts';
import { openMnemo } from '../../core/index.ts';
import { tempDir } from '../helpers/collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

/** A deck file: one-line cards, a fenced card (its id goes on a line of its own), CRLF lines. */
const deck = (name: string) =>
  `# ${name}\n\n${name} one::1\n${name} two:::2\r\n\n${name} code?\n?\n\`\`\`\nrun ${name}\n\`\`\`\n\n${name} ==cloze== text\n\n${name} last::3\n`;

/** Every card of every file, as parsed now: file, index, id, line. */
function cardsIn(dir: string) {
  return ['a.md', 'b.md', 'c.md'].flatMap((name) => {
    const file = join(dir, name);
    const parsed = parseDeckFile(file, readFileSync(file, 'utf8'), {
      defaultDeck: 'D',
      fileExists: () => true,
    });
    expect(parsed.errors).toEqual([]);
    return parsed.cards.map((c, index) => ({ file, index, id: c.id, line: c.line }));
  });
}

/** The same, as the collection has it. */
function notesIn(dataDir: string) {
  const m = openMnemo({ dataDir });
  try {
    return m.col.db
      .prepare(
        `SELECT source_file AS file, source_index AS "index", source_id AS id, source_line AS line
         FROM notes WHERE retired = 0 ORDER BY source_file, source_index`,
      )
      .all() as { file: string; index: number; id: string | null; line: number }[];
  } finally {
    m.close();
  }
}

describe('compile --write-ids killed midway', () => {
  it('a rerun without --force writes every id the collection has; no temporary file survives', () => {
    const dataDir = tempDir();
    const dir = tempDir();
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.md`), deck(name));

    // A real SIGKILL of the real CLI, right after the first file is renamed into place and
    // before anything about it is recorded: the env hook in write-ids.ts makes that point
    // deterministic, which racing a kill from outside could not.
    const killed = mnemo(['compile', dir, '--write-ids', '--data', dataDir], {
      MNEMO_TEST_DIE_AFTER_WRITES: '1',
    });
    expect(killed.signal).toBe('SIGKILL');
    const stored = notesIn(dataDir);
    expect(stored).toHaveLength(15);
    expect(stored.every((n) => n.id)).toBe(true); // the ids were committed...
    const withIds = cardsIn(dir).filter((c) => c.id);
    expect(withIds).toHaveLength(5); // ...but only a.md got them

    // A temp file a killed writer left (both namings Mnemo has used), from a process that is gone.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, `.b.md.mnemo-tmp-${gone}`), 'half a file');
    writeFileSync(join(dir, `c.md.mnemo-${gone}.tmp`), 'half a file');

    const rerun = mnemo(['compile', dir, '--write-ids', '--data', dataDir]);
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(/ids written: 10/);

    const cards = cardsIn(dir);
    expect(cards.every((c) => c.id)).toBe(true);
    // The ids in the files are the ones the collection had: no card got a second id.
    expect(notesIn(dataDir)).toEqual(cards);
    expect(cards.map((c) => c.id)).toEqual(stored.map((n) => n.id));
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md', 'c.md']);
    // Removing the ids gives back each file as it was, byte for byte.
    for (const name of ['a', 'b', 'c']) {
      const text = readFileSync(join(dir, `${name}.md`), 'utf8');
      expect(text.replace(/\n\^id-[0-9a-f]{8}(?=\n)/g, '').replace(/ \^id-[0-9a-f]{8}/g, '')).toBe(
        deck(name),
      );
    }

    const again = mnemo(['compile', dir, '--write-ids', '--data', dataDir]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/3 files unchanged/);
    expect(again.stdout).not.toMatch(/ids written/);
  });

  it('a failed atomic write leaves the old file and no temporary file; the file keeps its mode, a symlink stays one', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder.md')); // renaming a file over a folder fails
    expect(() => writeFileAtomic(join(dir, 'folder.md'), 'x')).toThrow();
    writeFileSync(join(dir, 'deck.md'), 'old', { mode: 0o640 });
    writeFileAtomic(join(dir, 'deck.md'), 'new');
    expect(readFileSync(join(dir, 'deck.md'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'deck.md')).mode & 0o777).toBe(0o640);
    symlinkSync('deck.md', join(dir, 'link.md'));
    writeFileAtomic(join(dir, 'link.md'), 'through the link');
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'deck.md'), 'utf8')).toBe('through the link');
    expect(readdirSync(dir).sort()).toEqual(['deck.md', 'folder.md', 'link.md']);
  });
});
