/**
 * Start-up: the app opens the collection and serves the first card before any background
 * work (the integrity check, the bundled decks' update, the day's backup) begins; that work
 * waits for the shell's first screen (or, with no screen, for the start delay).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { openMnemo } from '../../core/index.ts';
import { createAppServer } from '../../server/http-server.ts';
import { addBasicCards, tempDir } from '../helpers/collection.ts';

const HOUR = 3_600_000;

/** A data folder whose collection has a deck with cards to study (and no backup yet). */
function collectionWithCards(): string {
  const dataDir = tempDir();
  const m = openMnemo({ dataDir });
  addBasicCards(m, m.api.decks.create({ name: 'Start' }).id, 5);
  m.close();
  return dataDir;
}

/** Settles once the event loop has turned a few times (the background work, if started, would run). */
const turns = () => new Promise((r) => setTimeout(r, 50));

describe('start-up', () => {
  it('serves the first card before the background work, which begins once the first screen is up', async () => {
    const app = openApp(collectionWithCards(), '', { afterFirstScreenMs: 0, startDelayMs: HOUR });
    try {
      let checked = false;
      void app.checked.then(() => {
        checked = true;
      });
      const next = app.mnemo.api.review.next({});
      expect(next?.card.id).toBeGreaterThan(0);
      await turns();
      expect(checked).toBe(false);
      expect(app.mnemo.api.decks.bundledUpdate().pending).toBe(true);
      expect(app.mnemo.api.backups.list()).toEqual([]);

      app.firstScreenShown();
      app.firstScreenShown(); // a second signal changes nothing
      expect(await app.checked).toEqual([]);
      await app.bundledUpdate;
      expect(app.mnemo.api.decks.bundledUpdate().pending).toBe(false);
      await expect.poll(() => app.mnemo.api.backups.list().length).toBe(1);
    } finally {
      await app.stop();
    }
  });

  it('with no screen at all (mnemo serve --no-open), the work begins after the start delay', async () => {
    const app = openApp(collectionWithCards(), '', { afterFirstScreenMs: HOUR, startDelayMs: 0 });
    try {
      expect(await app.checked).toEqual([]);
      await expect.poll(() => app.mnemo.api.backups.list().length).toBe(1);
    } finally {
      await app.stop();
    }
  });

  it('the browser-mode server says when the first API call is answered, once', async () => {
    const dataDir = collectionWithCards();
    const staticDir = join(dataDir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const m = openMnemo({ dataDir });
    let calls = 0;
    const server = createAppServer({
      api: m.api,
      token: 'secret-token',
      staticDir,
      mediaDir: join(dataDir, 'media'),
      dataDir,
      host: '127.0.0.1',
      port: 0,
      onFirstApiCall: () => calls++,
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = (method: string, token = 'secret-token') =>
      fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    try {
      expect((await fetch(`${origin}/`, { headers: { authorization: 'Bearer secret-token' } })).status).toBe(
        200,
      );
      expect((await call('decks.list', 'wrong-token-value')).status).toBe(401);
      expect((await call('no.suchMethod')).status).toBe(404);
      expect(calls).toBe(0); // a page, a refused call and a failed one are not the screen's data
      expect((await call('decks.list')).status).toBe(200);
      expect(calls).toBe(1);
      expect((await call('review.next')).status).toBe(200);
      expect(calls).toBe(1);
    } finally {
      server.close();
      server.closeAllConnections();
      m.close();
    }
  });
});
