import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_BODY } from '../../server/body.ts';
import { appServer, TOKEN } from '../helpers/app-server.ts';

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const json = (r: { body: string }) => JSON.parse(r.body);

describe('the token', () => {
  it('is required on every path: 401 with a JSON error, nothing read or changed', async () => {
    const s = await appServer();
    for (const path of ['/', '/index.html', '/assets/app.js', '/media/a.png', '/exports/x.zip']) {
      const res = await s.request({ path }, false);
      expect(res.status, path).toBe(401);
    }
    const res = await s.request(
      {
        method: 'POST',
        path: '/api/decks.create',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"X"}',
      },
      false,
    );
    expect(res.status).toBe(401);
    expect(json(res)).toEqual({
      error: {
        type: 'Unauthorized',
        message: 'missing or wrong token: open the URL that "mnemo serve" printed',
      },
    });
    expect(s.mnemo.api.decks.list().decks).toEqual([]);
  });

  it('is accepted as a bearer token or the cookie, exactly', async () => {
    const s = await appServer();
    const get = (headers: Record<string, string>) => s.request({ path: '/index.html', headers }, false);
    expect((await get({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get({ cookie: `mnemo_token=${TOKEN}` })).status).toBe(200);
    expect((await get({ cookie: `theme=dark; mnemo_token=${TOKEN}; lang=zh` })).status).toBe(200);
    const wrong: Record<string, string>[] = [
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}X` },
      { authorization: `Basic ${TOKEN}` },
      { authorization: `bearer ${TOKEN}` },
      { authorization: TOKEN },
      { cookie: `mnemo_token=${TOKEN}x` },
      { cookie: `other_token=${TOKEN}` },
      { cookie: `xmnemo_token=${TOKEN}` },
      { cookie: 'mnemo_token=' },
    ];
    for (const headers of wrong) {
      expect((await get(headers)).status, JSON.stringify(headers)).toBe(401);
    }
  });

  it('given once in the printed URL becomes an HttpOnly SameSite=Strict cookie, and leaves the address', async () => {
    const s = await appServer();
    const first = await s.request({ path: `/?token=${TOKEN}` }, false);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`mnemo_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(first.headers['cache-control']).toBe('no-store');
    // Only on GET /, and only the right token.
    expect((await s.request({ path: `/index.html?token=${TOKEN}` }, false)).status).toBe(401);
    expect((await s.request({ path: `/?token=${TOKEN}x` }, false)).status).toBe(401);
    expect((await s.request({ method: 'POST', path: `/?token=${TOKEN}` }, false)).status).toBe(401);
    // Already authorized: the page itself, no redirect.
    const again = await s.request({ path: `/?token=${TOKEN}` });
    expect(again.status).toBe(200);
    expect(again.body).toContain('<div id="root">');
  });
});

describe('POST /api/<method>', () => {
  it('calls the method with the JSON arguments and answers JSON with the hardening headers', async () => {
    const s = await appServer();
    const res = await s.api('decks.create', { name: 'Docker' });
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ name: 'Docker' });
    expect(res.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': CSP,
    });
    // A method returning nothing answers null; an empty body is no arguments.
    const next = await s.request({
      method: 'POST',
      path: '/api/review.next',
      headers: { 'content-type': 'application/json' },
    });
    expect(next.status).toBe(200);
    expect(next.body).toBe('null');
    const blank = await s.request({
      method: 'POST',
      path: '/api/decks.list',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '  \n',
    });
    expect(json(blank).decks.map((d: { name: string }) => d.name)).toEqual(['Docker']);
  });

  it('maps each error type to its status, the error as JSON', async () => {
    const s = await appServer();
    const { id: deckId } = s.mnemo.api.decks.create({ name: 'D' });
    const [cardId] = s.mnemo.api.notes.add({
      deckId,
      kind: 'basic',
      fields: { front: 'q', back: 'a' },
    }).cardIds;
    s.mnemo.api.cards.suspend({ cardIds: [cardId!] });
    const cases: [string, unknown, number, string][] = [
      ['review.answer', { cardId, rating: 5, durationMs: 1 }, 400, 'InvalidArgument'],
      ['cards.get', { cardId: 999 }, 404, 'NotFound'],
      ['review.answer', { cardId, rating: 3, durationMs: 1 }, 409, 'Conflict'],
      ['no.such', {}, 404, 'NotFound'],
    ];
    for (const [method, args, status, type] of cases) {
      const res = await s.api(method, args);
      expect(res.status, method).toBe(status);
      expect(json(res).error.type, method).toBe(type);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    const bad = await s.request({
      method: 'POST',
      path: '/api/decks.list',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(json(bad)).toEqual({
      error: { type: 'InvalidArgument', message: 'the request body is not valid JSON' },
    });
  });

  it('refuses other methods (405) and other content types (415)', async () => {
    const s = await appServer();
    const get = await s.request({ path: '/api/decks.list' });
    expect(get.status).toBe(405);
    expect(json(get)).toEqual({ error: { type: 'InvalidArgument', message: 'use POST for API calls' } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', '']) {
      const res = await s.request({
        method: 'POST',
        path: '/api/decks.create',
        headers: type ? { 'content-type': type } : {},
        body: '{"name":"X"}',
      });
      expect(res.status, type).toBe(415);
      expect(json(res).error.message).toBe('send the arguments as application/json');
    }
    expect(s.mnemo.api.decks.list().decks).toEqual([]);
  });
});

/** A raw request over a socket: any headers, only as much body as we send. */
function raw(port: number, head: string, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head + body));
    let text = '';
    socket.on('data', (c) => {
      text += c.toString();
    });
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('request bodies', () => {
  const createWith = (size: number) => {
    const pad = ' '.repeat(size - '{"name":"Big"}'.length);
    return `{"name":"Big"}${pad}`;
  };

  it('up to 1 MiB are read; one byte more is 413 as JSON with the connection closed, nothing changed', async () => {
    const s = await appServer();
    const post = (body: string, chunked = false) =>
      s.request({
        method: 'POST',
        path: '/api/decks.create',
        headers: {
          'content-type': 'application/json',
          ...(chunked
            ? { 'transfer-encoding': 'chunked' }
            : { 'content-length': String(Buffer.byteLength(body)) }),
        },
        body,
      });
    const over = await post(createWith(MAX_BODY + 1));
    expect(over.status).toBe(413);
    expect(over.headers.connection).toBe('close');
    expect(json(over)).toEqual({
      error: { type: 'PayloadTooLarge', message: 'the request body is larger than 1 MiB' },
    });
    expect((await post(createWith(MAX_BODY + 1), true)).status).toBe(413);
    expect(s.mnemo.api.decks.list().decks).toEqual([]);
    const exact = await post(createWith(MAX_BODY), true);
    expect(exact.status).toBe(200);
    expect(s.mnemo.api.decks.list().decks.map((d) => d.name)).toEqual(['Big']);
  });

  it('declared too large: refused before the body (Expect: 100-continue), or at once past 64 MiB', async () => {
    const s = await appServer();
    const head = (length: number, extra = '') =>
      `POST /api/decks.create HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
    const expectContinue = await raw(s.port, head(MAX_BODY + 1, 'Expect: 100-continue\r\n'));
    expect(expectContinue).toMatch(/^HTTP\/1\.1 413 /);
    expect(expectContinue).not.toMatch(/100 Continue/);
    expect(expectContinue).toContain('"PayloadTooLarge"');
    const huge = await raw(s.port, head(65 << 20), '{"name":"X"');
    expect(huge).toMatch(/^HTTP\/1\.1 413 /);
    // Under the limit, Expect: 100-continue gets its 100 and then the answer.
    const body = '{"name":"Small"}';
    const ok = await raw(s.port, head(body.length, 'Expect: 100-continue\r\nConnection: close\r\n'), body);
    expect(ok).toMatch(/^HTTP\/1\.1 100 Continue/);
    expect(ok).toMatch(/HTTP\/1\.1 200 OK/);
    expect(s.mnemo.api.decks.list().decks.map((d) => d.name)).toEqual(['Small']);
  });
});
