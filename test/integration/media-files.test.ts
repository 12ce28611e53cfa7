import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemps, writeFileAtomic } from '../../core/compiler/atomic-write.ts';
import { isInside, MAX_IMAGE_BYTES, readDeckImage } from '../../core/compiler/deck-image.ts';
import { MEDIA_CSP, mediaHeaders, openMedia } from '../../core/compiler/media-file.ts';
import { tempDir } from '../helpers/collection.ts';
import { PNG } from '../helpers/hostile-deck.ts';

const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

describe('an image a card links', () => {
  it('is read when it is a real image inside the deck folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.png'), PNG);
    const r = readDeckImage(join(dir, 'a.png'), dir);
    expect(r).toEqual({ ok: true, bytes: PNG, type: { ext: 'png', mime: 'image/png' } });
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'a.png'), join(dir, 'sub', 'link.png'));
    expect(readDeckImage(join(dir, 'sub', 'link.png'), `${dir}/`).ok).toBe(true);
  });

  it('is refused, in words, when missing, looping, outside, a folder, a FIFO, too large, an SVG or not an image', () => {
    const base = tempDir();
    const dir = join(base, 'deck');
    mkdirSync(join(dir, 'folder.png'), { recursive: true });
    mkdirSync(join(base, 'deck2'));
    writeFileSync(join(base, 'deck2', 'out.png'), PNG);
    writeFileSync(join(dir, 'file.png'), PNG);
    symlinkSync(join(dir, 'loop.png'), join(dir, 'loop.png'));
    symlinkSync(join(base, 'deck2', 'out.png'), join(dir, 'escape.png'));
    execFileSync('mkfifo', [join(dir, 'fifo.png')]);
    writeFileSync(join(dir, 'pic.svg'), SVG);
    writeFileSync(join(dir, 'fake.png'), '<script>alert(1)</script>');
    const message = (name: string) => {
      const r = readDeckImage(join(dir, name), dir);
      return r.ok ? 'read' : r.message;
    };
    expect(message('missing.png')).toBe('not found');
    expect(message('file.png/x.png')).toBe('not found');
    expect(message('loop.png')).toBe('is a symlink loop');
    expect(message('escape.png')).toBe(`is outside the deck folder ${dir}: keep images inside it`);
    expect(message('../deck2/out.png')).toBe(`is outside the deck folder ${dir}: keep images inside it`);
    expect(message('folder.png')).toBe('is a folder, not an image file');
    expect(message('fifo.png')).toBe('is not a regular file (a device, FIFO or socket)');
    expect(message('pic.svg')).toBe(
      'is an SVG, which can carry scripts and is not accepted: export it as PNG',
    );
    expect(message('fake.png')).toBe(
      'is not a PNG, JPEG, GIF, WebP or AVIF image (judged by its content, not its name)',
    );
    expect(readDeckImage(join(dir, 'file.png'), join(base, 'missing')).ok).toBe(false);
  });

  it('an error without words of its own is named by its code; no descriptor is left open', () => {
    const dir = tempDir();
    const long = `${'a'.repeat(300)}.png`;
    expect(readDeckImage(join(dir, long), dir)).toEqual({
      ok: false,
      message: 'cannot be read (ENAMETOOLONG)',
    });
    writeFileSync(join(dir, 'a.png'), PNG);
    writeFileSync(join(dir, 'fake.png'), 'not an image');
    mkdirSync(join(dir, 'folder.png'));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 50; i++)
      for (const name of ['a.png', 'fake.png', 'folder.png', 'missing.png'])
        readDeckImage(join(dir, name), dir);
    expect(open()).toBe(before);
  });

  it('a socket in the deck folder: cannot be read, in words', async () => {
    const dir = tempDir();
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(dir, 'sock.png'), done));
    try {
      expect(readDeckImage(join(dir, 'sock.png'), dir)).toEqual({
        ok: false,
        message: 'cannot be read (ENXIO)',
      });
    } finally {
      server.close();
    }
  });

  it('may be 20 MB, not a byte more', () => {
    const dir = tempDir();
    const file = join(dir, 'big.png');
    writeFileSync(file, PNG);
    truncateSync(file, MAX_IMAGE_BYTES);
    const full = readDeckImage(file, dir);
    expect(full.ok && full.bytes.length).toBe(MAX_IMAGE_BYTES);
    truncateSync(file, MAX_IMAGE_BYTES + 1);
    expect(readDeckImage(file, dir)).toEqual({
      ok: false,
      message: 'is 20.0 MB; images may be at most 20 MB',
    });
    truncateSync(file, 25 * 1024 * 1024);
    expect(readDeckImage(file, dir)).toEqual({ ok: false, message: 'is 25 MB; images may be at most 20 MB' });
  });

  it('isInside: the folder, with or without a trailing slash, and never a sibling with a longer name', () => {
    expect(isInside('/d/deck', '/d/deck/a.png')).toBe(true);
    expect(isInside('/d/deck/', '/d/deck/a/b.png')).toBe(true);
    expect(isInside('/d/deck', '/d/deck2/a.png')).toBe(false);
    expect(isInside('/d/deck', '/d/deck')).toBe(false);
  });
});

