import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportFile,
  exportsDir,
  importsDir,
  MAX_UPLOAD,
  pruneExports,
  uploadFromFile,
} from '../../server/transfer.ts';
import { appServer } from '../helpers/app-server.ts';
import { tempDir } from '../helpers/collection.ts';
import { PNG } from '../helpers/hostile-deck.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const twoDaysAgo = () => new Date(Date.now() - 2 * 86_400_000);

describe('the built renderer', () => {
  it('is served with its type, caching by folder, and the page CSP; HEAD sends no body', async () => {
    const s = await appServer();
    const page = await s.request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<!doctype html><div id="root"></div>');
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'; .*script-src 'self'/);
    const js = await s.request({ path: '/assets/app.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('max-age=31536000, immutable');
    expect(js.body).toBe('console.log(1)');
    expect((await s.request({ path: '/assets/app.css' })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await s.request({ path: '/favicon.weird' })).headers['content-type']).toBe(
      'application/octet-stream',
    );
    const head = await s.request({ method: 'HEAD', path: '/index.html' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(head.body).toBe('');
  });

  it('nothing outside its folder, however the path is written; no other methods', async () => {
    const s = await appServer();
    writeFileSync(join(s.staticDir, '..', 'secret.txt'), 'secret');
    for (const path of [
      '/missing.js',
      '/assets',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%E0%A4%A',
    ]) {
      const res = await s.request({ path });
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.body).error.type).toBe('NotFound');
    }
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await s.request({ method, path: '/index.html' });
      expect(res.status, method).toBe(405);
      expect(JSON.parse(res.body).error.message).toBe('method not allowed');
    }
  });

  it('a file it cannot read (over the 2 GiB a read holds) is a 404 as one not there, the server still up', async () => {
    const s = await appServer();
    // Sparse: no disk used. Read whole as the renderer's files are, it throws before reading.
    const huge = join(s.staticDir, 'assets', 'huge.js');
    writeFileSync(huge, '');
    truncateSync(huge, 2 ** 31 + 1);
    const res = await s.request({ path: '/assets/huge.js' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error).toEqual({
      type: 'NotFound',
      message: 'no such file: /assets/huge.js',
    });
    expect((await s.request({ path: '/assets/app.js' })).body).toBe('console.log(1)');
  });
});

describe('/media/', () => {
  it('serves images by their bytes, sandboxed; anything else as a download; never a symlink', async () => {
    const s = await appServer();
    writeFileSync(join(s.mediaDir, 'a.png'), PNG);
    writeFileSync(join(s.mediaDir, 'page.html'), '<script>alert(1)</script>');
    symlinkSync(join(s.mediaDir, 'a.png'), join(s.mediaDir, 'link.png'));
    const png = await s.request({ path: '/media/a.png' });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-length']).toBe(String(PNG.length));
    expect(png.headers['content-security-policy']).toMatch(/^sandbox;/);
    const head = await s.request({ method: 'HEAD', path: '/media/a.png' });
    expect([head.status, head.body, head.headers['content-type']]).toEqual([200, '', 'image/png']);
    const html = await s.request({ path: '/media/page.html' });
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toBe('attachment');
    for (const path of ['/media/link.png', '/media/missing.png', '/media/%E0%A4%A', '/media/..%2Fa.png']) {
      expect((await s.request({ path })).status, path).toBe(404);
    }
  });
});

describe('uploads for import', () => {
  it('POST /upload stores the body under a new id in imports/, nothing else left; old uploads are pruned', async () => {
    const s = await appServer();
    const imports = importsDir(s.mnemo.dataDir);
    mkdirSync(imports, { recursive: true });
    writeFileSync(join(imports, 'stale'), 'x');
    utimesSync(join(imports, 'stale'), twoDaysAgo(), twoDaysAgo());
    writeFileSync(join(imports, 'recent'), 'x');
    const body = Buffer.concat([Buffer.from('front,back\n'), Buffer.alloc(3 << 20, 'a')]); // over the API's 1 MiB
    const res = await s.request({ method: 'POST', path: '/upload', body });
    expect(res.status).toBe(200);
    const { uploadId } = JSON.parse(res.body);
    expect(uploadId).toMatch(UUID);
    expect(readFileSync(join(imports, uploadId)).equals(body)).toBe(true);
    expect(readdirSync(imports).sort()).toEqual(['recent', uploadId].sort());
    const second = JSON.parse(
      (await s.request({ method: 'POST', path: '/upload', body: 'x' })).body,
    ).uploadId;
    expect(second).not.toBe(uploadId);
  });

  it('refuses GET, and a declared size over the limit before storing anything', async () => {
    const s = await appServer();
    const get = await s.request({ path: '/upload' });
    expect(get.status).toBe(405);
    expect(JSON.parse(get.body).error.message).toBe('use POST to upload a file');
    const big = await s.request({
      method: 'POST',
      path: '/upload',
      headers: { 'content-length': String(MAX_UPLOAD + 1), expect: '100-continue' },
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toEqual({
      type: 'PayloadTooLarge',
      message: 'the file is larger than 1024 MiB',
    });
    expect(readdirSync(importsDir(s.mnemo.dataDir))).toEqual([]);
  });

  it("Electron's way: a picked file copied in under a new id; not a folder", () => {
    const data = tempDir();
    const file = join(tempDir(), 'words.csv');
    writeFileSync(file, 'q,a\n');
    const id = uploadFromFile(data, file);
    expect(id).toMatch(UUID);
    expect(readFileSync(join(importsDir(data), id), 'utf8')).toBe('q,a\n');
    expect(readdirSync(importsDir(data))).toEqual([id]);
    expect(() => uploadFromFile(data, tempDir())).toThrow(/is not a file/);
  });
});

describe('/exports/', () => {
  it('downloads a finished export as an attachment named as written; HEAD sends no body', async () => {
    const s = await appServer();
    const dir = exportsDir(s.mnemo.dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Docker 牌组.zip'), 'PK-zip-bytes');
    const res = await s.request({ path: `/exports/${encodeURIComponent('Docker 牌组.zip')}` });
    expect(res.status).toBe(200);
    expect(res.body).toBe('PK-zip-bytes');
    expect(res.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': '12',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Docker 牌组.zip')}`,
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    const head = await s.request({ method: 'HEAD', path: '/exports/Docker%20%E7%89%8C%E7%BB%84.zip' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '12']);
  });

  it('serves nothing else: hidden, unfinished, outside, linked or missing', async () => {
    const s = await appServer();
    const dir = exportsDir(s.mnemo.dataDir);
    mkdirSync(join(dir, 'folder'), { recursive: true });
    writeFileSync(join(dir, '.hidden'), 'x');
    writeFileSync(join(dir, 'half.zip.tmp'), 'x');
    symlinkSync(join(s.mnemo.dataDir, 'collection.sqlite'), join(dir, 'link.zip'));
    for (const name of [
      '.hidden',
      'half.zip.tmp',
      'link.zip',
      'folder',
      'missing.zip',
      '%E0%A4%A',
      '..%2Fcollection.sqlite',
    ]) {
      const res = await s.request({ path: `/exports/${name}` });
      expect(res.status, name).toBe(404);
      expect(JSON.parse(res.body).error.type).toBe('NotFound');
    }
    for (const name of [
      '.hidden',
      'half.zip.tmp',
      'link.zip',
      'folder',
      'missing.zip',
      '../collection.sqlite',
      'a/b',
    ]) {
      expect(exportFile(s.mnemo.dataDir, name), name).toBeNull();
    }
    writeFileSync(join(dir, 'ok.csv'), 'x');
    expect(exportFile(s.mnemo.dataDir, 'ok.csv')).toBe(join(dir, 'ok.csv'));
  });

  it('old exports are pruned at startup, recent ones kept', () => {
    const data = tempDir();
    const dir = exportsDir(data);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'old.zip'), 'x');
    utimesSync(join(dir, 'old.zip'), twoDaysAgo(), twoDaysAgo());
    writeFileSync(join(dir, 'new.zip'), 'x');
    pruneExports(data);
    expect(readdirSync(dir)).toEqual(['new.zip']);
    pruneExports(tempDir()); // no exports folder: nothing to do
    expect(existsSync(join(dir, 'new.zip'))).toBe(true);
  });
});
