import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { sniffImage } from '../../core/compiler/image-type.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';
import { HOSTILE_IMAGE_ERRORS, hostileDeck, PNG } from '../helpers/hostile-deck.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));

/** `line:column: message` of each error in one file, in line order. */
const errorsOf = (errors: { file: string; line: number; column: number; message: string }[], name: string) =>
  errors
    .filter((e) => e.file.endsWith(`/${name}`))
    .sort((a, b) => a.line - b.line)
    .map((e) => `${e.line}:${e.column}: ${e.message}`);

describe('images a deck links (issue 7)', () => {
  it('refuses every hostile image at its file:line:col, and such a compile stores nothing', () => {
    const m = tempMnemo();
    const dir = hostileDeck();
    const before = checksum(m.col.db);
    const r = compileDecks(m.col, [dir]);
    expect(r.applied).toBe(false);
    const got = errorsOf(r.errors, 'images.md');
    expect(got).toHaveLength(HOSTILE_IMAGE_ERRORS.length);
    HOSTILE_IMAGE_ERRORS.forEach((want, i) => {
      expect(got[i]).toMatch(want);
    });
    expect(errorsOf(r.errors, 'html.md')).toEqual([]);
    expect(checksum(m.col.db)).toBe(before);
    expect(existsSync(join(m.dataDir, 'media'))).toBe(false);
  });

  it('with --keep-going stores only the good deck, and only real images, named by their content', () => {
    const m = tempMnemo();
    const dir = hostileDeck();
    const r = compileDecks(m.col, [dir], { keepGoing: true });
    expect(r.applied).toBe(true);
    expect(r.files.find((f) => f.file.endsWith('images.md'))!.status).toBe('errors');
    expect(r.totals.added).toBe(4);
    // ok.png and the symlink to it inside the deck are the same image: one copy.
    const media = readdirSync(join(m.dataDir, 'media'));
    expect(media).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.png$/)]);
    expect(readFileSync(join(m.dataDir, 'media', media[0]!))).toEqual(PNG);
  });

  it('the stored extension comes from the content: a PNG named .js is stored as .png', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), 'q::![](pic.js)\n');
    writeFileSync(join(dir, 'pic.js'), PNG);
    expect(compileDecks(m.col, [dir]).errors).toEqual([]);
    expect(m.api.cards.get({ cardId: 1 }).card.back).toMatch(/^!\[\]\(media\/[0-9a-f]{32}\.png\)$/);
  });

  it('a file compiled alone keeps its images inside its own folder', () => {
    const m = tempMnemo();
    const dir = tempDir();
    mkdirSync(join(dir, 'deck'));
    writeFileSync(join(dir, 'deck', 'd.md'), 'q::![](../outside.png)\nr::![](in.png)\n');
    writeFileSync(join(dir, 'outside.png'), PNG);
    writeFileSync(join(dir, 'deck', 'in.png'), PNG);
    const r = compileDecks(m.col, [join(dir, 'deck', 'd.md')]);
    expect(errorsOf(r.errors, 'd.md')).toEqual([
      expect.stringMatching(/^1:4: image \.\.\/outside\.png is outside the deck folder .*\/deck:/),
    ]);
  });

  it('recognises PNG, JPEG, GIF, WebP and AVIF by their first bytes only', () => {
    const b = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
    expect(sniffImage(PNG)?.ext).toBe('png');
    expect(sniffImage(b([0xff, 0xd8, 0xff, 0xe0]))?.ext).toBe('jpg');
    expect(sniffImage(b('GIF89a'))?.ext).toBe('gif');
    expect(sniffImage(b('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.ext).toBe('webp');
    expect(sniffImage(b([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf'))?.ext).toBe('avif');
    expect(sniffImage(b([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'avif'))?.ext).toBe('avif');
    expect(sniffImage(b([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0], 'mp41'))).toBeNull();
    expect(sniffImage(b('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(b('<html>\x89PNG'))).toBeNull();
  });

  it('mnemo compile returns at once on a FIFO and prints file:line:col errors, no raw EISDIR or URI malformed', () => {
    const dir = hostileDeck();
    const run = spawnSync(process.execPath, [bin, 'compile', dir, '--data', tempDir()], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.signal, 'compile hung (killed after 60 s)').toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/images\.md:12:7: image fifo is not a regular file/);
    expect(run.stderr).toMatch(/images\.md:14:9: image folder is a folder, not an image file/);
    expect(run.stderr).not.toMatch(/EISDIR|URI malformed/);
    expect(run.stdout).toMatch(/nothing was changed/);
  });
});

describe('a deck path that is not a file', () => {
  it('mnemo compile FIFO returns at once with a clear error, changing nothing', () => {
    const dir = tempDir();
    const fifo = join(dir, 'deck.md');
    spawnSync('mkfifo', [fifo]);
    const run = spawnSync(process.execPath, [bin, 'compile', fifo, '--data', tempDir()], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.signal, 'compile hung on the FIFO (killed after 30 s)').toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/deck\.md:1:1: not a regular file or folder/);
  });
});
