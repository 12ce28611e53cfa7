import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards, tempDir } from '../helpers/collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('mnemo CLI', () => {
  it('stats prints per-deck counts for today, as a table and as JSON', () => {
    const dataDir = tempDir();
    const m = openMnemo({ dataDir });
    const net = m.api.decks.create({ name: 'Docker::网络模式' });
    const cmd = m.api.decks.create({ name: 'Docker::命令' });
    addBasicCards(m, net.id, 25);
    addBasicCards(m, cmd.id, 3);
    m.close();

    const json = mnemo(['stats', '--json', '--data', dataDir]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout) as {
      decks: { name: string; counts: { new: number }; totalCards: number }[];
      today: { new: number };
    };
    const byName = new Map(out.decks.map((d) => [d.name, d]));
    expect(byName.get('Docker::网络模式')).toMatchObject({
      counts: { new: 20, learning: 0, review: 0 },
      totalCards: 25,
    });
    expect(byName.get('Docker::命令')).toMatchObject({ counts: { new: 3 }, totalCards: 3 });
    expect(byName.get('Docker')).toMatchObject({ counts: { new: 20 }, totalCards: 28 });
    expect(out.today.new).toBe(20);

    const table = mnemo(['stats'], { MNEMO_DATA_DIR: dataDir });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/网络模式\s+20\s+0\s+0\s+25/);
  });

  it('has --help for mnemo and each subcommand', () => {
    expect(mnemo(['--help']).stdout).toMatch(/Usage: mnemo <command>/);
    const help = mnemo(['stats', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: mnemo stats/);
  });

  it('fails with one line and a non-zero exit code', () => {
    for (const args of [['frobnicate'], ['stats', '--nope'], ['stats', '--data']]) {
      const r = mnemo(args);
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^mnemo: /);
    }
    const dataDir = tempDir();
    const newer = openMnemo({ dataDir });
    newer.col.db.prepare('UPDATE schema_version SET version = 99').run();
    newer.close();
    const r = mnemo(['stats', '--data', dataDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^mnemo: .*newer Mnemo/);
  });
});

describe('mnemo compile', () => {
  it('reports per file, prints errors as file:line:column and exits 1 changing nothing', () => {
    const dataDir = tempDir();
    const decks = tempDir();
    writeFileSync(join(decks, 'a.md'), '---\ndeck: A\n---\none::1\n\ntwo:::2\n');
    const ok = mnemo(['compile', decks, '--data', dataDir]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/a\.md: 2 added, 0 updated, 0 edited, 0 unchanged, 0 retired, 0 restored/);
    expect(ok.stdout).toMatch(/decks created: A/);
    writeFileSync(join(decks, 'b.md'), 'x::\n\n==  ==\n');
    const bad = mnemo(['compile', decks, '--data', dataDir]);
    expect(bad.status).toBe(1);
    const lines = bad.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/b\.md:1:4: card has an empty back/);
    expect(lines[1]).toMatch(/b\.md:3:1: cloze ==\.\.\.== hides nothing/);
    expect(bad.stdout).toMatch(/2 error\(s\): nothing was changed/);
  });
});
