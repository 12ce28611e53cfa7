import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { addDeckFolder } from '../../core/compiler/deck-folders.ts';
import { callMethod } from '../../core/index.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';

type M = ReturnType<typeof tempMnemo>;

const DECK = '---\ndeck: Net\n---\n# ports\n\nport of ssh::22\nport of http::80\n\nport of https\n?\n443\n';

function deckFolder(m: M, text = DECK) {
  const base = realpathSync(tempDir());
  const dir = join(base, 'decks');
  mkdirSync(dir);
  const file = join(dir, 'net.md');
  writeFileSync(file, text);
  addDeckFolder(m.col, dir);
  expect(m.api.decks.compile({ paths: [dir] }).errors).toEqual([]);
  return { base, dir, file };
}

const cardOf = (m: M, front: string) =>
  m.col.db
    .prepare(
      "SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE json_extract(n.fields, '$.front') = ?",
    )
    .pluck()
    .get(front) as number;

/** Everything a refused call must leave alone: the collection and every file in the folders. */
function snapshot(m: M, ...dirs: string[]) {
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? files(join(d, e.name))
        : [`${join(d, e.name)}\n${e.isFile() ? readFileSync(join(d, e.name), 'utf8') : 'link'}`],
    );
  return { db: checksum(m.col.db), files: dirs.flatMap(files).sort() };
}

describe('edits from the app never overwrite what they should not', () => {
  it('refuses a file changed on disk since it was compiled, writing nothing', () => {
    const m = tempMnemo();
    const { dir, file } = deckFolder(m);
    const id = cardOf(m, 'port of ssh');
    const { baseHash } = m.api.notes.editable({ cardId: id });
    appendFileSync(file, '\nport of smtp::25\n'); // the user's own edit in their editor, not compiled yet
    const before = snapshot(m, dir);
    expect(m.api.notes.editable({ cardId: id }).problem).toEqual({
      code: 'changed',
      message: `${file} changed on disk since it was compiled: compile it (Settings → Compile now), then edit again`,
    });
    for (const args of [{}, { baseHash: baseHash! }]) {
      expect(() =>
        callMethod(m.api, 'notes.edit', { cardId: id, fields: { front: 'ssh port', back: '22' }, ...args }),
      ).toThrow(
        expect.objectContaining({
          type: 'Conflict',
          message: expect.stringContaining('changed on disk since it was compiled'),
        }),
      );
    }
    expect(snapshot(m, dir)).toEqual(before);
    // Compiled again, the file can be edited; a hash from before that compile is still refused.
    m.api.decks.compile({ paths: [dir] });
    expect(() =>
      m.api.notes.edit({ cardId: id, fields: { front: 'ssh port', back: '22' }, baseHash: baseHash! }),
    ).toThrow(/changed on disk/);
    m.api.notes.edit({ cardId: id, fields: { front: 'port of ssh', back: '22/tcp' } });
    expect(readFileSync(file, 'utf8')).toContain('port of ssh::22/tcp\nport of http::80\n');
  });

  it('refuses a card compiled from outside the deck folders, or whose file now leads out of them', () => {
    const m = tempMnemo();
    const { base, dir, file } = deckFolder(m);
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'x.md'), 'outside::yes\n');
    compileDecks(m.col, [elsewhere]); // `mnemo compile PATH` may read any path; the app may not write it
    const outside = cardOf(m, 'outside');
    const before = snapshot(m, dir, elsewhere);
    expect(m.api.notes.editable({ cardId: outside }).problem?.code).toBe('outside');
    expect(() => m.api.notes.edit({ cardId: outside, fields: { front: 'outside', back: 'no' } })).toThrow(
      /is not inside a deck folder/,
    );
    // The deck file replaced by a symlink to a file outside the folder (same content).
    writeFileSync(join(base, 'copy.md'), DECK);
    rmSync(file);
    symlinkSync(join(base, 'copy.md'), file);
    const ssh = cardOf(m, 'port of ssh');
    expect(() => m.api.notes.edit({ cardId: ssh, fields: { front: 'ssh', back: '22' } })).toThrow(
      /is not inside a deck folder/,
    );
    expect(readFileSync(join(base, 'copy.md'), 'utf8')).toBe(DECK);
    expect(snapshot(m, elsewhere)).toEqual({
      ...before,
      files: before.files.filter((f) => f.startsWith(elsewhere)),
    });
  });

  it('refuses a card removed from its file (retired): its lines are gone', () => {
    const m = tempMnemo();
    const { dir, file } = deckFolder(m);
    const id = cardOf(m, 'port of http');
    writeFileSync(file, DECK.replace('port of http::80\n', ''));
    m.api.decks.compile({ paths: [dir] });
    const before = snapshot(m, dir);
    expect(m.api.notes.editable({ cardId: id }).problem).toEqual({
      code: 'retired',
      message: 'this card was removed from its file: it cannot be edited',
    });
    expect(() => m.api.notes.edit({ cardId: id, fields: { front: 'port of http', back: '8080' } })).toThrow(
      expect.objectContaining({
        type: 'Conflict',
        message: expect.stringContaining('removed from its file'),
      }),
    );
    expect(snapshot(m, dir)).toEqual(before);
  });

  it('refuses text that would split the card, and puts the file back when the compile fails', () => {
    const m = tempMnemo();
    const { dir, file } = deckFolder(m);
    writeFileSync(join(dir, 'fake.png'), 'not an image');
    const id = cardOf(m, 'port of https');
    const before = snapshot(m, dir);
    expect(() =>
      m.api.notes.edit({ cardId: id, fields: { front: 'port of https', back: '443\n\nport of ftp::21' } }),
    ).toThrow(/not saved: the text makes more than one card/);
    // Parses, but the compile refuses the image: the file is written, then put back.
    expect(() =>
      m.api.notes.edit({ cardId: id, fields: { front: 'port of https', back: '![](fake.png)' } }),
    ).toThrow(/image fake\.png/);
    expect(snapshot(m, dir)).toEqual(before);
    expect(() => m.api.notes.edit({ cardId: id, fields: { front: '  ', back: '443' } })).toThrow(
      /fields\.front/,
    );
    expect(readFileSync(file, 'utf8')).toBe(DECK);
  });
});

