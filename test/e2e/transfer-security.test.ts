/**
 * The two file routes of browser mode: POST /upload (a file for import) and GET /exports/<name>
 * (a finished export). Same token and Origin rules as the API; names, never paths.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, startServer } from './harness.ts';

let s: Served;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.stop();
});

/** A raw GET, so `..` and `%2e` reach the server as sent (fetch would fold them). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(s.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        headers: { authorization: `Bearer ${s.token}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const upload = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${s.origin}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/octet-stream', ...headers },
    body,
  });

describe('browser-mode file routes', () => {
  it('stores an upload under a fresh id, which import.preview then reads', async () => {
    const res = await upload('bridge,桥接\nhost,主机\n');
    expect(res.status).toBe(200);
    const { uploadId } = (await res.json()) as { uploadId: string };
    expect(uploadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(readdirSync(join(s.dataDir, 'imports'))).toEqual([uploadId]); // no partial left
    const preview = await s.api<{ notesAdded: number; dryRun: boolean }>('import.preview', {
      uploadId,
      fileName: 'x.csv',
    });
    expect(preview).toMatchObject({ notesAdded: 2, dryRun: true });
  });

  it('refuses uploads without the token, from a foreign Origin, or over GET', async () => {
    const before = existsSync(join(s.dataDir, 'imports'))
      ? readdirSync(join(s.dataDir, 'imports')).length
      : 0;
    expect((await fetch(`${s.origin}/upload`, { method: 'POST', body: 'x' })).status).toBe(401);
    expect((await upload('x', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rawGet('/upload')).status).toBe(405);
    const after = existsSync(join(s.dataDir, 'imports')) ? readdirSync(join(s.dataDir, 'imports')).length : 0;
    expect(after).toBe(before);
  });

  it('refuses an upload declared larger than 1 GiB before reading it (413), keeping nothing', async () => {
    const url = new URL(s.origin);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/upload',
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-length': String(2 ** 31) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.write('x'.repeat(1000)); // the start of a body that would never end
    });
    expect(status).toBe(413);
    expect(readdirSync(join(s.dataDir, 'imports')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('serves a finished export as an attachment, and nothing else from any folder', async () => {
    const { file } = await s.api<{ file: string }>('export.run', { format: 'csv' });
    const ok = await rawGet(`/exports/${encodeURIComponent(file)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(file)}`,
    );
    expect(ok.headers['content-type']).toBe('application/octet-stream');
    expect(ok.headers['content-security-policy']).toBe('sandbox');
    expect(ok.body).toMatch(/^#separator:Comma/);

    const exports = join(s.dataDir, 'exports');
    writeFileSync(join(s.dataDir, 'secret.txt'), 'TOP-SECRET-CONTENT');
    symlinkSync(join(s.dataDir, 'collection.sqlite'), join(exports, 'link.apkg'));
    mkdirSync(join(exports, 'folder.apkg'));
    for (const path of [
      '/exports/..%2Fcollection.sqlite',
      '/exports/%2e%2e%2fsecret.txt',
      '/exports/../secret.txt',
      '/exports/link.apkg',
      '/exports/folder.apkg',
      '/exports/.hidden',
      '/exports/nope.apkg',
      '/exports/%E0%A4%A',
    ]) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/TOP-SECRET-CONTENT|SQLite format/);
    }
    expect(
      (await rawGet(`/exports/${encodeURIComponent(file)}`, { authorization: 'Bearer wrong' })).status,
    ).toBe(401);
  });
});
