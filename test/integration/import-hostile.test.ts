import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { previewImport, runImport, uploadPath } from '../../core/import/index.ts';
import { checksum, tempDir, tempMnemo } from '../helpers/collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));

/** A valid one-note dump, for the hostile variants below to break one thing each. */
function dump(): Record<string, unknown> & {
  notes: Record<string, unknown>[];
  cards: Record<string, unknown>[];
} {
  const fsrs = {
    due: 1_700_000_000_000,
    stability: 3.1,
    difficulty: 5.2,
    elapsedDays: 1,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 2,
    lapses: 0,
    state: 2,
    lastReview: 1_699_900_000_000,
  };
  return {
    format: 'mnemo-collection',
    version: 1,
    exportedAt: 1_700_000_000_000,
    presets: [],
    decks: [{ name: 'D', preset: 'Default', description: '', createdAt: 1 }],
    notes: [
      {
        guid: 'g1',
        kind: 'basic',
        fields: { front: 'q', back: 'a' },
        tags: [],
        context: '',
        createdAt: 1,
        modifiedAt: 1,
        retired: false,
        source: null,
      },
    ],
    cards: [
      {
        note: 'g1',
        ord: 0,
        deck: 'D',
        fsrs,
        newPosition: 1,
        suspended: false,
        buriedUntil: 0,
        flag: 0,
        leech: false,
        retired: false,
        createdAt: 1,
        modifiedAt: 1,
      },
    ],
    reviewLog: [
      {
        id: '018c0000-0000-7000-8000-000000000001',
        note: 'g1',
        ord: 0,
        deck: 'D',
        rating: 3,
        kind: 'review',
        reviewedAt: 1_699_900_000_000,
        durationMs: 1000,
        before: fsrs,
        after: fsrs,
      },
    ],
    media: [],
  };
}

const json = (change: (d: ReturnType<typeof dump>) => void) => {
  const d = dump();
  change(d);
  return JSON.stringify(d);
};

/** A file of `size` bytes that starts with `head`, sparse: large without using the disk. */
const sparse = (head: string, size: number) => (path: string) => {
  writeFileSync(path, head);
  truncateSync(path, size);
};

