import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDeckFiles, deckFolderOf, deckFromPath } from '../../core/compiler/files.ts';
import { tempDir } from '../helpers/collection.ts';

function tree(files: string[]): string {
  const dir = tempDir();
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'q::a\n');
  }
  return dir;
}

describe('deck files in a folder', () => {
  it('every .md file below it, sorted; not dotfiles, node_modules, README.md or other files', () => {
    const dir = tree([
      'b.md',
      'a/z.MD',
      'a/y.md',
      'README.md',
      'sub/readme.md',
      '.hidden.md',
      '.git/x.md',
      'node_modules/pkg/doc.md',
      'notes.txt',
      'x.md.bak',
      'a.b/c.md',
    ]);
    const { files, roots, missing, notFiles } = collectDeckFiles([dir]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['a.b/c.md', 'a/y.md', 'a/z.MD', 'b.md']);
    expect([roots, missing, notFiles]).toEqual([[dir], [], []]);
  });

  it('a symlink only to a regular file inside the folder', () => {
    const dir = tree(['real.md', 'sub/inner.md']);
    const outside = tree(['secret.md']);
    symlinkSync(join(dir, 'real.md'), join(dir, 'link.md'));
    symlinkSync(join(dir, 'sub', 'inner.md'), join(dir, 'sub', 'link2.md'));
    symlinkSync(join(outside, 'secret.md'), join(dir, 'out.md'));
    symlinkSync(join(dir, 'sub'), join(dir, 'folder.md'));
    symlinkSync(join(dir, 'nothing.md'), join(dir, 'broken.md'));
    const names = collectDeckFiles([dir]).files.map((f) => f.slice(dir.length + 1));
    expect(names).toEqual(['link.md', 'real.md', 'sub/inner.md', 'sub/link2.md']);
  });

  it('paths given as they were: missing ones, files, and what is neither (never read)', () => {
    const dir = tree(['one.md']);
    execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    const r = collectDeckFiles([join(dir, 'one.md'), 'no/such/path.md', join(dir, 'fifo.md')]);
    expect(r).toEqual({
      files: [join(dir, 'one.md')],
      roots: [join(dir, 'one.md')],
      missing: ['no/such/path.md'],
      notFiles: [join(dir, 'fifo.md')],
    });
  });
});

describe('deck names from paths', () => {
  it('the path below its root, folders as subdecks; a file compiled alone is named by itself', () => {
    expect(deckFromPath('/d/Docker/网络.md', ['/d'])).toBe('Docker::网络');
    expect(deckFromPath('/d/Docker/Notes.MD', ['/d'])).toBe('Docker::Notes');
    expect(deckFromPath('/d/a/notes.md.md', ['/d'])).toBe('a::notes.md');
    expect(deckFromPath('/d/ /x.md', ['/d'])).toBe('_::x');
    expect(deckFromPath('/e/alone.md', ['/d', '/e/alone.md'])).toBe('alone');
    // A root that is only a prefix of the folder's name is not its root.
    expect(deckFromPath('/d2/sub/x.md', ['/d'])).toBe('x');
  });

  it("a file's image folder is its root, or its own folder when compiled alone", () => {
    expect(deckFolderOf('/d/Docker/网络.md', ['/d'])).toBe('/d');
    expect(deckFolderOf('/e/alone.md', ['/e/alone.md'])).toBe('/e');
    expect(deckFolderOf('/d2/sub/x.md', ['/d'])).toBe('/d2/sub');
  });
});
