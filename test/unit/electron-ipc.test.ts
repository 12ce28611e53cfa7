import { describe, expect, it } from 'vitest';
import { appFile, forwardCall } from '../../electron/ipc.ts';
import { tempMnemo } from '../helpers/collection.ts';

describe('Electron IPC forwarding (the main process without Electron)', () => {
  it('forwards calls from our own page to the service API, with the same validation', () => {
    const m = tempMnemo();
    m.api.decks.create({ name: 'D' });
    const reply = forwardCall(m.api, true, 'app://mnemo/index.html', 'decks.list', {});
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

  it('maps app:// URLs into the renderer and media folders, never outside them', () => {
    expect(appFile('app://mnemo/', '/app/out/renderer', '/data/media')).toBe('/app/out/renderer/index.html');
    expect(appFile('app://mnemo/assets/a.js', '/app/out/renderer', '/data/media')).toBe(
      '/app/out/renderer/assets/a.js',
    );
    expect(appFile('app://mnemo/media/x.png', '/app/out/renderer', '/data/media')).toBe('/data/media/x.png');
    expect(appFile('app://mnemo/media/..%2F..%2Fetc%2Fpasswd', '/r', '/data/media')).toBeNull();
    // URL parsing already folds dot segments: this one stays inside the renderer folder.
    expect(appFile('app://mnemo/%2e%2e/%2e%2e/etc/passwd', '/r', '/m')).toBe('/r/etc/passwd');
  });
});
