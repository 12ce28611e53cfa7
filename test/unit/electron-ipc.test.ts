import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appFile, forwardCall, mediaResponse, RENDERER_METHODS } from '../../electron/ipc.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';
import { PNG } from '../helpers/hostile-deck.ts';

describe('Electron IPC forwarding (the main process without Electron)', () => {
  it('forwards calls from our own page to the service API, with the same validation', async () => {
    const m = tempMnemo();
    m.api.decks.create({ name: 'D' });
    const reply = await forwardCall(m.api, true, 'app://mnemo/index.html', 'decks.list', {});
    expect(reply.ok && (reply.result as { decks: unknown[] }).decks).toHaveLength(1);
    expect(
      forwardCall(m.api, true, 'app://mnemo/index.html', 'review.answer', {
        cardId: 1,
        rating: 9,
        durationMs: 1,
      }),
    ).toMatchObject({
      ok: false,
      error: { type: 'InvalidArgument' },
    });
    expect(forwardCall(m.api, true, 'app://mnemo/', 'no.such', {})).toMatchObject({
      ok: false,
      error: { type: 'NotFound' },
    });
    expect(forwardCall(m.api, true, 'app://mnemo/', 'review.next', {})).toEqual({ ok: true, result: null });
  });

  it('forwards only the methods the renderer calls: exactly those named in renderer/src', () => {
    const m = tempMnemo();
    const called = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(e.name)) {
          for (const [, name] of readFileSync(full, 'utf8').matchAll(/'([a-z]+\.[A-Za-z]+)'/g)) {
            const [group, fn] = name!.split('.') as [string, string];
            const g = (m.api as unknown as Record<string, Record<string, unknown>>)[group];
            if (g && Object.hasOwn(g, fn)) called.add(name!);
          }
        }
      }
    };
    walk(fileURLToPath(new URL('../../renderer/src', import.meta.url)));
    expect([...RENDERER_METHODS].sort()).toEqual([...called].sort());
    // Methods the page never needs are refused, though the service has them.
    for (const method of ['notes.add', 'decks.create', 'presets.get', 'cards.unbury']) {
      expect(forwardCall(m.api, true, 'app://mnemo/index.html', method, {}), method).toMatchObject({
        ok: false,
        error: { type: 'NotFound' },
      });
    }
    // decks.compile is forwarded, but reads only registered deck folders.
    expect(
      forwardCall(m.api, true, 'app://mnemo/index.html', 'decks.compile', { paths: ['/etc'] }),
    ).toMatchObject({
      ok: false,
      error: {
        type: 'InvalidArgument',
        message: expect.stringMatching(/^\/etc is not inside a deck folder/),
      },
    });
  });

  it('refuses other windows and other pages', () => {
    const m = tempMnemo();
    for (const [own, url] of [
      [false, 'app://mnemo/index.html'],
      [true, 'https://evil.example/'],
      [true, 'file:///etc/passwd'],
      [true, 'app://mnemo.evil/index.html'],
    ] as const) {
      expect(forwardCall(m.api, own, url, 'decks.list', {})).toMatchObject({
        ok: false,
        error: { type: 'Unauthorized' },
      });
    }
  });

  it('maps app:// URLs into the renderer folder (real paths) and media names, never outside them', () => {
    const dir = tempDir();
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    writeFileSync(join(renderer, 'assets', 'a.js'), '');
    writeFileSync(join(dir, 'secret'), 'outside');
    symlinkSync(join(dir, 'secret'), join(renderer, 'assets', 'out.js'));
    expect(appFile('app://mnemo/', renderer)).toEqual({ renderer: join(renderer, 'index.html') });
    expect(appFile('app://mnemo/assets/a.js', renderer)).toEqual({
      renderer: join(renderer, 'assets', 'a.js'),
    });
    expect(appFile('app://mnemo/media/x.png', renderer)).toEqual({ media: 'x.png' });
    for (const url of [
      // Decoded once to a literal %2e%2e, which a string-built file:// URL would decode to '..'.
      'app://mnemo/media/%252e%252e/%252e%252e/secret',
      'app://mnemo/%252e%252e/secret',
      'app://mnemo/media/..%2F..%2Fsecret',
      'app://mnemo/media/sub%2Fx.png',
      'app://mnemo/..%2Fsecret',
      'app://mnemo/assets/..%5C..%5Csecret',
      'app://mnemo/%E0%A4%A',
      'app://mnemo/assets/out.js', // a symlink out of the folder
      'app://mnemo/missing.js',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(appFile(url, renderer), url).toBeNull();
    }
  });

  it('serves app:// media as /media/ is served: images sandboxed, the rest a download, no symlinks', async () => {
    const media = tempDir();
    writeFileSync(join(media, 'a.png'), PNG);
    writeFileSync(join(media, 'page.html'), '<script>alert(1)</script>');
    symlinkSync(join(media, 'a.png'), join(media, 'link.png'));
    const png = mediaResponse(media, 'a.png');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);
    const html = mediaResponse(media, 'page.html');
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toBe('attachment');
    await html.body?.cancel();
    expect(mediaResponse(media, 'link.png').status).toBe(404);
    expect(mediaResponse(media, '..').status).toBe(404);
  });
});
