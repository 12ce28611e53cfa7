/**
 * What a recompile compares and reports about notes it matched: a change of the file's tags
 * alone is a change of content; an edited cloze is reported by its old text as shown; an id
 * written twice is caught when one of the two cards is kept from a part read (incremental.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

function deckFile(text: string) {
  const m = tempMnemo();
  const dir = tempDir();
  const file = join(dir, 'd.md');
  writeFileSync(file, text);
  const first = compileDecks(m.col, [dir]);
  expect(first.errors).toEqual([]);
  return {
    m,
    file,
    recompile(next: string, options: { force?: boolean } = {}) {
      writeFileSync(file, next);
      m.clock.advance(60_000);
      return compileDecks(m.col, [dir], options);
    },
  };
}

describe('what a recompile compares', () => {
  it("a change of the front matter's tags alone updates every note's tags", () => {
    const d = deckFile('---\ntags: [docker]\n---\nq1::a1\n\nq2::a2\n');
    const tags = () => d.m.col.db.prepare('SELECT tags FROM notes ORDER BY source_line').pluck().all();
    expect(tags()).toEqual(['docker', 'docker']);
    const r = d.recompile('---\ntags: [docker, network]\n---\nq1::a1\n\nq2::a2\n');
    expect(r.totals).toMatchObject({ updated: 2, unchanged: 0, added: 0, retired: 0 });
    expect(tags()).toEqual(['docker network', 'docker network']);
    // And back: the hash follows the tags both ways.
    expect(d.recompile('---\ntags: [docker]\n---\nq1::a1\n\nq2::a2\n').totals).toMatchObject({ updated: 2 });
    expect(tags()).toEqual(['docker', 'docker']);
  });

  it('an edited cloze is reported from its old text as shown: numbers past 9, answers with spaces, hints', () => {
    const before =
      'Docker links a container to {{c12::the bridge::two words}} by {{c3::veth pairs::a hint}}.\n';
    const d = deckFile(before);
    const r = d.recompile(
      'Docker links each new container to {{c12::the bridge::two words}} by {{c3::veth pairs::a hint}}.\n',
    );
    expect(r.totals).toMatchObject({ edited: 1, added: 0, retired: 0 });
    expect(r.files[0]!.editedFronts).toEqual([
      {
        from: 'Docker links a container to the bridge by veth pairs.',
        to: 'Docker links each new container to the bridge by veth pairs.',
        line: 1,
      },
    ]);
  });
});

describe('an id written twice, one of the two in a card a part read keeps', () => {
  const cards = (n: number) => Array.from({ length: n }, (_, i) => `Question ${i} of the list::answer ${i}`);

  it('is an error at the later card, naming the kept one, as when the file is read whole', () => {
    const list = cards(10);
    list[0] = `${list[0]} ^id-keptfirst`;
    const d = deckFile(`${list.join('\n\n')}\n`);
    const edited = [...list];
    edited[8] = 'Question 8 of the list::a new answer ^id-keptfirst';
    const r = d.recompile(`${edited.join('\n\n')}\n`);
    const expected = [
      { file: d.file, line: 17, column: 1, message: `duplicate id keptfirst (first at ${d.file}:1)` },
    ];
    expect(r.errors).toEqual(expected);
    expect(r.applied).toBe(false);
    // Read whole, the same error; nothing was stored by either.
    expect(d.recompile(`${edited.join('\n\n')}\n`, { force: true }).errors).toEqual(expected);
    const backs = d.m.col.db.prepare("SELECT json_extract(fields, '$.back') FROM notes").pluck().all();
    expect(backs).not.toContain('a new answer');
  });

  it('a re-read card taking the id of a kept card below it: the error is at the kept card', () => {
    const list = cards(10);
    list[8] = `${list[8]} ^id-keptlater`;
    const d = deckFile(`${list.join('\n\n')}\n`);
    const edited = [...list];
    edited[1] = 'Question 1 of the list::changed ^id-keptlater';
    const r = d.recompile(`${edited.join('\n\n')}\n`);
    expect(r.errors).toEqual([
      { file: d.file, line: 17, column: 1, message: `duplicate id keptlater (first at ${d.file}:3)` },
    ]);
  });
});
