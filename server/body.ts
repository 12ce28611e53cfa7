/**
 * An API request's body, with a size limit. Over the limit the rest is still read and thrown
 * away before the 413 is sent: answering and closing while the client is still sending
 * makes the kernel reset the connection, and the client then sees a reset, not the answer.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY = 1 << 20;
/** Past this much, draining is not worth it: the connection is dropped after a best-effort 413. */
const DRAIN_LIMIT = 64 << 20;

export class BodyTooLarge extends Error {
  constructor() {
    super('the request body is larger than 1 MiB');
  }
}

/** The Content-Length says too much before a byte is read. */
export function declaredTooLarge(req: IncomingMessage): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > MAX_BODY;
}

export function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT) return Promise.reject(new BodyTooLarge());
  let tooLarge = declaredTooLarge(req); // then nothing is kept, only drained
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY && !tooLarge) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (size > DRAIN_LIMIT) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
      } else if (!tooLarge) chunks.push(c);
    });
    req.on('end', () =>
      tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}
