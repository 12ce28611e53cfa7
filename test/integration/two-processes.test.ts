import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type MnemoError, openMnemo } from '../../core/index.ts';
import { acquireInstanceLock } from '../../core/store/instance-lock.ts';
import { addBasicCards, checksum, tempDir, tempMnemo } from '../helpers/collection.ts';

const holder = fileURLToPath(new URL('../fixtures/hold-write-lock.cjs', import.meta.url));

/** Starts a second process that holds the write lock for `ms`; resolves once it holds it. */
function otherWriter(path: string, ms: number): Promise<{ exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [holder, path, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ exited }));
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

describe('two processes on one collection', () => {
  it('an answer waits for another process to finish writing, then is stored (BEGIN IMMEDIATE)', async () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const cards = addBasicCards(m, deckId, 3);
    // Read first, as the app does before the user answers: a deferred transaction would now
    // hold an old snapshot and fail with "database is locked" once the other writer commits.
    m.api.review.next({});
    const { exited } = await otherWriter(m.col.path, 800);
    const started = Date.now();
    const r = m.api.review.answer({ cardId: cards[0]!, rating: 3, durationMs: 1000 });
    expect(Date.now() - started).toBeGreaterThan(300); // it waited its turn…
    expect(await exited).toBe(0);
    expect(r.reviewId).toBeTruthy(); // …and was stored
    expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(1);
    m.close();
  });

  it('settings, presets and the new-card position written by another process are never served stale', () => {
    const dir = tempDir();
    const app = openMnemo({ dataDir: dir });
    const cli = openMnemo({ dataDir: dir }); // another connection: to SQLite, another process
    const { id: deckId } = app.api.decks.create({ name: 'D' });
    expect(app.api.settings.get().dayStartHour).toBe(4); // now cached
    const presetId = app.api.presets.list()[0]!.id;
    expect(app.api.presets.get({ presetId }).newPerDay).toBe(20); // cached too
    addBasicCards(app, deckId, 2, 'app');

    cli.api.settings.update({ dayStartHour: 6 });
    cli.api.presets.update({ presetId, newPerDay: 5 });
    addBasicCards(cli, deckId, 2, 'cli');

    expect(app.api.settings.get().dayStartHour).toBe(6);
    expect(app.api.presets.get({ presetId }).newPerDay).toBe(5);
    addBasicCards(app, deckId, 1, 'again');
    const positions = app.col.db
      .prepare('SELECT new_position FROM cards ORDER BY id')
      .pluck()
      .all() as number[];
    expect(new Set(positions).size).toBe(positions.length); // no position handed out twice
    expect(app.api.review.counts({ deckId }).counts.new).toBe(5);
    cli.close();
    app.close();
  });

  it('refuses an answer to a card that changed since it was shown, and counts it once', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const [cardId] = addBasicCards(m, deckId, 1);
    const shown = m.api.review.next({})!; // two windows show the same card
    const seenReps = shown.card.fsrs.reps;
    m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1000, seenReps });
    const before = checksum(m.col.db);
    expect(() => m.api.review.answer({ cardId: cardId!, rating: 1, durationMs: 900, seenReps })).toThrow(
      expect.objectContaining({
        type: 'Conflict',
        message: expect.stringMatching(/changed since it was shown/),
      }),
    );
    expect(checksum(m.col.db)).toBe(before);
    expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(1);
    // Without the statement, scripts keep working as before.
    m.clock.advance(60_000);
    expect(m.api.review.answer({ cardId: cardId!, rating: 3, durationMs: 1 }).reviewId).toBeTruthy();
    m.close();
  });

  it('one app per data folder: a second is refused with who holds it, released when the holder dies', async () => {
    const dir = tempDir();
    const first = acquireInstanceLock(dir, 'http://127.0.0.1:1234/');
    let refusal: MnemoError | undefined;
    try {
      acquireInstanceLock(dir);
    } catch (e) {
      refusal = e as MnemoError;
    }
    expect(refusal?.type).toBe('Conflict');
    expect(refusal?.message).toMatch(/already open .*process \d+.*127\.0\.0\.1:1234/);
    first.release();
    acquireInstanceLock(dir).release(); // free again once released
  });
});
