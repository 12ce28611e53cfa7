/**
 * Builds Anki packages for the import tests at test time (never committed): a minimal valid
 * schema-11 collection written from the format reference, and the ways a package can be
 * broken or hostile, from a zip that lies about its sizes to rows of the wrong type.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { type Zippable, zipSync } from 'fflate';
import { tempDir } from './collection.ts';
import { PNG } from './hostile-deck.ts';

const SCHEMA = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,
  left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
`;

const MODEL = {
  id: 1342697561419,
  name: 'Basic',
  type: 0,
  mod: 1,
  usn: 0,
  sortf: 0,
  did: 1,
  tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }],
  flds: ['Front', 'Back'].map((name, ord) => ({
    name,
    ord,
    sticky: false,
    rtl: false,
    font: 'Arial',
    size: 20,
  })),
  css: '',
};
const DECKS = {
  1: { id: 1, name: 'Default', conf: 1, usn: 0, collapsed: false, dyn: 0, desc: '' },
  1500000000000: {
    id: 1500000000000,
    name: 'Imported::Words',
    conf: 1,
    usn: 0,
    collapsed: false,
    dyn: 0,
    desc: '',
  },
};
const DCONF = {
  1: {
    id: 1,
    name: 'Default',
    mod: 0,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    new: {},
    rev: {},
    lapse: {},
  },
};

/** A valid schema-11 collection with one basic note (an image in its back) and one review. */
export function collectionBytes(mutate?: (db: Database.Database) => void): Buffer {
  const path = join(tempDir(), 'collection.anki2');
  const db = new Database(path);
  db.exec(SCHEMA);
  db.prepare('INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)').run(
    1_700_000_000,
    JSON.stringify({ schedVer: 2, rollover: 4 }),
    JSON.stringify({ [MODEL.id]: MODEL }),
    JSON.stringify(DECKS),
    JSON.stringify(DCONF),
    '{}',
  );
  db.prepare(
    "INSERT INTO notes VALUES (1700000000001, 'guid-1', ?, 1700000000, 0, ' words ', ?, 'hello', 0, 0, '')",
  ).run(MODEL.id, 'hello\x1fworld <img src="cat.png">');
  db.prepare(
    "INSERT INTO cards VALUES (1700000000002, 1700000000001, 1500000000000, 0, 0, 0, 2, 2, 10, 5, 2500, 1, 0, 0, 0, 0, 0, '')",
  ).run();
  db.prepare('INSERT INTO revlog VALUES (1700000100000, 1700000000002, 0, 3, 5, 0, 2500, 4000, 0)').run();
  mutate?.(db);
  db.close();
  return readFileSync(path);
}

export { PNG as PNG_BYTES } from './hostile-deck.ts';

/** Writes a zip of these members to a temp file named `name`; returns its path. */
export function writeZip(name: string, members: Zippable): string {
  const path = join(tempDir(), name);
  writeFileSync(path, zipSync(members, { level: 6 }));
  return path;
}

/** A valid legacy package: collection.anki2, media map {"0": "cat.png"} and the image. */
export function validPackage(name = 'ok.apkg', collection = collectionBytes()): string {
  return writeZip(name, {
    'collection.anki2': collection,
    media: new TextEncoder().encode(JSON.stringify({ 0: 'cat.png' })),
    0: PNG,
  });
}

export function writeFile(name: string, bytes: Uint8Array | string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * A zip with one member deflated by zlib (fast even for a 200 MiB bomb) whose directory
 * claims `declaredSize` (default the truth; the CRC is always the real content's).
 */
export function oneMemberZip(
  name: string,
  member: string,
  content: Buffer,
  declaredSize = content.length,
): string {
  const deflated = zlib.deflateRawSync(content);
  const nameBytes = Buffer.from(member);
  const crc = zlib.crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const dirOffset = local.length + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return writeFile(name, Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]));
}

/** A copy of a zip with one byte of the central directory changed (flags, method, ...). */
export function patchCentral(path: string, member: string, offset: number, value: number, bytes = 2): string {
  const buf = Buffer.from(readFileSync(path));
  const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = buf.indexOf(sig); at >= 0; at = buf.indexOf(sig, at + 4)) {
    const nameLength = buf.readUInt16LE(at + 28);
    if (buf.subarray(at + 46, at + 46 + nameLength).toString() === member) {
      if (bytes === 2) buf.writeUInt16LE(value, at + offset);
      else buf.writeUInt32LE(value >>> 0, at + offset);
    }
  }
  return writeFile(`patched-${path.split('/').pop()}`, buf);
}
