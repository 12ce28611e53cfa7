/**
 * What a compile does before it plans any card: --force re-reads every card of a file (none
 * kept from the last compile), temp files a killed --write-ids left are removed, an unchanged
 * file whose card count was never recorded counts its live notes, a file gone from one of
 * several folders compiled together is deleted; and what it reports: lint findings read with
 * the files' text (their lint-ignore comments), warnings in reading order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const deck = (answer10: string) =>
  `${Array.from({ length: 12 }, (_, i) => `Question ${i} of the deck::${i === 10 ? answer10 : `answer ${i}`}`).join('\n\n')}\n`;

describe('a compile', () => {
  it('--force re-reads every card of a changed file: rows out of step with the file are rewritten', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), deck('answer 10'));
    compileDecks(m.col, [dir]);
    // A note out of step with its unchanged card, far from the card that changes below.
    m.col.db
      .prepare(
        `UPDATE notes SET fields = '{"front":"stale","back":"stale"}', content_hash = 'x' WHERE source_line = 1`,
      )
      .run();
    writeFileSync(join(dir, 'd.md'), deck('a new answer'));
    m.clock.advance(60_000);
    const r = compileDecks(m.col, [dir], { force: true });
    expect(r.totals).toMatchObject({ updated: 2, unchanged: 10 });
    const first = m.col.db.prepare('SELECT fields FROM notes WHERE source_line = 1').pluck().get() as string;
    expect(JSON.parse(first)).toEqual({ front: 'Question 0 of the deck', back: 'answer 0' });
  });

  it('removes the temp files a killed --write-ids left beside the files it compiles', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), deck('answer 10'));
    // Left by a process that is gone; one of a live process (this one's parent) stays.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = join(dir, `.d.md.mnemo-tmp-${gone}`);
    const live = join(dir, `.d.md.mnemo-tmp-${process.ppid}`);
    writeFileSync(stale, 'half a file');
    writeFileSync(live, 'being written');
    expect(compileDecks(m.col, [dir]).applied).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('counts the live notes of an unchanged file whose card count was never recorded', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), deck('answer 10'));
    compileDecks(m.col, [dir]);
    // As a collection compiled before the count was recorded has it.
    m.col.db.prepare('UPDATE source_files SET cards = NULL').run();
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ unchanged: 12, added: 0 });
  });

  it('deletes a file gone from one of two folders compiled together', () => {
    const m = tempMnemo();
    const root = tempDir();
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    for (const d of [a, b]) mkdirSync(d);
    writeFileSync(join(a, 'one.md'), 'First::one\n');
    writeFileSync(join(b, 'two.md'), 'Second::two\n');
    compileDecks(m.col, [a, b]);
    rmSync(join(b, 'two.md'));
    const r = compileDecks(m.col, [a, b]);
    expect(r.files.map((f) => [f.file, f.status])).toEqual([
      [join(a, 'one.md'), 'unchanged'],
      [join(b, 'two.md'), 'deleted'],
    ]);
    expect(r.totals).toMatchObject({ retired: 1, unchanged: 1 });
  });

  it("lints with the files' text: a lint-ignore comment above a card is honoured", () => {
    const m = tempMnemo();
    const dir = tempDir();
    const card = 'Harbor 多出的功能::Web UI、RBAC、漏洞扫描、镜像复制、审计日志';
    writeFileSync(join(dir, 'a.md'), `${card}\n`);
    writeFileSync(
      join(dir, 'b.md'),
      '<!-- lint-ignore list-back: the parts are the point -->\n企业版镜像仓库比开源版多了什么::Web UI、RBAC、漏洞扫描、镜像复制、审计日志\n',
    );
    const r = compileDecks(m.col, [dir], { lint: true });
    // b.md's list-back accepted by its comment; its back repeats a.md's (another rule).
    expect(r.lint.map((f) => [f.file, f.line, f.rule])).toEqual([
      [join(dir, 'a.md'), 1, 'list-back'],
      [join(dir, 'b.md'), 2, 'duplicate'],
    ]);
  });

  it('lists warnings in reading order, whichever step found them', () => {
    const m = tempMnemo();
    const dir = tempDir();
    // a.md: a card skipped (an error made a warning after reading); b.md: a schedule the
    // reading itself could not read.
    writeFileSync(join(dir, 'a.md'), '#flashcards\nCell diagram::![](https://example.com/cell.png)\n');
    writeFileSync(join(dir, 'b.md'), '#flashcards\nBridge::docker0\n<!--SR:!2026-13-45,4,270-->\n');
    const r = compileDecks(m.col, [dir], { vault: true });
    expect(r.warnings.map((w) => [w.file, w.line])).toEqual([
      [join(dir, 'a.md'), 2],
      [join(dir, 'b.md'), 3],
    ]);
  });
});
