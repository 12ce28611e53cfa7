import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