/** [file name, content (or a function making the file at the path), the message expected]. */
const HOSTILE: [string, string | Buffer | ((path: string) => void), RegExp][] = [
  ['empty.csv', '', /^empty\.csv: the file is empty$/],
  ['blank.csv', '\uFEFF \n\r\n\t\n', /^blank\.csv: the file holds only white space$/],
  [
    'garbage.csv',
    Buffer.from([0x89, 0x00, 0xff, 0x13, 0x37, 0x00, 0x42]),
    /^garbage\.csv: not UTF-8 text.*binary/,
  ],
  ['latin1.txt', Buffer.from('caf\xe9,na\xefve\n', 'latin1'), /^latin1\.txt: not UTF-8 text/],
  ['deck.apkg', 'front,back\n', /^deck\.apkg: named \.apkg but not an Anki package/],
  ['all.colpkg', json(() => {}), /^all\.colpkg: named \.colpkg but not an Anki package/],
  ['notes.md', '---\ndeck: X\n---\nq::a\n', /^notes\.md: Markdown decks are compiled, not imported/],
  ['folder', (p) => mkdirSync(p), /^folder: is a folder/],
  ['fifo.csv', (p) => execFileSync('mkfifo', [p]), /^fifo\.csv: is not a regular file/],
  ['huge.csv', sparse('a,b\n', 201 * 1024 ** 2), /at most 200 MiB/],
  ['huge.apkg', sparse('PK\x03\x04', 1024 ** 3 + 1), /^huge\.apkg: packages may be at most 1024 MiB/],
  ['cut.json', json(() => {}).slice(0, 200), /^cut\.json: not valid JSON/],
  ['other.json', '{"hello": "world"}', /^other\.json: a JSON file, but not a Mnemo collection dump/],
  ['list.json', '[1, 2, 3]', /^list\.json: a JSON file, but not a Mnemo collection dump/],
  [
    'v2.json',
    json((d) => (d.version = 2)),
    /^v2\.json: dump version 2 is not supported \(this Mnemo reads version 1\)/,
  ],
  ['v-str.json', json((d) => (d.version = '1')), /^v-str\.json: dump version "1" is not supported/],
  [
    'types.json',
    json((d) => (d.notes[0]!.fields = { front: 5 })),
    /^types\.json: notes\[0\]\.fields\.front:/,
  ],
  [
    'proto.json',
    json((d) => (d.notes[0]!.fields = JSON.parse('{"front":"q","__proto__":{"polluted":1}}'))),
    /^proto\.json: notes\[0\]\.fields/,
  ],
  [
    'orphan.json',
    json((d) => (d.cards[0]!.note = 'nope')),
    /^orphan\.json: cards\[0\]: its note "nope" is not in the dump/,
  ],
  [
    'lost-review.json',
    json((d) => ((d.reviewLog as { ord: number }[])[0]!.ord = 3)),
    /^lost-review\.json: reviewLog\[0\]: card 3 of note "g1"/,
  ],
  [
    'rating.json',
    json((d) => ((d.reviewLog as { rating: number }[])[0]!.rating = 9)),
    /^rating\.json: reviewLog\[0\]\.rating:/,
  ],
  [
    'state.json',
    json((d) => ((d.cards[0]!.fsrs as { state: number }).state = 7)),
    /^state\.json: cards\[0\]\.fsrs\.state:/,
  ],
  ['time.json', json((d) => (d.exportedAt = -5)), /^time\.json: exportedAt:/],
  ['twice.json', json((d) => d.notes.push({ ...d.notes[0]! })), /^twice\.json: two notes have the guid "g1"/],
  [
    'traversal.json',
    json((d) => (d.media = [{ name: '../../evil.png', data: 'AAAA' }])),
    /^traversal\.json: media\[0\]\.name:/,
  ],
  [
    'b64.json',
    json((d) => (d.media = [{ name: 'x.png', data: '%%% not base64' }])),
    /^b64\.json: media\[0\]\.data:/,
  ],
  [
    'deckname.json',
    json((d) => {
      d.cards[0]!.deck = 'A::::B';
      d.decks = [];
    }),
    /^deckname\.json: deck name "A::::B" has an empty part/,
  ],
  [
    'no-notes.json',
    json((d) => {
      d.notes = [];
      d.cards = [];
      d.reviewLog = [];
    }),
    /^no-notes\.json: nothing to import/,
  ],
  ['unclosed.csv', 'a,b\n"never closed,x\n', /^unclosed\.csv: line 2: a quoted field is never closed/],
  ['long-line.csv', `${'x'.repeat(2 * 1024 ** 2)},b\n`, /^long-line\.csv: line 1: a field is longer than/],
  [
    'long-quoted.csv',
    `a,"${'y'.repeat(2 * 1024 ** 2)}"\n`,
    /^long-quoted\.csv: line 1: a field is longer than/,
  ],
  ['after-quote.csv', 'a,"b"c\n', /^after-quote\.csv: line 1: text after a closing quote/],
  ['column.csv', '#guid column:abc\nx,y\n', /^column\.csv: #guid column:abc is not a column number/],
  ['separator.csv', '#separator:Nonsense\nx,y\n', /^separator\.csv: #separator:Nonsense is not a separator/],
  ['headers-only.csv', '#separator:Comma\n#html:true\n', /^headers-only\.csv: no rows to import/],
  ['dup-guid.csv', '#guid column:1\ng,a,b\ng,c,d\n', /^dup-guid\.csv: two notes have the guid "g"/],
  [
    'long-guid.csv',
    `#guid column:1\n${'g'.repeat(300)},a,b\n`,
    /^long-guid\.csv: line 2: the guid is longer than 200/,
  ],
  ['bad-deck.csv', '#deck column:3\nq,a,A:: ::B\n', /^bad-deck\.csv: deck name "A:: ::B" has an empty part/],
];

describe('hostile and malformed import files', () => {
  it(`refuses each of ${HOSTILE.length} with one message naming the file, leaving the collection byte-identical`, async () => {
    const m = tempMnemo();
    m.api.notes.add({
      deckId: m.api.decks.create({ name: 'Mine' }).id,
      kind: 'basic',
      fields: { front: 'q', back: 'a' },
    });
    const before = checksum(m.col.db);
    const dir = tempDir();
    for (const [name, content, message] of HOSTILE) {
      const path = join(dir, name);
      if (typeof content === 'function') content(path);
      else writeFileSync(path, content);
      for (const attempt of [previewImport, runImport]) {
        const error = await attempt(m.col, path).then(
          () => null,
          (e: Error) => e,
        );
        expect(error, name).toMatchObject({ type: 'InvalidArgument' });
        expect(error!.message, name).toMatch(message);
        expect(error!.message.split('\n'), name).toHaveLength(1);
        expect(checksum(m.col.db), name).toBe(before);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(existsSync(join(m.dataDir, 'media'))).toBe(false);
    // The collection still works.
    expect(m.api.decks.list().decks).toHaveLength(1);
    m.close();
  });

  it('names a missing file; an upload id can only name a file in imports/', async () => {
    const m = tempMnemo();
    await expect(runImport(m.col, join(tempDir(), 'gone.csv'))).rejects.toThrow(/^gone\.csv: no such file$/);
    for (const id of [
      '../../etc/passwd',
      'UPPER-case-1',
      'short',
      'a'.repeat(65),
      'with/slash1',
      'dots..dots',
    ])
      expect(() => uploadPath(m.col, id), id).toThrow(/uploadId: must be 8 to 64/);
    expect(uploadPath(m.col, '0190abcd-1234')).toBe(join(m.dataDir, 'imports', '0190abcd-1234'));
    m.close();
  });

  it('the CLI says so in one line, exits 1 and changes nothing', () => {
    const dataDir = tempDir();
    const m = tempMnemo();
    m.close();
    const dir = tempDir();
    writeFileSync(
      join(dir, 'v9.json'),
      json((d) => (d.version = 9)),
    );
    writeFileSync(join(dir, 'junk.csv'), Buffer.from([0, 1, 2, 3, 255]));
    for (const file of ['v9.json', 'junk.csv']) {
      const r = spawnSync(process.execPath, [bin, 'import', join(dir, file), '--data', dataDir], {
        encoding: 'utf8',
      });
      expect(r.status, file).toBe(1);
      expect(r.stderr.trim().split('\n'), file).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^mnemo: ${file.replace('.', '\\.')}: `));
    }
  });
});
