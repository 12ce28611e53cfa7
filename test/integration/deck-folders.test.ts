import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callMethod, openMnemo } from '../../core/index.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** A folder with one deck file, and a secret file beside it (outside the folder). */
function decksAndSecret() {
  const base = realpathSync(tempDir());
  const decks = join(base, 'decks');
  mkdirSync(decks);
  writeFileSync(join(decks, 'net.md'), 'port of ssh::22\n');
  writeFileSync(join(base, 'secret.md'), 'secret::do not read\n');
  return { base, decks };
}

describe('decks.compile over the API reads only registered deck folders (issue 7)', () => {
  it('refuses paths outside them, by name, changing nothing; compiles inside them', () => {
    const m = tempMnemo();
    const { base, decks } = decksAndSecret();
    symlinkSync(join(base, 'secret.md'), join(decks, 'link-out.md'));
    const before = checksum(m.col.db);
    const refused = [
      '/etc',
      join(base, 'secret.md'),
      decks, // not registered yet
    ];
    for (const path of refused) {
      expect(() => callMethod(m.api, 'decks.compile', { paths: [path] }), path).toThrow(
        expect.objectContaining({ type: 'InvalidArgument', message: expect.stringContaining(path) }),
      );
    }
    expect(checksum(m.col.db)).toBe(before);

    const cli = mnemo('decks', 'add', decks, '--data', m.dataDir);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(`Deck folder added: ${decks}\n`);
    // Read fresh, as a running app sees a folder the CLI just added.
    expect(m.api.decks.folders().folders).toEqual([decks]);
    for (const path of [join(decks, '..', 'secret.md'), join(decks, 'link-out.md')]) {
      expect(() => m.api.decks.compile({ paths: [path] }), path).toThrow(/is not inside a deck folder/);
    }
    const r = m.api.decks.compile({ paths: [join(decks, 'net.md')] });
    expect(r.errors).toEqual([]);
    expect(r.totals.added).toBe(1);
  });

  it('without paths compiles the registered folders (a symlinked deck file leading out is skipped)', () => {
    const dataDir = tempDir();
    const { base, decks } = decksAndSecret();
    symlinkSync(join(base, 'secret.md'), join(decks, 'link-out.md'));
    expect(mnemo('decks', 'add', decks, '--data', dataDir).status).toBe(0);
    const m = openMnemo({ dataDir });
    try {
      const r = m.api.decks.compile();
      expect(r.errors).toEqual([]);
      expect(r.files.map((f) => f.file)).toContain(join(decks, 'net.md'));
      expect(r.files.map((f) => f.file)).not.toContain(join(decks, 'link-out.md'));
      expect(m.api.cards.search({ text: 'do not read' }).total).toBe(0);
      expect(m.api.cards.search({ text: 'ssh' }).total).toBe(1);
      expect(m.api.decks.removeFolder({ path: decks })).toEqual({ removed: true, folders: [] });
      expect(() => m.api.decks.compile({ paths: [decks] })).toThrow(/is not inside a deck folder/);
    } finally {
      m.close();
    }
  });

  it('mnemo decks add / list / rm, with --help and clear errors', () => {
    const dataDir = tempDir();
    const { base, decks } = decksAndSecret();
    expect(mnemo('decks', '--help').stdout).toMatch(/Usage: mnemo decks add PATH/);
    expect(mnemo('--help').stdout).toMatch(/decks\s+register the deck folders/);
    expect(mnemo('decks', 'list', '--data', dataDir).stdout).toMatch(/No deck folders yet/);
    expect(mnemo('decks', 'add', join(base, 'nope'), '--data', dataDir)).toMatchObject({
      status: 1,
      stderr: `mnemo: ${join(base, 'nope')}: no such folder\n`,
    });
    expect(mnemo('decks', 'add', join(base, 'secret.md'), '--data', dataDir).stderr).toMatch(
      /is not a folder/,
    );
    expect(mnemo('decks', 'add', '--data', dataDir).status).toBe(2);
    expect(mnemo('decks', 'add', decks, '--data', dataDir).status).toBe(0);
    expect(mnemo('decks', 'add', `${decks}/`, '--data', dataDir).status).toBe(0); // no duplicate
    expect(JSON.parse(mnemo('decks', 'list', '--json', '--data', dataDir).stdout)).toEqual([decks]);
    expect(mnemo('decks', 'rm', decks, '--data', dataDir).stdout).toBe(`Deck folder removed: ${decks}\n`);
    expect(mnemo('decks', 'rm', decks, '--data', dataDir)).toMatchObject({ status: 2 });
  });
});
