/** GET /media/<name>: card images, under the shared media rules (core/compiler/media-file.ts). */
import { closeSync, createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { openMedia } from '../core/compiler/media-file.ts';

/** Serves one media file; false when there is none to serve (the caller answers 404). */
export function serveMedia(req: IncomingMessage, res: ServerResponse, dir: string, rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return false;
  }
  const file = openMedia(dir, name);
  if (!file) return false;
  res.writeHead(200, { ...file.headers, 'content-length': String(file.size) });
  if (req.method === 'HEAD') {
    closeSync(file.fd);
    res.end();
    return true;
  }
  // Streamed from the descriptor that was checked: the name is not looked up again. pipeline
  // closes the file when the client goes away mid-way.
  pipeline(createReadStream('', { fd: file.fd, start: 0 }), res, () => {});
  return true;
}
