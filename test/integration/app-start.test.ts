/**
 * Start-up: the app opens the collection and serves the first card before any background
 * work (the integrity check, the bundled decks' update, the day's backup) begins; that work
 * waits until the shell's screen is up and quiet (or, with no screen, for the start delay).
 */

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { startGate } from '../../core/app/start-gate.ts';
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
  it('serves the first card before the background work, which begins once the screen is up and quiet', async () => {
    const app = openApp(collectionWithCards(), '', {
      quietMs: 0,
      maxAfterScreenMs: HOUR,
      startDelayMs: HOUR,
    });
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

      app.screenActive();
      app.screenActive();
      expect(await app.checked).toEqual([]);
      await app.bundledUpdate;
      expect(app.mnemo.api.decks.bundledUpdate().pending).toBe(false);
      await expect.poll(() => app.mnemo.api.backups.list().length).toBe(1);
    } finally {
      await app.stop();
    }
  });

  it('with no screen at all (mnemo serve --no-open), the work begins after the start delay', async () => {
    const app = openApp(collectionWithCards(), '', {
      quietMs: HOUR,
      maxAfterScreenMs: HOUR,
      startDelayMs: 0,
    });
    try {
      expect(await app.checked).toEqual([]);
      await expect.poll(() => app.mnemo.api.backups.list().length).toBe(1);
    } finally {
      await app.stop();
    }
  });

  it('stopped before the work began (Ctrl+C right after the start): closes at once, runs none of it', async () => {
    const dataDir = collectionWithCards();
    const app = openApp(dataDir, '', { quietMs: HOUR, maxAfterScreenMs: HOUR, startDelayMs: HOUR });
    app.screenActive();
    await app.stop();
    // Checked, updated and backed up: nothing (the work is for a session that runs).
    expect(await app.checked).toEqual([]);
    expect(await app.bundledUpdate).toBeNull();
    expect(readdirSync(dataDir)).not.toContain('collection.sqlite-wal'); // closed cleanly
    const again = openApp(dataDir, '', { quietMs: HOUR, maxAfterScreenMs: HOUR, startDelayMs: HOUR }); // the lock released
    expect(again.mnemo.api.backups.list()).toEqual([]);
    await again.stop();
  });

  it('a busy screen postpones the work until it has been quiet for a moment', async () => {
    const gate = startGate({ quietMs: 1000, maxAfterScreenMs: HOUR, startDelayMs: 0 });
    let open = false;
    void gate.ready.then(() => {
      open = true;
    });
    gate.active(); // before the start delay ran out: a screen is up
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 25));
      gate.active();
    }
    expect(open).toBe(false);
    await gate.ready; // quiet now
  });

  it('a screen that never pauses still gets the work, at the latest maxAfterScreenMs after it showed', async () => {
    const gate = startGate({ quietMs: HOUR, maxAfterScreenMs: 0, startDelayMs: HOUR });
    gate.active();
    await gate.ready;
  });

  it('the browser-mode server reports each API call it answers, not pages or refused calls', async () => {
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
      onApiCall: () => calls++,
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
      expect(calls).toBe(2);
    } finally {
      server.close();
      server.closeAllConnections();
      m.close();
    }
  });
});
