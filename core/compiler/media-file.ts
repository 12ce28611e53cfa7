/**
 * How a card media file is served, by the browser-mode server (/media/) and the Electron
 * shell (app://mnemo/media/) alike. The media folder is on the app's own origin, so a file
 * there must never become a page that runs script with the user's session: only regular
 * files (no symlinks) directly in the folder, a content type from the image allow-list judged
 * by the bytes, and for anything else a download. `sandbox` keeps even an allowed SVG,
 * opened on its own, from running script.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { extname, join } from 'node:path';
import { looksLikeSvg, SNIFF_BYTES, sniffImage } from './image-type.ts';

export const MEDIA_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

export interface MediaFile {
  /** An open descriptor of the checked file; the caller streams from it and closes it. */
  fd: number;
  size: number;
  headers: Record<string, string>;
}

/** Media names are one path segment: content hashes with an extension (older copies included). */
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** The media file `name` (already URL-decoded) in `dir`, opened, with its response headers; or null. */
export function openMedia(dir: string, name: string): MediaFile | null {
  if (!NAME.test(name)) return null;
  const path = join(dir, name);
  try {
    if (!lstatSync(path).isFile()) return null; // symlinks, folders, FIFOs, devices
  } catch {
    return null;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file');
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, st.size));
    readSync(fd, head, 0, head.length, 0);
    return { fd, size: st.size, headers: mediaHeaders(name, head) };
  } catch {
    closeSync(fd);
    return null;
  }
}

/** Response headers for a media file, from its name and first bytes. */
export function mediaHeaders(name: string, head: Uint8Array): Record<string, string> {
  const svg = extname(name).toLowerCase() === '.svg' && looksLikeSvg(head);
  const type = sniffImage(head)?.mime ?? (svg ? 'image/svg+xml' : null);
  return {
    'content-type': type ?? 'application/octet-stream',
    ...(type ? {} : { 'content-disposition': 'attachment' }),
    'content-security-policy': MEDIA_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
  };
}
