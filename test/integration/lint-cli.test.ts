/** `mnemo lint` and the compile report's lint findings (issue 12, item 2). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

function decks(): string {
  const dir = join(tempDir(), 'decks');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.md'), '---\ndeck: A\n---\n查看容器 web 的端口映射关系:::`docker port web`\n');
  writeFileSync(
    join(dir, 'b.md'),
    '---\ndeck: B\n---\n项目名默认取什么？如何指定？::目录名；`-p`\n\n查看容器 web 的端口映射关系的命令::`docker port web`\n',
  );
  return dir;
}

async function run(...argv: string[]) {
  const lines: string[] = [];
  const status = await main(argv, (s) => lines.push(s));
  return { status, lines };
}

describe('mnemo lint', () => {
  it('prints each finding as file:line: rule: message and exits 1', async () => {
    const dir = decks();
    const b = relative(process.cwd(), join(dir, 'b.md'));
    const a = relative(process.cwd(), join(dir, 'a.md'));
    const { status, lines } = await run('lint', dir);
    expect(status).toBe(1);
    expect(lines).toEqual([
      `${b}:4: two-questions: the front asks two questions: one grade cannot rate two answers, so make it two cards`,
      `${b}:6: duplicate: near-duplicate of ${a}:4 ("查看容器 web 的端口映射关系"): keep one`,
      expect.stringMatching(/^2 findings in 2 files/),
    ]);
    const json = JSON.parse((await run('lint', dir, '--json')).lines[0]!);
    expect(json).toMatchObject({
      files: 2,
      errors: [],
      findings: [{ file: b, line: 4, rule: 'two-questions' }, {}],
    });
  });

  it('exits 0 with nothing to report once each finding is fixed or accepted with a reason', async () => {
    const dir = decks();
    writeFileSync(
      join(dir, 'b.md'),
      '---\ndeck: B\n---\n项目名默认取什么？::目录名\n\n<!-- lint-ignore duplicate: B repeats it on purpose -->\n查看容器 web 的端口映射关系的命令::`docker port web`\n',
    );
    expect(await run('lint', dir)).toEqual({ status: 0, lines: ['2 files linted: nothing to report'] });
  });

  it('refuses a missing path, and prints its help', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await run('lint', join(tempDir(), 'nope'))).status).toBe(1);
    expect(err.mock.calls[0]![0]).toMatch(/^mnemo: no such file or folder: /);
    err.mockRestore();
    expect((await run('lint', '--help')).lines[0]).toMatch(/^Usage: mnemo lint \[PATH\.\.\.\]/);
  });
});

describe('the compile report', () => {
  it('carries the same findings for the files it parsed, and applies the cards all the same', () => {
    const m = tempMnemo();
    const dir = decks();
    const report = compileDecks(m.col, [dir], { lint: true });
    expect(report.applied).toBe(true);
    expect(report.lint.map((f) => `${f.line}: ${f.rule}`)).toEqual(['4: two-questions', '6: duplicate']);
    // A second compile parses nothing (the files are unchanged), so it has nothing to say.
    expect(compileDecks(m.col, [dir], { lint: true }).lint).toEqual([]);
    // Without asking (the app's compiles), no lint.
    writeFileSync(join(dir, 'a.md'), '---\ndeck: A\n---\n项目名默认取什么？如何指定？::目录名\n');
    expect(compileDecks(m.col, [dir]).lint).toEqual([]);
  });

  it('mnemo compile prints the first 20 findings and counts the rest', async () => {
    const dir = join(tempDir(), 'many');
    mkdirSync(dir);
    const cards = Array.from({ length: 25 }, (_, i) => `问题 ${i} 是什么？为什么？::答案 ${i}`);
    writeFileSync(join(dir, 'a.md'), `${cards.join('\n')}\n`);
    const { status, lines } = await run('compile', dir, '--data', tempDir());
    expect(status).toBe(0);
    expect(lines.filter((l) => l.includes(': two-questions: '))).toHaveLength(20);
    expect(lines).toContain(`… and 5 more lint findings (mnemo lint ${dir} lists them)`);
  });
});
