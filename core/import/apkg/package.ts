/**
 * An Anki package opened: which of the three forms it is (rslib/src/import_export/package/
 * meta.rs), its collection file's bytes, and its media map. With a `meta` member, field 1
 * of that protobuf is the version: 1 `collection.anki2`, 2 `collection.anki21`, 3
 * `collection.anki21b` (zstd, media map as protobuf, media zstd-compressed). Without it:
 * `collection.anki21` if present, else `collection.anki2`.
 */
import { decode, ProtobufError, repeatedMessages, string, uint } from './protobuf.ts';
import type { ZipReader } from './zip-reader.ts';
import { zstdDecompress } from './zstd.ts';

export class PackageError extends Error {}

export interface OpenedPackage {
  version: 1 | 2 | 3;
  collectionName: string;
  /** The collection file's bytes (the reader empties this once SQLite has its copy). */
  collection: Uint8Array;
  /** Media file name → the zip member that holds it. */
  media: Map<string, string>;
  /** A media file's bytes (decompressed in the new format), charged to the size limit. */
  readMedia(name: string): Uint8Array;
}

const COLLECTIONS = { 1: 'collection.anki2', 2: 'collection.anki21', 3: 'collection.anki21b' } as const;

/** Characters Anki removes from media names, and names that could leave the media folder. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]|^\.\.?$|^$|^[a-zA-Z]:/;

function checkMediaName(name: string): void {
  if (UNSAFE_NAME.test(name) || name.length > 255) {
    throw new PackageError(
      `the media map names the file ${JSON.stringify(name.slice(0, 80))}, which is not a plain file name`,
    );
  }
}

function versionOf(zip: ZipReader): 1 | 2 | 3 {
  if (zip.has('meta')) {
    let version: number;
    try {
      version = uint(decode(zip.readMember('meta')), 1);
    } catch (e) {
      if (e instanceof ProtobufError) throw new PackageError(`its meta file is damaged (${e.message})`);
      throw e;
    }
    if (version === 1 || version === 2 || version === 3) return version;
    throw new PackageError(
      `its meta file gives package version ${version}, which this Mnemo does not know (newer Anki?)`,
    );
  }
  return zip.has('collection.anki21') ? 2 : 1;
}

/** The legacy media map: JSON `{"0": "name.jpg", ...}`, each key a zip member. */
function legacyMediaMap(zip: ZipReader): Map<string, string> {
  const media = new Map<string, string>();
  if (!zip.has('media')) return media; // older AnkiDroid wrote none
  const text = zip.readMember('media').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PackageError('its media map is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PackageError('its media map is not a JSON object');
  }
  for (const [member, name] of Object.entries(value)) {
    if (!/^\d{1,9}$/.test(member))
      throw new PackageError(`its media map has the key "${member.slice(0, 40)}", not a number`);
    if (typeof name !== 'string') throw new PackageError(`its media map entry ${member} is not a file name`);
    checkMediaName(name);
    media.set(name.normalize('NFC'), member);
  }
  return media;
}

/**
 * The new media map: zstd-compressed `MediaEntries { repeated MediaEntry entries = 1; }`
 * with `MediaEntry { string name = 1; uint32 size = 2; bytes sha1 = 3; }`
 * (proto/anki/import_export.proto); entry i is zip member "i".
 */
function protobufMediaMap(zip: ZipReader): Map<string, string> {
  const media = new Map<string, string>();
  if (!zip.has('media')) return media;
  const packed = zip.readMember('media');
  const bytes = zstdDecompress(packed, Math.min(zip.remaining, 64 * 1024 ** 2));
  zip.charge(bytes.length);
  try {
    repeatedMessages(decode(bytes), 1).forEach((entry, i) => {
      const name = string(entry, 1);
      checkMediaName(name);
      media.set(name.normalize('NFC'), String(i));
    });
  } catch (e) {
    if (e instanceof ProtobufError) throw new PackageError(`its media map is damaged (${e.message})`);
    throw e;
  }
  return media;
}

export function openPackage(zip: ZipReader): OpenedPackage {
  if (zip.entries.size === 0) throw new PackageError('the zip is empty');
  const version = versionOf(zip);
  const collectionName = COLLECTIONS[version];
  if (!zip.has(collectionName)) throw new PackageError(`it has no ${collectionName}`);
  const raw = zip.readMember(collectionName);
  let collection: Uint8Array = raw;
  if (version === 3) {
    collection = zstdDecompress(raw, zip.remaining);
    zip.charge(collection.length);
  }
  const media = version === 3 ? protobufMediaMap(zip) : legacyMediaMap(zip);
  return {
    version,
    collectionName,
    collection,
    media,
    readMedia(name) {
      const member = media.get(name);
      if (member === undefined) throw new PackageError(`no media file ${name}`);
      const bytes = zip.readMember(member);
      if (version !== 3) return bytes;
      const out = zstdDecompress(bytes, zip.remaining);
      zip.charge(out.length);
      return out;
    },
  };
}
