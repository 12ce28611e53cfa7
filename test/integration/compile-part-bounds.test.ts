/**
 * Where a recompile that re-reads only the cards around a change (incremental.ts) must still
 * re-read a card whose own lines did not change: lines written above the file's first line,
 * an image whose file changed, a card whose next card turned into its back's continuation,
 * and cards at the top of a file that no paragraph start bounds. Each stores what a compile
 * reading the whole file stores.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import type { Mnemo } from '../../core/index.ts';
import { tempDir, tempMnemo, typedRows } from '../helpers/collection.ts';

const png = (tail: string) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(tail)]);

/** Notes and cards as stored, random guids left out. */
function stored(m: Mnemo) {
  return typedRows(m.col.db, {
    skip: /^(?!notes$|cards$)/,
    map: (_t, columns, row) => row.map((v, i) => (columns[i >> 1] === 'guid' ? '' : v)),
  });
}

/**
 * Compiles `first` (after `before`), then `second` (after `between`, e.g. an image rewritten), into a
 * collection read in part and one read whole; returns the part-read one's report and rows.
 */
function recompile(files: {
  first: string;
  second: string;
  before?: (dir: string) => void;
  between?: (dir: string) => void;
}) {
  const dir = tempDir();
  const file = join(dir, 'd.md');
  const part = tempMnemo();
  const whole = tempMnemo();
  files.before?.(dir);
  writeFileSync(file, files.first);
  for (const m of [part, whole]) compileDecks(m.col, [dir]);
  files.between?.(dir);
  writeFileSync(file, files.second);
  part.clock.advance(60_000);
  whole.clock.advance(60_000);
  const r = compileDecks(part.col, [dir]);
  const w = compileDecks(whole.col, [dir], { force: true });
  expect(r.totals).toEqual(w.totals);
  expect(stored(part)).toEqual(stored(whole));
  const fields = part.col.db
    .prepare('SELECT fields FROM notes WHERE retired = 0 ORDER BY source_line')
    .pluck()
    .all() as string[];
  return { report: r, fields: fields.map((f) => JSON.parse(f) as Record<string, string>), dir };
}

const cards = (n: number, answer = (i: number) => `answer ${i}`) =>
  Array.from({ length: n }, (_, i) => `Question ${i} of the list::${answer(i)}`);

describe('a recompile that re-reads part of a file', () => {
  it.each([
    ['with a blank line', '\n\n'],
    ['as a single line', '\n'],
  ])('adds a card written above the first line of the file (%s)', (_, gap) => {
    const body = cards(10).join('\n\n');
    const { report, fields } = recompile({
      first: `${body}\n`,
      second: `New first card::on top${gap}${body}\n`,
    });
    expect(report.totals).toMatchObject({ added: 1, unchanged: 10 });
    expect(fields[0]).toMatchObject({ front: 'New first card', back: 'on top' });
  });

  it("re-reads a card whose image file changed when another card's text changed", () => {
    const list = cards(10);
    list[1] = 'Which logo is ours?::![logo](logo.png)';
    const { report, fields } = recompile({
      first: `${list.join('\n\n')}\n`,
      second: `${list.join('\n\n').replace('answer 8', 'a new answer')}\n`,
      before: (d) => writeFileSync(join(d, 'logo.png'), png('first version')),
      between: (d) => writeFileSync(join(d, 'logo.png'), png('second version')),
    });
    expect(report.totals).toMatchObject({ updated: 2, unchanged: 8 });
    // The link points at the new image's copy (media files are named by their content's hash).
    const name = createHash('sha256').update(png('second version')).digest('hex').slice(0, 32);
    expect(fields[1]!.back).toBe(`![logo](media/${name}.png)`);
  });

  it("re-reads a card whose next card became a paragraph of its back's continuation", () => {
    const list = cards(10);
    const second = [...list];
    second[6] = 'A remark about question five, no longer a card.';
    const { report, fields } = recompile({
      first: `${list.join('\n\n')}\n`,
      second: `${second.join('\n\n')}\n`,
    });
    expect(report.totals).toMatchObject({ retired: 1 });
    expect(fields.map((f) => f.front)).not.toContain('Question 6 of the list');
    expect(fields[5]!.back).toContain('A remark about question five');
  });

  // The first card starts no paragraph (a lint-ignore comment stands right above it), nor
  // does any card of the block: no card above the change bounds what is re-read.
  it('re-reads the cards at the top of a file that start no paragraph, before a change below them', () => {
    const list = cards(6);
    const text = (last: string) =>
      `<!-- lint-ignore list-back -->\n${[...list.slice(0, 5), last].join('\n')}\n`;
    const { report } = recompile({
      first: text(list[5]!),
      second: text('Question 5 of the list::a new answer'),
    });
    expect(report.totals).toMatchObject({ updated: 1, added: 0, unchanged: 5 });
  });

  it("keeps every card when the file's first line is deleted and a card far below changes", () => {
    const list = cards(10);
    const second = [...list];
    second[8] = 'Question 8 of the list::a new answer';
    const { report } = recompile({
      first: `An introduction.\n\n${list.join('\n\n')}\n`,
      second: `${second.join('\n\n')}\n`,
    });
    expect(report.totals).toMatchObject({ updated: 1, unchanged: 9, retired: 0, added: 0 });
  });
});