describe('adding a card from the app', () => {
  it('appends it to a deck file (CRLF kept) and compiles it; a new file gets its deck', () => {
    const m = tempMnemo();
    const crlf = DECK.replace(/\n/g, '\r\n');
    const { dir, file } = deckFolder(m, crlf);
    const r = m.api.notes.append({ file, kind: 'reversed', fields: { front: 'port of dns', back: '53' } });
    expect(readFileSync(file, 'utf8')).toBe(`${crlf}\r\nport of dns:::53\r\n`);
    expect(r).toMatchObject({ file, line: 13, cardIds: [expect.any(Number), expect.any(Number)] });
    expect(m.api.cards.get({ cardId: r.cardIds[0]! }).card).toMatchObject({
      deckName: 'Net',
      front: 'port of dns',
      context: 'ports',
    });

    const added = m.api.notes.append({
      file: join(dir, 'new.md'),
      create: true,
      deck: 'Net::新',
      kind: 'cloze',
      fields: { text: 'SSH listens on port ==22==.' },
    });
    expect(readFileSync(join(dir, 'new.md'), 'utf8')).toBe(
      '---\ndeck: Net::新\n---\n\nSSH listens on port ==22==.\n',
    );
    expect(m.api.cards.get({ cardId: added.cardIds[0]! }).card.deckName).toBe('Net::新');
    expect(() =>
      m.api.notes.append({
        file: join(dir, 'new.md'),
        create: true,
        kind: 'basic',
        fields: { front: 'a', back: 'b' },
      }),
    ).toThrow(/already exists/);
    const { roots } = m.api.notes.files();
    expect(roots[0]).toEqual({
      path: dir,
      bundled: false,
      files: [join(dir, 'net.md'), join(dir, 'new.md')],
      folders: [dir],
    });
  });

  it('treats the path as hostile: nothing outside the deck folders, nothing the compiler would skip', () => {
    const m = tempMnemo();
    const { base, dir } = deckFolder(m);
    writeFileSync(join(base, 'outside.md'), 'a::b\n');
    mkdirSync(join(base, 'out'));
    symlinkSync(join(base, 'out'), join(dir, 'link'));
    symlinkSync(join(base, 'outside.md'), join(dir, 'link.md'));
    mkdirSync(join(dir, '.hidden'));
    const before = snapshot(m, base);
    const card = { kind: 'basic', fields: { front: 'q', back: 'a' } };
    for (const [file, create, message] of [
      ['/etc/passwd', false, /a \.md file/],
      [join(base, 'outside.md'), false, /is not inside a deck folder/],
      [join(dir, '..', 'outside.md'), false, /is not inside a deck folder/],
      [join(dir, 'link.md'), false, /is not inside a deck folder/],
      [join(dir, 'link', 'x.md'), true, /is not inside a deck folder/],
      [join(dir, 'README.md'), true, /other than README\.md/],
      [join(dir, '.hidden', 'x.md'), true, /hidden or node_modules/],
      [join(dir, 'x.txt'), true, /a \.md file/],
      ['net.md', false, /not an absolute path/],
      [`${dir}/x\0.md`, true, /not an absolute path/],
      [join(dir, 'missing', 'x.md'), true, /no such folder/],
      [join(dir, 'gone.md'), false, /no such file/],
    ] as const) {
      expect(() => callMethod(m.api, 'notes.append', { ...card, file, create }), file).toThrow(
        expect.objectContaining({ message: expect.stringMatching(message) }),
      );
    }
    expect(snapshot(m, base)).toEqual(before);
    expect(existsSync(join(base, 'out', 'x.md'))).toBe(false);
  });
});
