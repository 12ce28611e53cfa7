/**
 * Reads an image a card links, refusing anything a hostile or careless deck could use:
 * paths leading out of the deck folder (after symlinks are resolved), FIFOs and devices
 * (opened non-blocking, so a FIFO never hangs the compile), folders, files over the size
 * limit (never read past it, so /dev/zero-like files cannot exhaust memory), and content
 * that is not a PNG, JPEG, GIF, WebP or AVIF image whatever its name says.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { type ImageType, looksLikeSvg, sniffImage } from './image-type.ts';

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type DeckImage = { ok: true; bytes: Buffer; type: ImageType } | { ok: false; message: string };

const fail = (message: string): DeckImage => ({ ok: false, message });

/** Why a file system call failed, in words (no raw EISDIR / ENOENT codes for the user). */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not found';
  if (code === 'ELOOP') return 'is a symlink loop';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${code ?? (e as Error).message})`;
}

/** True when `path` is `folder` itself or below it (both already real paths). */
export function isInside(folder: string, path: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * The image at `absolute`, which must resolve inside `folder` (the deck folder being
 * compiled). Messages complete "image X …" in a compile error.
 */
export function readDeckImage(absolute: string, folder: string): DeckImage {
  let real: string;
  let root: string;
  try {
    root = realpathSync(folder);
    real = realpathSync(absolute);
  } catch (e) {
    return fail(reason(e));
  }
  if (!isInside(root, real)) return fail(`is outside the deck folder ${root}: keep images inside it`);
  let fd: number;
  try {
    // O_NOFOLLOW: the path was just resolved; a symlink swapped in since is refused, not followed.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    return fail(reason(e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return fail('is a folder, not an image file');
    if (!st.isFile()) return fail('is not a regular file (a device, FIFO or socket)');
    if (st.size > MAX_IMAGE_BYTES)
      return fail(`is ${mb(st.size)}; images may be at most ${mb(MAX_IMAGE_BYTES)}`);
    // One byte more than its size: a file that grows while read is caught, never read unbounded.
    const buf = Buffer.alloc(Math.min(st.size, MAX_IMAGE_BYTES) + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    if (n > st.size) return fail('changed while it was being read: try again');
    const bytes = buf.subarray(0, n);
    const type = sniffImage(bytes);
    if (type) return { ok: true, bytes, type };
    if (looksLikeSvg(bytes)) {
      return fail('is an SVG, which can carry scripts and is not accepted: export it as PNG');
    }
    return fail('is not a PNG, JPEG, GIF, WebP or AVIF image (judged by its content, not its name)');
  } catch (e) {
    return fail(reason(e));
  } finally {
    closeSync(fd);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MB`;
