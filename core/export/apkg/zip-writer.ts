/**
 * Writes the package's zip with fflate's streaming `Zip`, straight to a file descriptor.
 * The collection (tens of MB for a large deck) is deflated by Node's zlib, fed to fflate
 * as a custom zip entry: zlib is native and runs on libuv's thread pool, several times
 * faster than a JavaScript deflate and off the main thread, so the app keeps answering
 * while a large export is packed. Media are images, already compressed: stored as they are.
 */
import { closeSync, createReadStream, fsyncSync, openSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Zip, type ZipInputFile, ZipPassThrough } from 'fflate';

/** fflate writes no ZIP64 records; a member must stay under 4 GiB. */
const ZIP32_LIMIT = 0xffff_ffff;

export class ZipFileWriter {
  private readonly fd: number;
  private readonly zip: Zip;
  private failure: Error | null = null;
  private closed = false;
  bytes = 0;

  constructor(
    path: string,
    private readonly mtime: number,
  ) {
    this.fd = openSync(path, 'w', 0o644);
    this.zip = new Zip((err, chunk) => {
      if (err) {
        this.failure ??= err;
        return;
      }
      if (this.failure) return;
      try {
        writeSync(this.fd, chunk);
        this.bytes += chunk.length;
      } catch (e) {
        this.failure = e as Error;
      }
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Adds the file at `srcPath`, deflated as it is read. */
  async addFileDeflated(name: string, srcPath: string, level = 6): Promise<void> {
    const entry: ZipInputFile = { filename: name, size: 0, crc: 0, compression: 8, mtime: this.mtime };
    this.zip.add(entry);
    let crc = 0;
    let size = 0;
    await pipeline(
      createReadStream(srcPath, { highWaterMark: 4 << 20 }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      },
      zlib.createDeflateRaw({ level }),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source)
          entry.ondata!(
            null,
            new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) as Uint8Array<ArrayBuffer>,
            false,
          );
      },
    );
    if (size > ZIP32_LIMIT) throw new Error(`${name} is over 4 GiB, too large for a zip without ZIP64`);
    entry.crc = crc;
    entry.size = size;
    entry.ondata!(null, new Uint8Array(0), true);
    this.check();
  }

  /** Adds bytes stored uncompressed. */
  addStored(name: string, bytes: Uint8Array): void {
    const entry = new ZipPassThrough(name);
    entry.mtime = this.mtime;
    this.zip.add(entry);
    entry.push(bytes, true);
    this.check();
  }

  /** Writes the central directory, syncs and closes the file. */
  finish(): void {
    this.zip.end();
    this.check();
    fsyncSync(this.fd);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
