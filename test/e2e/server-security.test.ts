import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionPath } from '../../core/index.ts';
import { checksum } from '../helpers/collection.ts';
import { type Served, startServer } from './harness.ts';

let s: Served;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.stop();
});

/** A checksum of the live collection, read through a separate read-only connection. */
function stored(): string {
  const db = new Database(collectionPath(s.dataDir), { readonly: true });
  try {
    return checksum(db);
  } finally {
    db.close();
  }
}

const post = (path: string, init: RequestInit = {}) =>
  fetch(`${s.origin}${path}`, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

describe('browser-mode server security', () => {
  it('answers the API with the token; the bundled decks are there on first start, and a backup taken', async () => {
    const { decks } = await s.api<{ decks: { name: string }[] }>('decks.list');
    expect(decks.map((d) => d.name)).toContain('Docker::网络模式');
    const backups = () =>
      existsSync(join(s.dataDir, 'backups')) ? readdirSync(join(s.dataDir, 'backups')) : [];
    // One finished, self-contained copy: no partial file or WAL left beside it.
    await expect
      .poll(backups, { timeout: 15_000 })
      .toEqual([expect.stringMatching(/^collection-\d{8}-\d{6}\.sqlite$/)]);
  });

  it('refuses a request without the token (401) and changes nothing', async () => {
    const before = stored();
    const res = await post('/api/review.undo', { body: '{}' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.type).toBe('Unauthorized');
    const wrong = await post('/api/decks.list', { headers: { authorization: 'Bearer nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const page = await fetch(`${s.origin}/`);
    expect(page.status).toBe(401);
    expect(stored()).toBe(before);
  });

  it('refuses a foreign Origin and a foreign Host (403), even with the token', async () => {
    const auth = { authorization: `Bearer ${s.token}` };
    const origin = await post('/api/decks.list', {
      headers: { ...auth, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(origin.status).toBe(403);
    // DNS rebinding: the browser would send the attacker's host name.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${s.origin}/api/decks.list`,
        { method: 'POST', headers: { ...auth, host: 'evil.example', 'content-type': 'application/json' } },
        (res) => resolve(res.statusCode!),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('the printed URL sets an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
    const res = await fetch(s.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/^mnemo_token=\w+; HttpOnly; SameSite=Strict; Path=\//);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(`${s.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/<div id="root">/);
  });

  it('serves no file outside the renderer and media folders, however the path is written', async () => {
    const { request } = await import('node:http');
    // Raw requests: fetch() would fold the dot segments before they reach the server.
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${s.origin}/`,
          { path, headers: { authorization: `Bearer ${s.token}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await get('/index.html')).toBe(200);
    for (const path of [
      '/../collection.sqlite',
      '/media/../collection.sqlite',
      '/media/..%2Fcollection.sqlite',
      '/media/%2e%2e/%2e%2e/etc/passwd',
      '/..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/%E0%A4%A',
    ]) {
      expect(await get(path), path).toBe(404);
    }
  });

  it('a body over 1 MiB gets 413 with the JSON error, not a reset, however it is sent; nothing changes', async () => {
    const before = stored();
    const { request } = await import('node:http');
    const big = Buffer.alloc(2 << 20, 'a');
    const body = Buffer.concat([Buffer.from('{"x":"'), big, Buffer.from('"}')]);
    // Raw requests over a socket: with a Content-Length, chunked, and asking 100-continue.
    const send = (headers: Record<string, string>, chunked: boolean) =>
      new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
        const req = request(
          `${s.origin}/api/decks.create`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', ...headers },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              text += c;
            });
            res.on('end', () =>
              resolve({ status: res.statusCode!, body: text, connection: res.headers.connection }),
            );
          },
        );
        req.on('error', reject);
        if (headers.expect) return req.end(); // the body is sent only after a 100 Continue
        if (!chunked) return req.end(body);
        for (let i = 0; i < body.length; i += 64 << 10) req.write(body.subarray(i, i + (64 << 10)));
        req.end();
      });
    for (const [how, headers, chunked] of [
      ['Content-Length', { 'content-length': String(body.length) }, false],
      ['chunked', {}, true],
      ['Expect: 100-continue', { 'content-length': String(body.length), expect: '100-continue' }, false],
    ] as const) {
      const res = await send(headers, chunked);
      expect(res.status, how).toBe(413);
      expect(res.connection, how).toBe('close');
      expect(JSON.parse(res.body), how).toEqual({
        error: { type: 'PayloadTooLarge', message: 'the request body is larger than 1 MiB' },
      });
    }
    expect(stored()).toBe(before);
    // The server is still there, and a body under the limit is read as before.
    expect((await s.api<{ name: string }>('decks.create', { name: 'x'.repeat(90) })).name).toHaveLength(90);
  });

  it('invalid arguments get 400 with the schema message; unknown methods 404; nothing changes', async () => {
    const before = stored();
    const auth = { authorization: `Bearer ${s.token}` };
    const bad = await post('/api/review.answer', {
      headers: auth,
      body: JSON.stringify({ cardId: 1, rating: 5, durationMs: -1 }),
    });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.type).toBe('InvalidArgument');
    expect(body.error.message).toMatch(/rating.*durationMs/);
    expect((await post('/api/nope.nothing', { headers: auth, body: '{}' })).status).toBe(404);
    expect((await post('/api/decks.list', { headers: auth, body: '{not json' })).status).toBe(400);
    expect(
      (
        await fetch(`${s.origin}/api/decks.list`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    expect(stored()).toBe(before);
  });
});
