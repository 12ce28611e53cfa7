/**
 * A bounded reader for the zip container of an Anki package. It reads the central directory
 * (ZIP64 included) and then only the members asked for, straight from the file, so every
 * size and ratio is checked before a byte is inflated: a hostile file can make it refuse,
 * never make it allocate or inflate more than the limits. Inflating is Node's zlib with a
 * hard output cap; each member's CRC-32 is checked. (fflate's unzip needs the whole file in
 * memory and trusts the sizes a member declares, hence this reader.)
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import zlib from 'node:zlib';

export class ZipFormatError extends Error {}

export interface ZipLimits {
  /** Largest total of uncompressed bytes all reads together may produce. */
  totalBytes: number;
  /** A member over `ratioFloor` bytes that declares more than `maxRatio` × its compressed size is refused. */
  maxRatio: number;
  ratioFloor: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  totalBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  ratioFloor: 1024 ** 2,
  maxEntries: 1_000_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The largest inflate output chunk (pages of it never written cost no memory). */
const MAX_CHUNK = 256 * 1024 ** 2;

export class ZipReader {
  private readonly fd: number;
  private readonly fileSize: number;
  readonly entries = new Map<string, ZipEntry>();
  private produced = 0;

  constructor(
    path: string,
    private readonly limits: ZipLimits = DEFAULT_LIMITS,
  ) {
    this.fd = openSync(path, 'r');
    try {
      this.fileSize = fstatSync(this.fd).size;
      this.readDirectory();
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private read(position: number, length: number): Buffer {
    if (position < 0 || length < 0 || position + length > this.fileSize) {
      throw new ZipFormatError('the zip is truncated or its directory points outside the file');
    }
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw new ZipFormatError('the zip is truncated');
      done += n;
    }
    return buf;
  }

  private readDirectory(): void {
    if (this.fileSize < 22) throw new ZipFormatError('not a zip file (too short)');
    const tailLength = Math.min(this.fileSize, 22 + 65_535);
    const tail = this.read(this.fileSize - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipFormatError('not a zip file (no end of central directory)');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const eocdPos = this.fileSize - tailLength + at;
      const locator = this.read(eocdPos - 20, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR)
        throw new ZipFormatError('a ZIP64 archive without its locator');
      const record = this.read(this.safe(locator.readBigUInt64LE(8)), 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('a damaged ZIP64 end record');
      count = this.safe(record.readBigUInt64LE(32));
      dirSize = this.safe(record.readBigUInt64LE(40));
      dirOffset = this.safe(record.readBigUInt64LE(48));
    }
    if (count > this.limits.maxEntries) throw new ZipFormatError(`too many zip members (${count})`);
    const dir = this.read(dirOffset, dirSize);
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) {
        throw new ZipFormatError('a damaged zip central directory');
      }
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      const crc = dir.readUInt32LE(p + 16);
      let compressedSize = dir.readUInt32LE(p + 20);
      let size = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      let headerOffset = dir.readUInt32LE(p + 42);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > dir.length) throw new ZipFormatError('a damaged zip central directory');
      const name = dir.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      // ZIP64: the 32-bit fields that are all ones are given, in this order, in extra field 1.
      const extra = dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(e);
        const len = extra.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          const next = () => {
            if (q + 8 > e + 4 + len || q + 8 > extra.length)
              throw new ZipFormatError('a damaged ZIP64 field');
            const v = this.safe(extra.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (headerOffset === 0xffffffff) headerOffset = next();
        }
        e += 4 + len;
      }
      if (!this.entries.has(name)) {
        this.entries.set(name, { name, method, flags, crc, compressedSize, size, headerOffset });
      }
      p = end;
    }
  }

  private safe(v: bigint): number {
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a zip size or offset out of range');
    return Number(v);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The member's bytes, inflated and checked; throws ZipFormatError for anything amiss. */
  readMember(name: string): Buffer {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipFormatError(`the zip has no member "${name}"`);
    const { limits } = this;
    if (entry.flags & 1) throw new ZipFormatError(`member "${name}" is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipFormatError(
        `member "${name}" uses compression method ${entry.method}, not stored or deflate`,
      );
    }
    if (entry.method === 0 && entry.size !== entry.compressedSize) {
      throw new ZipFormatError(`member "${name}" is stored but its two sizes differ`);
    }
    if (entry.size > limits.ratioFloor && entry.size > limits.maxRatio * Math.max(1, entry.compressedSize)) {
      throw new ZipFormatError(
        `member "${name}" would expand ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times (a zip bomb?)`,
      );
    }
    if (this.produced + entry.size > limits.totalBytes) {
      throw new ZipFormatError(
        `the package holds over ${Math.round(limits.totalBytes / 1024 ** 2)} MiB uncompressed, more than Mnemo imports`,
      );
    }
    const header = this.read(entry.headerOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`member "${name}" has a damaged header`);
    const dataStart = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = this.read(dataStart, entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else {
      try {
        // The cap is the declared size: a member that inflates to more fails here, unallocated.
        // One output chunk of the declared size (+1, so the end is seen within it): no
        // joining of thousands of 16 KiB chunks, which doubled a large collection in memory.
        data = zlib.inflateRawSync(raw, {
          maxOutputLength: Math.max(1, entry.size),
          chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, Math.min(entry.size + 1, MAX_CHUNK)),
        });
      } catch (e) {
        throw new ZipFormatError(`member "${name}" does not inflate (${(e as Error).message})`);
      }
    }
    if (data.length !== entry.size)
      throw new ZipFormatError(`member "${name}" is not the size its directory says`);
    if (zlib.crc32(data) !== entry.crc) throw new ZipFormatError(`member "${name}" fails its CRC check`);
    this.produced += entry.size;
    return data;
  }

  /** Counts bytes produced outside `readMember` (a zstd member's output) against the total. */
  charge(bytes: number): void {
    if (this.produced + bytes > this.limits.totalBytes) {
      throw new ZipFormatError(
        `the package holds over ${Math.round(this.limits.totalBytes / 1024 ** 2)} MiB uncompressed, more than Mnemo imports`,
      );
    }
    this.produced += bytes;
  }

  /** Bytes still allowed before the total limit. */
  get remaining(): number {
    return this.limits.totalBytes - this.produced;
  }
}
