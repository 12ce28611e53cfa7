/**
 * Two different images on one card are stored as two media files, each link pointing at its
 * own copy; the same image linked from two cards is stored once.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { mediaDir } from '../../core/compiler/media.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const png = (tail: string) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(tail)]);

describe('images of a card', () => {
  it('two images on one card: two copies, each link to its own; the same image twice: one copy', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.png'), png('first'));
    writeFileSync(join(dir, 'b.png'), png('second'));
    writeFileSync(
      join(dir, 'd.md'),
      '---\ndeck: D\n---\nTwo::![a](a.png) and ![b](b.png)\n\nAgain::![a](a.png)\n',
    );
    expect(compileDecks(m.col, [dir]).applied).toBe(true);
    const backs = m.col.db
      .prepare("SELECT json_extract(fields, '$.back') FROM notes ORDER BY id")
      .pluck()
      .all() as string[];
    const links = backs.map((b) => [...b.matchAll(/\]\((media\/[^)]+)\)/g)].map((x) => x[1]!));
    expect(links[0]).toHaveLength(2);
    expect(links[0]![0]).not.toBe(links[0]![1]);
    expect(links[1]).toEqual([links[0]![0]]);
    const read = (link: string) => readFileSync(join(mediaDir(m.col), link.slice('media/'.length)));
    expect(read(links[0]![0]!)).toEqual(png('first'));
    expect(read(links[0]![1]!)).toEqual(png('second'));
    expect(readdirSync(mediaDir(m.col))).toHaveLength(2);
  });
});
