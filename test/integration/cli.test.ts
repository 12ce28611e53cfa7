import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards, tempDir } from '../helpers/collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
const mnemo = (args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd });

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

  it('names an unknown option, or one missing its value, and the help to read (exit 2)', () => {
    for (const [args, line] of [
      [['stats', '--bogus'], 'mnemo: unknown option --bogus (see mnemo stats --help)'],
      [['compile', '-x'], 'mnemo: unknown option -x (see mnemo compile --help)'],
      [['backups', 'list', '--all'], 'mnemo: unknown option --all (see mnemo backups --help)'],
      [['stats', '--data'], 'mnemo: option --data needs a value (see mnemo stats --help)'],
      [['stats', 'extra'], 'mnemo: unexpected argument extra (see mnemo stats --help)'],
    ] as const) {
      const r = mnemo([...args]);
      expect(r.stderr, args.join(' ')).toBe(`${line}\n`);
      expect(r.status, args.join(' ')).toBe(2);
    }
  });
});

describe('mnemo compile', () => {
  it('reports per file, prints errors as file:line:column and exits 1 changing nothing', () => {
    const dataDir = tempDir();
    const decks = tempDir();
    writeFileSync(join(decks, 'a.md'), '---\ndeck: A\n---\none::1\n\ntwo:::2\n');
    const ok = mnemo(['compile', decks, '--data', dataDir]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /a\.md: notes: 2 added, 0 updated, 0 edited, 0 unchanged, 0 retired, 0 restored; cards: 3 added/,
    );
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

/** A compile's per-file lines, the unchanged files' line and the total, summed and compared. */
function tallies(stdout: string) {
  const counts = (text: string) =>
    Object.fromEntries(
      [...text.matchAll(/(notes|cards): ([^;]*)/g)].flatMap(([, what, list]) =>
        list!.split(', ').map((item) => {
          const [n, word] = item.split(' ');
          return [`${what} ${word}`, Number(n)];
        }),
      ),
    ) as Record<string, number>;
  const lines = stdout.trim().split('\n');
  const total = counts(lines.find((l) => l.startsWith('total: '))!);
  const sum: Record<string, number> = Object.fromEntries(Object.keys(total).map((k) => [k, 0]));
  for (const line of lines.filter((l) => /\.md: /.test(l))) {
    for (const [k, n] of Object.entries(counts(line))) sum[k]! += n;
  }
  const unchangedFiles = /unchanged since the last compile \((\d+) notes?\)/.exec(stdout);
  if (unchangedFiles) sum['notes unchanged']! += Number(unchangedFiles[1]);
  return { total, sum };
}

describe('mnemo compile, what it says', () => {
  it('counts notes and cards apart, and its total is the sum of the lines above it', () => {
    const dataDir = tempDir();
    const decks = tempDir();
    // 3 notes, 5 cards: one one-way, one two-way, one cloze with two numbers.
    writeFileSync(join(decks, 'a.md'), 'one::1\ntwo:::2\n\nthe {{c1::x}} and {{c2::y}}\n');
    const first = mnemo(['compile', decks, '--data', dataDir]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /a\.md: notes: 3 added, 0 updated, 0 edited, 0 unchanged, 0 retired, 0 restored; cards: 5 added, 0 retired, 0 restored\n/,
    );
    expect(tallies(first.stdout).sum).toEqual(tallies(first.stdout).total);

    writeFileSync(join(decks, 'b.md'), 'q::a\n');
    const second = mnemo(['compile', decks, '--data', dataDir]);
    expect(second.stdout).toMatch(/\n1 file unchanged since the last compile \(3 notes\)\n/);
    expect(second.stdout).toMatch(
      /total: notes: 1 added, 0 updated, 0 edited, 3 unchanged, 0 retired, 0 restored; cards: 1 added, 0 retired, 0 restored/,
    );
    expect(tallies(second.stdout).sum).toEqual(tallies(second.stdout).total);

    // The two-way note goes (two cards), the cloze gains a number (an edit), b.md is deleted.
    writeFileSync(join(decks, 'a.md'), 'one::1\n\nthe {{c1::x}} and {{c2::y}} and {{c3::z}}\n');
    rmSync(join(decks, 'b.md'));
    const third = mnemo(['compile', decks, '--data', dataDir]);
    expect(third.stdout).toMatch(
      /a\.md: notes: 0 added, 0 updated, 1 edited, 1 unchanged, 1 retired, 0 restored; cards: 1 added, 2 retired, 0 restored\n/,
    );
    expect(third.stdout).toMatch(
      /b\.md: deleted; notes: 0 added, 0 updated, 0 edited, 0 unchanged, 1 retired/,
    );
    expect(tallies(third.stdout).sum).toEqual(tallies(third.stdout).total);
  });

  it('a path that does not exist: one line naming it, exit 1, nothing compiled', () => {
    const dataDir = tempDir();
    const dir = tempDir();
    mkdirSync(join(dir, 'decks'));
    writeFileSync(join(dir, 'decks', 'a.md'), 'q::a\n');
    const r = mnemo(['compile', 'decks', 'nope.md', '--data', dataDir], {}, dir);
    expect(r.stderr).toBe('mnemo: no such file or folder: nope.md\n');
    expect(r.status).toBe(1);
    const m = openMnemo({ dataDir });
    expect(m.col.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    m.close();
  });

  it('errors of several files and several checks, in file then line order', () => {
    const dataDir = tempDir();
    const dir = tempDir();
    mkdirSync(join(dir, 'decks'));
    // Found by parsing, then the duplicate-id check, then the image check, and printed sorted.
    writeFileSync(join(dir, 'decks', 'b.md'), 'q::a ^id-same\n\nr::b ^id-same\n\n::x\n');
    writeFileSync(join(dir, 'decks', 'a.md'), 'q::![x](x.png)\n\nz::\n');
    writeFileSync(join(dir, 'decks', 'x.png'), 'not an image');
    const r = mnemo(['compile', 'decks', '--data', dataDir], {}, dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'decks/a.md:1:4: image x.png is not a PNG, JPEG, GIF, WebP or AVIF image (judged by its content, not its name)',
      'decks/a.md:3:4: card has an empty back (nothing after the separator)',
      'decks/b.md:3:1: duplicate id same (first at decks/b.md:1)',
      'decks/b.md:5:1: card has an empty front (nothing before the separator)',
    ]);
    expect(r.stdout).toBe(
      'decks/a.md: errors\ndecks/b.md: errors\n4 error(s): nothing was changed (fix them, or use --keep-going)\n',
    );
  });
});
