import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipFileWriter } from '../../core/export/apkg/zip-writer.ts';
import { ZipReader } from '../../core/import/apkg/zip-reader.ts';
import { seededRandom, tempDir } from '../helpers/collection.ts';

describe('package zip', () => {
  it('a file deflated in parallel pieces unzips to the same bytes, by fflate and by the import reader', async () => {
    const dir = tempDir();
    const rand = seededRandom(11);
    // 20 MiB: three pieces; compressible runs and noise, as an SQLite file has.
    const data = Buffer.alloc(20 * 1024 * 1024 + 123);
    for (let i = 0; i < data.length; i++)
      data[i] = i % 4096 < 2048 ? (i >> 7) & 0xff : Math.floor(rand() * 256);
    writeFileSync(join(dir, 'big.bin'), data);
    const out = join(dir, 'p.zip');
    const zip = new ZipFileWriter(out, Date.parse('2026-01-02T03:04:05Z'));
    await zip.addFileDeflated('collection.anki2', join(dir, 'big.bin'), 1);
    zip.addStored('0', new Uint8Array([1, 2, 3]));
    zip.addStored('media', new TextEncoder().encode('{"0":"a.png"}'));
    zip.finish();
    const files = unzipSync(readFileSync(out));
    expect(Buffer.from(files['collection.anki2']!).equals(data)).toBe(true);
    expect([...files['0']!]).toEqual([1, 2, 3]);
    const reader = new ZipReader(out);
    try {
      expect(reader.readMember('collection.anki2').equals(data)).toBe(true);
      expect(reader.readMember('media').toString()).toBe('{"0":"a.png"}');
    } finally {
      reader.close();
    }
  });

  it('reads a ZIP64 archive (its end record and a member whose sizes live in the ZIP64 field)', () => {
    const dir = tempDir();
    const content = Buffer.from('hello zip64 '.repeat(100));
    const name = Buffer.from('collection.anki2');
    const deflated = zlib.deflateRawSync(content);
    const crc = zlib.crc32(content);
    // Local header: sizes as 0xFFFFFFFF, real ones in a ZIP64 extra field (id 1).
    const extra = Buffer.alloc(20);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(content.length), 4);
    extra.writeBigUInt64LE(BigInt(deflated.length), 12);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(0xffffffff, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(0xffffffff, 20);
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    const head = Buffer.concat([local, name, extra, deflated]);
    const dir64 = Buffer.concat([central, name, extra]);
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(1n, 24);
    record.writeBigUInt64LE(1n, 32);
    record.writeBigUInt64LE(BigInt(dir64.length), 40);
    record.writeBigUInt64LE(BigInt(head.length), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(head.length + dir64.length), 8);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 12);
    end.writeUInt32LE(0xffffffff, 16);
    const path = join(dir, 'z64.zip');
    writeFileSync(path, Buffer.concat([head, dir64, record, locator, end]));
    const reader = new ZipReader(path);
    try {
      expect(reader.readMember('collection.anki2').equals(content)).toBe(true);
    } finally {
      reader.close();
    }
  });
});
