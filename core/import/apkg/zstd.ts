/**
 * zstd decompression for the new package format (`collection.anki21b`, its media map and
 * media), with fzstd (pure JavaScript). Before anything is decoded, every frame's header is
 * walked and checked: fzstd allocates a frame's whole window up front, so a hostile header
 * declaring a 2 GB window would be a 2 GB allocation. Output is counted as it streams out
 * and decoding stops at the limit.
 */
import { Decompress } from 'fzstd';

/** libzstd's own default limit for decoding (windowLogMax 27). */
const MAX_WINDOW = 128 * 1024 ** 2;

export class ZstdFormatError extends Error {}

/** Checks the frame structure of `data`; throws for a bad frame or a window over the limit. */
function checkFrames(data: Uint8Array, limit: number): void {
  let p = 0;
  if (data.length === 0) throw new ZstdFormatError('empty zstd data');
  while (p < data.length) {
    if (p + 4 > data.length) throw new ZstdFormatError('truncated zstd frame');
    const magic = (data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16) | (data[p + 3]! << 24)) >>> 0;
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // A skippable frame: its length follows.
      if (p + 8 > data.length) throw new ZstdFormatError('truncated zstd frame');
      const len = (data[p + 4]! | (data[p + 5]! << 8) | (data[p + 6]! << 16) | (data[p + 7]! << 24)) >>> 0;
      p += 8 + len;
      continue;
    }
    if (magic !== 0xfd2fb528) throw new ZstdFormatError('not zstd data');
    const fhd = data[p + 4];
    if (fhd === undefined) throw new ZstdFormatError('truncated zstd frame');
    const singleSegment = (fhd >> 5) & 1;
    const dictBytes = [0, 1, 2, 4][fhd & 3]!;
    const fcsFlag = fhd >> 6;
    const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
    let q = p + 5;
    let window = 0;
    if (!singleSegment) {
      const wd = data[q++];
      if (wd === undefined) throw new ZstdFormatError('truncated zstd frame');
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    q += dictBytes;
    let contentSize = 0;
    for (let i = 0; i < fcsBytes; i++) contentSize += (data[q + i] ?? 0) * 2 ** (8 * i);
    if (fcsBytes === 2) contentSize += 256;
    q += fcsBytes;
    if (singleSegment) window = contentSize;
    if (dictBytes && data.subarray(p + 5 + (singleSegment ? 0 : 1), q - fcsBytes).some((b) => b !== 0)) {
      throw new ZstdFormatError('zstd data needs a dictionary');
    }
    if (window > Math.min(MAX_WINDOW, Math.max(limit, 1024))) {
      throw new ZstdFormatError(`a zstd window of ${window} bytes is over the limit`);
    }
    if (fcsBytes && contentSize > limit) throw new ZstdFormatError('zstd data larger than the limit');
    // Blocks: 3-byte headers (last flag, type, size) until the last one; then the checksum.
    for (let last = false; !last; ) {
      if (q + 3 > data.length) throw new ZstdFormatError('truncated zstd block');
      const h = data[q]! | (data[q + 1]! << 8) | (data[q + 2]! << 16);
      last = (h & 1) === 1;
      const type = (h >> 1) & 3;
      const size = h >> 3;
      if (type === 3) throw new ZstdFormatError('a reserved zstd block type');
      q += 3 + (type === 1 ? 1 : size);
    }
    if ((fhd >> 2) & 1) q += 4;
    if (q > data.length) throw new ZstdFormatError('truncated zstd frame');
    p = q;
  }
}

/** The decompressed bytes, at most `limit` of them; throws ZstdFormatError otherwise. */
export function zstdDecompress(data: Uint8Array, limit: number): Uint8Array {
  checkFrames(data, limit);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > limit) throw new ZstdFormatError('zstd data larger than the limit');
    chunks.push(chunk);
  });
  try {
    stream.push(data, true);
  } catch (e) {
    if (e instanceof ZstdFormatError) throw e;
    throw new ZstdFormatError(`damaged zstd data (${(e as Error).message})`);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
