/**
 * Files that cross the browser boundary: `POST /upload` stores a file the user picked for
 * import (the API then names it by its id, never by a path from the request), and
 * `GET /exports/<name>` downloads a finished export. Both live in folders of the data
 * directory, and both are pruned of anything older than a day.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  createReadStream,
  createWriteStream,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream';

/** The largest file accepted for import (a big Anki collection with media fits). */
export const MAX_UPLOAD = 1 << 30;
const DAY = 86_400_000;

export const importsDir = (dataDir: string) => join(dataDir, 'imports');
export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/** Removes what an earlier session left behind: uploads never imported, exports downloaded long ago. */
function prune(dir: string, now = Date.now()): void {
  try {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (now - statSync(p).mtimeMs > DAY) rmSync(p, { force: true, recursive: true });
    }
  } catch {
    // nothing to prune
  }
}

export class UploadTooLarge extends Error {
  constructor() {
    super(`the file is larger than ${MAX_UPLOAD / (1 << 20)} MiB`);
  }
}

/** Streams the request body into a new upload; resolves with its id. Nothing is kept on failure. */
export function receiveUpload(req: IncomingMessage, dataDir: string): Promise<string> {
  const dir = importsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  prune(dir);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD) return Promise.reject(new UploadTooLarge());
  const id = randomUUID();
  const partial = join(dir, `${id}.part`);
  return new Promise((resolve, reject) => {
    let size = 0;
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    const fail = (e: Error) => {
      req.unpipe(out);
      out.destroy();
      rmSync(partial, { force: true });
      reject(e);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_UPLOAD) {
        req.destroy();
        fail(new UploadTooLarge());
      }
    });
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => {
      if (size > MAX_UPLOAD) return;
      renameSync(partial, join(dir, id));
      resolve(id);
    });
    req.pipe(out);
  });
}

/** A download name: one path segment, not hidden. */
const EXPORT_NAME = /^[^./\\\0][^/\\\0]{0,250}$/;

/** Serves one finished export as an attachment; false when there is none (the caller answers 404). */
export function serveExport(
  req: IncomingMessage,
  res: ServerResponse,
  dataDir: string,
  rawName: string,
): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return false;
  }
  if (!EXPORT_NAME.test(name) || name.endsWith('.tmp')) return false;
  const path = join(exportsDir(dataDir), name);
  let fd: number;
  try {
    if (!lstatSync(path).isFile()) return false; // no symlinks, folders or devices
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return false;
  }
  const size = fstatSync(fd).size;
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(size),
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    closeSync(fd);
    res.end();
    return true;
  }
  pipeline(createReadStream('', { fd, start: 0 }), res, () => {});
  return true;
}

/** Called at startup: old exports are removed (they are copies; the collection has it all). */
export function pruneExports(dataDir: string): void {
  prune(exportsDir(dataDir));
}

/** Electron's way in: a file the user picked in the system dialog, copied in as an upload. */
export function uploadFromFile(dataDir: string, path: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw new Error(`${path} is not a file`);
  if (st.size > MAX_UPLOAD) throw new UploadTooLarge();
  const dir = importsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  prune(dir);
  const id = randomUUID();
  copyFileSync(path, join(dir, `${id}.part`));
  renameSync(join(dir, `${id}.part`), join(dir, id));
  return id;
}

/** Electron's way out: the finished export `name`, or null when there is no such file. */
export function exportFile(dataDir: string, name: string): string | null {
  if (!EXPORT_NAME.test(name) || name.endsWith('.tmp')) return null;
  const path = join(exportsDir(dataDir), name);
  try {
    return lstatSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}
