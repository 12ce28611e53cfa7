import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../core/import/index.ts';
import type { Mnemo } from '../../core/index.ts';
import type { NoteFields } from '../../core/notes/render.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';

const file = (name: string, content: string | Buffer) => {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
};

const notes = (m: Mnemo) =>
  (
    m.col.db
      .prepare(
        `SELECT n.guid, n.kind, n.fields, n.tags, d.name AS deck FROM notes n
         JOIN cards c ON c.note_id = n.id AND c.ord = (SELECT min(ord) FROM cards WHERE note_id = n.id)
         JOIN decks d ON d.id = c.deck_id ORDER BY n.id`,
      )
      .all() as { guid: string; kind: string; fields: string; tags: string; deck: string }[]
  ).map((n) => ({ ...n, fields: JSON.parse(n.fields) as NoteFields }));

describe('CSV/TSV import', () => {
  it("reads Anki's headers: separator, html, guid, note type, deck and tags columns, fixed tags", async () => {
    const m = tempMnemo();
    const csv = file(
      'anki.txt',
      [
        '#separator:Semicolon',
        '#html:true',
        '#tags:from-anki',
        '#guid column:1',
        '#notetype column:2',
        '#deck column:3',
        '#tags column:7',
        'g1;Basic;Lang::FR;<b>chat</b>;cat;;animal noun',
        'g2;Basic (and reversed card);Lang::FR;chien;dog;;',
        'g3;Cloze;Lang::DE;{{c1::Hund}} is {{c2::dog}};extra;;',
        'g4;Basic (optional reversed card);Lang::DE;Katze;cat;y;',
        'g5;Basic (type in the answer);Lang;Q;A;;',
        'g6;Image Occlusion;Lang;front;back;;',
      ].join('\n'),
    );
    const r = await runImport(m.col, csv);
    expect(r).toMatchObject({ notesAdded: 6, cardsAdded: 9, decksCreated: ['Lang', 'Lang::FR', 'Lang::DE'] });
    expect(r.warnings).toEqual([
      'note type(s) "Image Occlusion" imported as Basic (or Cloze) from their first two fields',
    ]);
    expect(notes(m)).toEqual([
      {
        guid: 'g1',
        kind: 'basic',
        fields: { front: '<b>chat</b>', back: 'cat' },
        tags: 'from-anki animal noun',
        deck: 'Lang::FR',
      },
      {
        guid: 'g2',
        kind: 'reversed',
        fields: { front: 'chien', back: 'dog' },
        tags: 'from-anki',
        deck: 'Lang::FR',
      },
      {
        guid: 'g3',
        kind: 'cloze',
        fields: { text: '{{c1::Hund}} is {{c2::dog}}', extra: 'extra' },
        tags: 'from-anki',
        deck: 'Lang::DE',
      },
      {
        guid: 'g4',
        kind: 'reversed',
        fields: { front: 'Katze', back: 'cat' },
        tags: 'from-anki',
        deck: 'Lang::DE',
      },
      {
        guid: 'g5',
        kind: 'basic',
        fields: { front: 'Q', back: 'A', typeIn: true },
        tags: 'from-anki',
        deck: 'Lang',
      },
      {
        guid: 'g6',
        kind: 'basic',
        fields: { front: 'front', back: 'back' },
        tags: 'from-anki',
        deck: 'Lang',
      },
    ]);
    m.close();
  });

  it('reads files without headers: front, back, tags by default; RFC 4180 quoting, BOM and CRLF', async () => {
    const m = tempMnemo();
    const csv = file(
      'words.csv',
      '\uFEFFhello,"bonjour, salut",fr greeting\r\n"multi\r\nline","say ""hi""",\r\n\r\nonly front\r\n',
    );
    const r = await runImport(m.col, csv);
    expect(r).toMatchObject({ notesAdded: 3, decksCreated: ['words'] });
    expect(notes(m).map((n) => [n.fields, n.tags, n.deck])).toEqual([
      [{ front: 'hello', back: 'bonjour, salut' }, 'fr greeting', 'words'],
      [{ front: 'multi\nline', back: 'say "hi"' }, '', 'words'],
      [{ front: 'only front', back: '' }, '', 'words'],
    ]);
    // No guid column: guids come from each note's type and front, so importing again updates.
    writeFileSync(csv, 'hello,bonjour (edited),fr\n');
    const again = await runImport(m.col, csv);
    expect(again).toMatchObject({ notesAdded: 0, notesUpdated: 1 });
    expect(notes(m)[0]!.fields.back).toBe('bonjour (edited)');
    m.close();
  });

  it('takes the columns and the separator chosen, and a deck for everything', async () => {
    const m = tempMnemo();
    const tsv = file('list.tsv', 'x\tfront one\tback one\tDeck A\n\tfront two\tback two\tDeck B\n');
    const r = await runImport(m.col, tsv, {
      csv: { columns: ['tags', 'front', 'back', 'deck'] },
      deckName: 'Chosen::Deck',
    });
    expect(r).toMatchObject({ notesAdded: 2, decksCreated: ['Chosen', 'Chosen::Deck'] });
    expect(notes(m).map((n) => [n.fields.front, n.tags, n.deck])).toEqual([
      ['front one', 'x', 'Chosen::Deck'],
      ['front two', '', 'Chosen::Deck'],
    ]);
    const semi = file('semi.txt', 'a;b\nc;d\n');
    const s = await runImport(m.col, semi, { csv: { separator: 'semicolon', columns: ['back', 'front'] } });
    expect(s.notesAdded).toBe(2);
    expect(notes(m).at(-1)!.fields).toEqual({ front: 'd', back: 'c' });
    m.close();
  });

  it('keeps plain text plain with #html:false, and a preview changes nothing', async () => {
    const m = tempMnemo();
    const csv = file('plain.csv', '#html:false\n#separator:Comma\n<script>x</script> & co,a < b\n');
    const before = checksum(m.col.db);
    const preview = await previewImport(m.col, csv);
    expect(preview).toMatchObject({ notesAdded: 1, dryRun: true });
    expect(checksum(m.col.db)).toBe(before);
    const r = await runImport(m.col, csv);
    expect({ ...r, dryRun: true }).toEqual(preview);
    expect(notes(m)[0]!.fields).toEqual({
      front: '&lt;script&gt;x&lt;/script&gt; &amp; co',
      back: 'a &lt; b',
    });
    m.close();
  });

  it('detects the format by content, not by name', async () => {
    const m = tempMnemo();
    // A Mnemo dump named .csv is a dump; CSV named .json is refused as not JSON.
    const dump = file('really-json.csv', JSON.stringify({ format: 'mnemo-collection', version: 1 }));
    await expect(runImport(m.col, dump)).rejects.toThrow(/^really-json\.csv: exportedAt:/);
    const csv = file('tab-separated.txt', 'a\tb\nc\td\n');
    expect((await runImport(m.col, csv)).notesAdded).toBe(2);
    m.close();
  });
});
