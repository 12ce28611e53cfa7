import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from '../helpers/hostile-deck.ts';
import { type Served, startServer } from './harness.ts';

let s: Served;
beforeAll(async () => {
  s = await startServer();
  // What an older Mnemo (or anyone able to write the data folder) may have left in media/.
  const media = join(s.dataDir, 'media');
  mkdirSync(media, { recursive: true });
  writeFileSync(join(media, 'a.png'), PNG);
  writeFileSync(join(media, 'renamed.js'), PNG);
  writeFileSync(join(media, 'fake.png'), '<script>alert(1)</script>');
  writeFileSync(join(media, 'page.html'), '<script>fetch("/api/cards.reset")</script>');
  writeFileSync(join(media, 'e.js'), 'fetch("/api/cards.reset")');
  writeFileSync(
    join(media, 'pic.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  symlinkSync(join(media, 'a.png'), join(media, 'link.png'));
  symlinkSync('/etc/passwd', join(media, 'passwd.png'));
  mkdirSync(join(media, 'folder.png'));
  execFileSync('mkfifo', [join(media, 'fifo.png')]);
});
afterAll(async () => {
  await s?.stop();
});

/** A raw GET (fetch would fold dot segments), with the token. */
async function get(path: string) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      const req = request(
        `${s.origin}/`,
        { path, headers: { authorization: `Bearer ${s.token}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('/media/ never serves a page that runs with the app origin (issue 7)', () => {
  it('serves real images with their type, sandboxed and nosniff', async () => {
    for (const path of ['/media/a.png', '/media/renamed.js']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.headers['content-security-policy']).toMatch(/^sandbox;/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-disposition']).toBeUndefined();
    }
  });

  it('anything that is not an allowed image is a download, never text/html or text/javascript', async () => {
    for (const path of ['/media/fake.png', '/media/page.html', '/media/e.js']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe('application/octet-stream');
      expect(r.headers['content-disposition'], path).toBe('attachment');
      expect(r.headers['content-security-policy'], path).toMatch(/^sandbox;/);
      expect(r.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('an SVG is an image, but sandboxed: opened on its own its scripts cannot run', async () => {
    const r = await get('/media/pic.svg');
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers['content-security-policy']).toMatch(/^sandbox;.*default-src 'none'/);
  });

  it('follows no symlink and serves no folder, FIFO or path out of media/', async () => {
    for (const path of [
      '/media/link.png',
      '/media/passwd.png',
      '/media/folder.png',
      '/media/fifo.png',
      '/media/%2e%2e/collection.sqlite',
      '/media/..%2Fcollection.sqlite',
      '/media/%252e%252e/collection.sqlite',
      '/media/.hidden',
      '/media/',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});
