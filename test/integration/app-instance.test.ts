import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mnemoCli, startServer } from '../e2e/harness.ts';
import { tempDir } from '../helpers/collection.ts';

const BIN = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));

interface Next {
  card: { id: number; fsrs: { reps: number } };
}

/** A deck folder big enough that compiling it holds the write lock for a while. */
function bigDeckFolder(files: number, cardsPerFile: number): string {
  const dir = join(tempDir(), 'decks');
  mkdirSync(dir);
  for (let f = 0; f < files; f++) {
    const lines = [`---\ndeck: Big::F${f}\n---`];
    for (let c = 0; c < cardsPerFile; c++) lines.push(`question ${f}-${c} about \`docker run\`::answer ${c}`);
    writeFileSync(join(dir, `f${f}.md`), `${lines.join('\n')}\n`);
  }
  return dir;
}

describe('the app and other processes on one data folder', () => {
  it('a second app is refused, saying who holds the folder; the lock goes when the holder is killed', async () => {
    const s = await startServer();
    const second = mnemoCli(['serve', '--no-open', '--port', '0', '--data', s.dataDir]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`^mnemo: Mnemo is already open on .*\\(process ${s.child.pid}, .*${s.origin}/\\)`),
    );
    // Reading commands run alongside.
    const stats = mnemoCli(['stats', '--json', '--data', s.dataDir]);
    expect(stats.status, stats.stderr).toBe(0);

    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGKILL'); // no exit handler runs: the OS drops the lock
    await exited;
    const third = await startServer(s.dataDir);
    expect(await third.api<Next | null>('review.next')).not.toBeNull();
    await third.stop(); // and removes the folder
  });

  it('a CLI compile while the app answers: both take turns and every answer is stored', async () => {
    const s = await startServer();
    try {
      const decks = bigDeckFolder(40, 150);
      const compile = spawn(process.execPath, [BIN, 'compile', decks, '--data', s.dataDir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let compileOut = '';
      compile.stderr.on('data', (c: Buffer) => {
        compileOut += c.toString();
      });
      const compiled = new Promise<number | null>((r) => compile.once('exit', r));
      let running = true;
      void compiled.then(() => {
        running = false;
      });
      const statuses: number[] = [];
      const acknowledged: string[] = [];
      // Answer every 50 ms while the compile runs (and a few after).
      for (let i = 0; i < 200 && (running || i < 5); i++) {
        const next = await s.api<Next | null>('review.next');
        // Today's cards can run out before a slow compile ends: what was answered is checked below.
        if (!next) break;
        const r = await fetch(`${s.origin}/api/review.answer`, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            cardId: next.card.id,
            rating: 3,
            durationMs: 500,
            seenReps: next.card.fsrs.reps,
          }),
        });
        statuses.push(r.status);
        if (r.ok) acknowledged.push(((await r.json()) as { reviewId: string }).reviewId);
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(await compiled, compileOut).toBe(0);
      expect(statuses.filter((x) => x !== 200)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(5);
      const today = await s.api<{ studied: number }>('stats.today');
      expect(today.studied).toBe(acknowledged.length);
      const list = await s.api<{ decks: { name: string; totalCards: number }[] }>('decks.list');
      expect(list.decks.find((d) => d.name === 'Big')?.totalCards).toBe(6000);
    } finally {
      await s.stop();
    }
  });
});
