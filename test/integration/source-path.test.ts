/** How compiled files are recorded: bundled deck files relative to the bundle, others as given. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bundledDecksDir,
  diskSourcePath,
  isBundledSource,
  sourcePaths,
  storedSourcePath,
} from '../../core/compiler/source-path.ts';
import { tempDir } from '../helpers/collection.ts';

/** A bundle with docker/commands.md, a sibling folder named like it, and a symlink to the bundle. */
function layout() {
  const base = tempDir();
  const bundle = join(base, 'decks');
  mkdirSync(join(bundle, 'docker'), { recursive: true });
  writeFileSync(join(bundle, 'docker', 'commands.md'), 'q::a\n');
  mkdirSync(join(base, 'decks2'));
  writeFileSync(join(base, 'decks2', 'mine.md'), 'q::a\n');
  symlinkSync(bundle, join(base, 'link'));
  return { base, bundle };
}

describe('the path a compiled file is recorded by', () => {
  it('a bundled file relative to the bundle, with / separators; any other file as it was given', () => {
    const { base, bundle } = layout();
    expect(storedSourcePath(join(bundle, 'docker', 'commands.md'), bundle)).toBe(
      'bundled:docker/commands.md',
    );
    expect(storedSourcePath(join(bundle, 'docker', '..', 'docker', 'commands.md'), bundle)).toBe(
      'bundled:docker/commands.md',
    );
    // A folder whose name only starts like the bundle's is not the bundle, nor is the bundle itself.
    expect(storedSourcePath(join(base, 'decks2', 'mine.md'), bundle)).toBe(join(base, 'decks2', 'mine.md'));
    expect(storedSourcePath(bundle, bundle)).toBe(bundle);
    expect(storedSourcePath(base, bundle)).toBe(base);
    expect(storedSourcePath('notes/../mine.md', bundle)).toBe('notes/../mine.md');
  });

  it('the bundle reached through a symlink, or the file through one, is still the bundle', () => {
    const { base, bundle } = layout();
    const viaLink = join(base, 'link', 'docker', 'commands.md');
    expect(storedSourcePath(viaLink, bundle)).toBe('bundled:docker/commands.md');
    expect(storedSourcePath(join(bundle, 'docker', 'commands.md'), join(base, 'link'))).toBe(
      'bundled:docker/commands.md',
    );
    // A file inside the bundle by its path is the bundle's, wherever a symlink there leads.
    symlinkSync(join(base, 'decks2', 'mine.md'), join(bundle, 'docker', 'linked.md'));
    expect(storedSourcePath(join(bundle, 'docker', 'linked.md'), bundle)).toBe('bundled:docker/linked.md');
    // A file that does not exist (yet) outside the bundle stays as given.
    expect(storedSourcePath(join(base, 'link2', 'x.md'), bundle)).toBe(join(base, 'link2', 'x.md'));
  });

  it('back to the file on disk, under wherever the bundle is now; one climbing out names no file', () => {
    const { bundle } = layout();
    expect(diskSourcePath('bundled:docker/commands.md', bundle)).toBe(join(bundle, 'docker', 'commands.md'));
    expect(diskSourcePath('/home/me/deck.md', bundle)).toBe('/home/me/deck.md');
    for (const hostile of [
      'bundled:../etc/passwd',
      'bundled:docker/../../x.md',
      'bundled:docker//a.md',
      'bundled:',
    ]) {
      expect(diskSourcePath(hostile, bundle)).toBe(hostile);
    }
  });

  it('bundled or not by the recorded path alone', () => {
    expect(isBundledSource('bundled:docker/commands.md')).toBe(true);
    expect(isBundledSource('/decks/bundled:x.md')).toBe(false);
    expect(isBundledSource(null)).toBe(false);
  });

  it('one compile looks each file up once, both ways', () => {
    const { base, bundle } = layout();
    const paths = sourcePaths(bundle);
    const file = join(bundle, 'docker', 'commands.md');
    expect(paths.stored(file)).toBe('bundled:docker/commands.md');
    expect(paths.stored(file)).toBe('bundled:docker/commands.md');
    expect(paths.stored(join(base, 'decks2', 'mine.md'))).toBe(join(base, 'decks2', 'mine.md'));
    expect(paths.onDisk('bundled:docker/commands.md')).toBe(file);
  });
});

describe('the bundle', () => {
  const saved = process.env.MNEMO_BUNDLED_DECKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.MNEMO_BUNDLED_DECKS;
    else process.env.MNEMO_BUNDLED_DECKS = saved;
  });

  it("is the repository's decks/ folder unless MNEMO_BUNDLED_DECKS names another", () => {
    delete process.env.MNEMO_BUNDLED_DECKS;
    expect(bundledDecksDir()).toBe(join(import.meta.dirname, '..', '..', 'decks'));
    process.env.MNEMO_BUNDLED_DECKS = '/opt/mnemo/decks';
    expect(bundledDecksDir()).toBe('/opt/mnemo/decks');
    expect(sourcePaths().onDisk('bundled:docker/a.md')).toBe('/opt/mnemo/decks/docker/a.md');
  });
});
