/**
 * Malformed and hostile .apkg/.colpkg files: each one gives one InvalidArgument naming the
 * file and the problem, through the reader and through the whole import (dispatcher and
 * applier), and the collection and its media folder stay byte-identical.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MnemoError } from '../../core/errors.ts';
import { readAnkiPackage } from '../../core/import/apkg/index.ts';
import { applyBatch } from '../../core/import/apply.ts';
import { readImportFile } from '../../core/import/index.ts';
import {
  collectionBytes,
  oneMemberZip,
  patchCentral,
  validPackage,
  writeFile,
  writeZip,
} from '../helpers/anki-hostile.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

const LARS = fileURLToPath(new URL('../fixtures/anki/lars_deck.apkg', import.meta.url));
const enc = (s: string) => new TextEncoder().encode(s);
const media = (map: unknown) => enc(JSON.stringify(map));

/** The bytes of the collection file and its WAL, and the media folder's listing. */
function fingerprint(colPath: string): string {
  const h = createHash('sha256');
  for (const f of [colPath, `${colPath}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
  const dir = join(dirname(colPath), 'media');
  if (existsSync(dir)) h.update(readdirSync(dir).join('\n'));
  return h.digest('hex');
}

const larsWith = (name: string, change: (files: Record<string, Uint8Array>) => void) => {
  const files = unzipSync(readFileSync(LARS));
  change(files);
  return writeZip(name, files);
};

const CASES: [string, () => string, RegExp][] = [
  ['not a zip', () => writeFile('notes.apkg', 'front,back\n'), /not a zip|not an Anki package/],
  ['an empty file', () => writeFile('empty.apkg', ''), /empty|not a zip/],
  [
    'a truncated zip',
    () => writeFile('cut.apkg', readFileSync(validPackage()).subarray(0, 300)),
    /not a zip|truncated/,
  ],
  ['an empty zip', () => writeZip('none.apkg', {}), /the zip is empty/],
  ['no collection', () => writeZip('nocol.apkg', { media: media({}) }), /has no collection\.anki2/],
  [
    'a zip bomb (200 MiB of zeros)',
    () => oneMemberZip('bomb.apkg', 'collection.anki2', Buffer.alloc(200 * 1024 ** 2)),
    /expand \d+ times \(a zip bomb\?\)/,
  ],
  [
    'a member that inflates past its declared size',
    () => oneMemberZip('liar.apkg', 'collection.anki2', Buffer.alloc(4 * 1024 ** 2, 1), 1000),
    /does not inflate/,
  ],
  [
    'a CRC mismatch',
    () => patchCentral(validPackage('crc.apkg'), 'collection.anki2', 16, 0x12345678, 4),
    /fails its CRC check/,
  ],
  [
    'an encrypted member',
    () => patchCentral(validPackage('enc.apkg'), 'collection.anki2', 8, 1),
    /is encrypted/,
  ],
  [
    'an unknown compression method',
    () => patchCentral(validPackage('bz.apkg'), 'collection.anki2', 10, 12),
    /compression method 12/,
  ],
  [
    'a media name climbing out (../../x)',
    () =>
      writeZip('climb.apkg', {
        'collection.anki2': collectionBytes(),
        media: media({ 0: '../../x' }),
        0: enc('x'),
      }),
    /media map names the file "\.\.\/\.\.\/x", which is not a plain file name/,
  ],
  [
    'an absolute media name',
    () =>
      writeZip('abs.apkg', {
        'collection.anki2': collectionBytes(),
        media: media({ 0: '/etc/passwd' }),
        0: enc('x'),
      }),
    /not a plain file name/,
  ],
  [
    'a media map that is not JSON',
    () => writeZip('badmap.apkg', { 'collection.anki2': collectionBytes(), media: enc('{0: cat') }),
    /media map is not valid JSON/,
  ],
  [
    'a media map key that is not a number',
    () => writeZip('key.apkg', { 'collection.anki2': collectionBytes(), media: media({ x: 'cat.png' }) }),
    /media map has the key "x"/,
  ],
  [
    'a collection that is not SQLite',
    () => writeZip('notdb.apkg', { 'collection.anki2': enc('hello'.repeat(100)), media: media({}) }),
    /collection\.anki2 is not an SQLite database/,
  ],
  [
    'a corrupt SQLite collection',
    () => {
      const bytes = Buffer.from(collectionBytes());
      bytes.fill(0xa5, 100, bytes.length); // keep the header, wreck every page
      return writeZip('corrupt.apkg', { 'collection.anki2': bytes, media: media({}) });
    },
    /damaged|malformed|not a database|no notes table|no col table|has no/,
  ],
  [
    'a collection without a notes table',
    () =>
      writeZip('nonotes.apkg', {
        'collection.anki2': collectionBytes((db) => db.exec('DROP TABLE notes')),
        media: media({}),
      }),
    /collection\.anki2 has no notes table/,
  ],
  [
    'text in an integer column (cards.due)',
    () =>
      validPackage(
        'text-due.apkg',
        collectionBytes((db) => db.exec("UPDATE cards SET due = 'soon'")),
      ),
    /table cards, row \d+: due is text, not integer/,
  ],
  [
    'a real in an integer column (revlog.ease)',
    () =>
      validPackage(
        'real-ease.apkg',
        collectionBytes((db) => db.exec('UPDATE revlog SET ease = 2.5')),
      ),
    /table revlog, row \d+: ease is real, not integer/,
  ],
  [
    'an integer past 2^53 (revlog.cid)',
    () =>
      validPackage(
        'huge-cid.apkg',
        collectionBytes((db) => db.exec('UPDATE revlog SET cid = 9007199254740993')),
      ),
    /table revlog, row \d+: cid is an integer out of range, not integer/,
  ],
  ...(
    [
      ['null', 'NULL'],
      ['text', "'soon'"],
    ] as const
  ).map(([type, value]): [string, () => string, RegExp] => [
    `a review row whose id is ${type} (a revlog without its primary key)`,
    () =>
      validPackage(
        `${type}-revlog-id.apkg`,
        collectionBytes((db) =>
          db.exec(`ALTER TABLE revlog RENAME TO old; CREATE TABLE revlog AS SELECT * FROM old; DROP TABLE old;
                INSERT INTO revlog SELECT ${value}, cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog;`),
        ),
      ),
    new RegExp(`table revlog, row \\d+: id is ${type}, not integer`),
  ]),
  [
    'bytes where the fields belong (notes.flds)',
    () =>
      validPackage(
        'blob-flds.apkg',
        collectionBytes((db) => db.exec("UPDATE notes SET flds = X'00ff'")),
      ),
    /flds is blob, not text/,
  ],
  [
    'an unknown schema version (99)',
    () =>
      validPackage(
        'ver99.apkg',
        collectionBytes((db) => db.exec('UPDATE col SET ver = 99')),
      ),
    /schema version 99, which this Mnemo does not know/,
  ],
  [
    'schema version 12 (never released)',
    () =>
      validPackage(
        'ver12.apkg',
        collectionBytes((db) => db.exec('UPDATE col SET ver = 12')),
      ),
    /schema version 12/,
  ],
  [
    'two col rows',
    () =>
      validPackage(
        'twocol.apkg',
        collectionBytes((db) =>
          db.exec(
            'INSERT INTO col SELECT 2, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags FROM col',
          ),
        ),
      ),
    /2 rows in its col table/,
  ],
  [
    'an empty package (no notes)',
    () =>
      validPackage(
        'nothing.apkg',
        collectionBytes((db) => db.exec('DELETE FROM notes; DELETE FROM cards; DELETE FROM revlog')),
      ),
    /holds no notes to import/,
  ],
  [
    'col.models that is not JSON',
    () =>
      validPackage(
        'models.apkg',
        collectionBytes((db) => db.exec("UPDATE col SET models = '{oops'")),
      ),
    /col\.models is not valid JSON/,
  ],
  [
    'a note with more fields than its note type',
    () =>
      validPackage(
        'fields.apkg',
        collectionBytes((db) => db.exec("UPDATE notes SET flds = 'a' || char(31) || 'b' || char(31) || 'c'")),
      ),
    /has 3 fields, but its note type "Basic" has 2/,
  ],
  [
    'a note of a note type the package lacks',
    () =>
      validPackage(
        'mid.apkg',
        collectionBytes((db) => db.exec('UPDATE notes SET mid = 42')),
      ),
    /note type 42, which the package does not have/,
  ],
  [
    'an empty guid',
    () =>
      validPackage(
        'guid.apkg',
        collectionBytes((db) => db.exec("UPDATE notes SET guid = ''")),
      ),
    /an empty guid/,
  ],
  [
    'a meta naming an unknown package version',
    () =>
      larsWith('meta9.colpkg', (f) => {
        f.meta = new Uint8Array([0x08, 0x09]);
      }),
    /package version 9, which this Mnemo does not know/,
  ],
  [
    'a meta that is not protobuf',
    () =>
      larsWith('meta-bad.apkg', (f) => {
        f.meta = new Uint8Array([0x0f, 0xff, 0xff]);
      }),
    /meta file is damaged/,
  ],
  [
    'a damaged zstd collection (anki21b)',
    () =>
      larsWith('zstd.apkg', (f) => {
        const b = f['collection.anki21b']!;
        f['collection.anki21b'] = b.subarray(0, Math.floor(b.length / 2));
      }),
    /zstd|truncated/,
  ],
  [
    'a zstd frame declaring a 2 GiB window',
    () =>
      larsWith('window.apkg', (f) => {
        f['collection.anki21b'] = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0x00, 0x00]);
      }),
    /zstd window of \d+ bytes is over the limit/,
  ],
  [
    'a damaged protobuf media map (anki21b)',
    () =>
      larsWith('pbmedia.apkg', (f) => {
        f.media = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x02, 0x11, 0x00, 0x00, 0x0a, 0xff]);
      }),
    /media map is damaged|zstd/,
  ],
];

describe('hostile .apkg/.colpkg', () => {
  it(`has ${CASES.length} cases (at least 20)`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  for (const [what, build, message] of CASES) {
    it(`${what}: one clear error, the collection untouched`, async () => {
      const m = tempMnemo();
      // Something in the collection and in media/, to see that none of it moves.
      applyBatch(m.col, readAnkiPackage(validPackage()), { dryRun: false });
      const before = fingerprint(m.col.path);
      const rows = checksum(m.col.db);
      const path = build();
      const name = path.split('/').pop()!;
      const direct = (() => {
        try {
          readAnkiPackage(path);
          return null;
        } catch (e) {
          return e as Error;
        }
      })();
      if (direct) {
        expect(direct).toBeInstanceOf(MnemoError);
        expect((direct as MnemoError).type).toBe('InvalidArgument');
        expect(direct.message.startsWith(`${name}: `)).toBe(true);
      }
      // Through the whole import, as the app and the CLI run it.
      const whole = await readImportFile(path).then(
        (batch) => applyBatch(m.col, batch, { dryRun: false }),
        (e: unknown) => e,
      );
      expect(whole).toBeInstanceOf(MnemoError);
      expect((whole as MnemoError).type).toBe('InvalidArgument');
      expect((whole as MnemoError).message).toMatch(new RegExp(`^${name.replace(/[.]/g, '\\.')}: `));
      expect((whole as MnemoError).message).toMatch(message);
      expect(checksum(m.col.db)).toBe(rows);
      expect(fingerprint(m.col.path)).toBe(before);
    });
  }

  it('a package over the size limit is refused before it is inflated', () => {
    const path = validPackage('big.apkg');
    expect(() =>
      readAnkiPackage(path, {
        limits: { totalBytes: 10_000, maxRatio: 200, ratioFloor: 1 << 20, maxEntries: 10 },
      }),
    ).toThrow(/big\.apkg: the package holds over 0 MiB uncompressed/);
    expect(() => readAnkiPackage(join(dirname(path), 'missing.apkg'))).toThrow(/missing\.apkg: no such file/);
  });

  it('a valid generated package imports (the cases above differ from it in one thing each)', () => {
    const m = tempMnemo();
    const batch = readAnkiPackage(validPackage());
    const r = applyBatch(m.col, batch, { dryRun: false });
    expect(r).toMatchObject({ notesAdded: 1, cardsAdded: 1, reviewsAdded: 1, mediaAdded: 1 });
    const note = m.col.db.prepare('SELECT fields, tags FROM notes').get() as { fields: string; tags: string };
    expect(JSON.parse(note.fields).back).toMatch(/^world <img src="media\/[0-9a-f]{32}\.png">$/);
    expect(note.tags).toBe('words');
    expect(m.col.db.prepare('SELECT name FROM decks ORDER BY name').pluck().all()).toEqual([
      'Imported',
      'Imported::Words',
    ]);
  });
});