describe('a media file as served', () => {
  it('only a plain name, only a regular file in the folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'A_b-1.png'), PNG);
    mkdirSync(join(dir, 'dir.png'));
    symlinkSync(join(dir, 'A_b-1.png'), join(dir, 'link.png'));
    execFileSync('mkfifo', [join(dir, 'fifo.png')]);
    const opened = openMedia(dir, 'A_b-1.png')!;
    expect(opened.size).toBe(PNG.length);
    expect(opened.headers['content-type']).toBe('image/png');
    for (const name of [
      '../A_b-1.png',
      '.hidden',
      'a/b.png',
      '',
      'dir.png',
      'link.png',
      'fifo.png',
      'missing.png',
    ]) {
      expect(openMedia(dir, name), name).toBeNull();
    }
  });

  it('a name that is not one plain segment is refused even when a file is there', () => {
    const base = tempDir();
    const dir = join(base, 'media');
    mkdirSync(join(dir, 'a'), { recursive: true });
    for (const file of [
      join(base, 'up.png'),
      join(dir, '.hidden'),
      join(dir, 'a', 'b.png'),
      join(dir, 'ok.png'),
    ])
      writeFileSync(file, PNG);
    expect(openMedia(dir, 'ok.png')).not.toBeNull();
    for (const name of ['../up.png', '.hidden', 'a/b.png', 'ok.png/', ' ok.png'])
      expect(openMedia(dir, name), name).toBeNull();
  });

  it('a file of any size is opened reading only its first bytes', () => {
    const dir = tempDir();
    const file = join(dir, 'huge.png');
    writeFileSync(file, PNG);
    truncateSync(file, 5 * 1024 ** 3); // sparse: 5 GB that take no room
    const opened = openMedia(dir, 'huge.png')!;
    expect(opened.size).toBe(5 * 1024 ** 3);
    expect(opened.headers['content-type']).toBe('image/png');
    closeSync(opened.fd);
  });

  it('headers: the image type from the bytes, or a download; always sandboxed and never sniffed or framed', () => {
    const always = {
      'content-security-policy': MEDIA_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
    };
    expect(mediaHeaders('a.png', PNG)).toEqual({ 'content-type': 'image/png', ...always });
    expect(mediaHeaders('a.txt', PNG)).toEqual({ 'content-type': 'image/png', ...always });
    expect(mediaHeaders('a.SVG', Buffer.from(SVG))).toEqual({ 'content-type': 'image/svg+xml', ...always });
    const download = {
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment',
      ...always,
    };
    expect(mediaHeaders('a.txt', Buffer.from(SVG))).toEqual(download);
    expect(mediaHeaders('a.svg', Buffer.from('<html>'))).toEqual(download);
    expect(mediaHeaders('a.png', Buffer.from('<script>'))).toEqual(download);
    expect(MEDIA_CSP).toMatch(/^sandbox;/);
  });
});

describe('atomic writes', () => {
  it('replace a file whole, keeping its exact mode and its symlink; no temporary file left', () => {
    const dir = tempDir();
    const file = join(dir, 'deck.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o666); // more than the umask lets a new file have
    writeFileAtomic(file, '新的 content');
    expect(readFileSync(file, 'utf8')).toBe('新的 content');
    expect(statSync(file).mode & 0o777).toBe(0o666);
    symlinkSync(file, join(dir, 'link.md'));
    writeFileAtomic(join(dir, 'link.md'), new Uint8Array([104, 105]));
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('hi');
    writeFileAtomic(join(dir, 'new.md'), '');
    expect(readFileSync(join(dir, 'new.md'), 'utf8')).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['deck.md', 'link.md', 'new.md']);
  });

  it('leave no descriptor open, written or failed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'folder.md'));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 50; i++) {
      writeFileAtomic(join(dir, 'deck.md'), `version ${i}`);
      expect(() => writeFileAtomic(join(dir, 'folder.md'), 'x')).toThrow();
    }
    expect(open()).toBe(before);
    expect(readFileSync(join(dir, 'deck.md'), 'utf8')).toBe('version 49');
  });

  it('leave nothing behind when the write fails', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'target.md'));
    expect(() => writeFileAtomic(join(dir, 'target.md'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['target.md']);
  });

  it('temporary files of processes that are gone are removed; a live process keeps its own', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const gone = Number(dead.stdout);
    const names = [
      `.deck.md.mnemo-tmp-${gone}`,
      `deck.md.mnemo-${gone}.tmp`,
      `.deck.md.mnemo-tmp-${process.pid}`,
      '.deck.md.mnemo-tmp-1',
      'deck.md',
      '.deck.md.mnemo-tmp-x',
    ];
    for (const n of names) writeFileSync(join(dir, n), 'x');
    expect(removeStaleTemps([dir, join(dir, 'missing')])).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(['.deck.md.mnemo-tmp-1', '.deck.md.mnemo-tmp-x', 'deck.md']);
    expect(existsSync(join(dir, 'deck.md'))).toBe(true);
  });
});
