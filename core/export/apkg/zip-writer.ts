/**
 * Writes the package's zip with fflate's streaming `Zip`, straight to a file descriptor.
 * The collection (tens of MB for a large deck) is deflated by Node's zlib, fed to fflate
 * as a custom zip entry: zlib is native and runs on libuv's thread pool, several times
 * faster than a JavaScript deflate, off the main thread (the app keeps answering) and on
 * every core. Media are images, already compressed: stored as they are.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Zip, type ZipInputFile, ZipPassThrough } from 'fflate';

/** fflate writes no ZIP64 records; a member must stay under 4 GiB. */
const ZIP32_LIMIT = 0xffff_ffff;
const PIECE = 8 << 20;
const SMALL = 1 << 20;
const deflateRaw = promisify(zlib.deflateRaw) as (buf: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>;

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

  /**
   * Adds the file at `srcPath`, deflated in 8 MiB pieces on several threads at once, as pigz
   * does: each piece is its own deflate run ending in a sync flush (byte-aligned, not final),
   * the last one finished, so the pieces joined in order are one valid deflate stream.
   */
  async addFileDeflated(name: string, srcPath: string, level = 6): Promise<void> {
    const entry: ZipInputFile = { filename: name, size: 0, crc: 0, compression: 8, mtime: this.mtime };
    this.zip.add(entry);
    const fd = openSync(srcPath, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > ZIP32_LIMIT) throw new Error(`${name} is over 4 GiB, too large for a zip without ZIP64`);
      const pieces = Math.max(1, Math.ceil(size / PIECE));
      const parallel = Math.max(1, Math.min(4, availableParallelism()));
      const pending: Promise<Buffer>[] = [];
      let crc = 0;
      let emitted = 0;
      const emit = async () => {
        const out = await pending[emitted]!;
        delete pending[emitted++];
        entry.ondata!(
          null,
          new Uint8Array(out.buffer, out.byteOffset, out.length) as Uint8Array<ArrayBuffer>,
          false,
        );
      };
      for (let i = 0; i < pieces; i++) {
        const piece = Buffer.alloc(Math.min(PIECE, size - i * PIECE));
        if (piece.length) readSync(fd, piece, 0, piece.length, i * PIECE);
        crc = zlib.crc32(piece, crc);
        const last = i === pieces - 1;
        const options = { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH };
        // A small file is deflated at once: handing it to the thread pool would cost more than it saves.
        pending[i] =
          pieces === 1 && size < SMALL
            ? Promise.resolve(zlib.deflateRawSync(piece, options))
            : deflateRaw(piece, options);
        if (i - emitted + 1 >= parallel) await emit();
      }
      while (emitted < pieces) await emit();
      entry.crc = crc;
      entry.size = size;
      entry.ondata!(null, new Uint8Array(0), true);
    } finally {
      closeSync(fd);
    }
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
