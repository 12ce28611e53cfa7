/**
 * A real sync engine in the loop: the two devices' sync folders are two clones of a bare Git
 * repository on disk; each commits its files, pulls with --rebase and pushes. Each device
 * writes only its own files, so the rebase never meets a conflict.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/collection.ts';
import { type Device, deckTemplate, makeDevice, snapshot, writeDeck } from '../helpers/sync-devices.ts';

const hasGit = spawnSync('git', ['--version']).status === 0;
const open: Device[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.mnemo.close();
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Mnemo test', '-c', 'user.email=test@mnemo.invalid', ...args], {
    cwd,
    stdio: 'pipe',
  }).toString();

/** What a user's script (or a Git sync plugin) does: commit, pull --rebase, push. */
function gitSync(folder: string): void {
  git(folder, 'add', '-A');
  if (git(folder, 'status', '--porcelain').trim() !== '') git(folder, 'commit', '-q', '-m', 'mnemo');
  git(folder, 'pull', '-q', '--rebase');
  git(folder, 'push', '-q');
}

describe.skipIf(!hasGit)('sync through Git clones of one bare repository', () => {
  it('two devices reviewing alternately and concurrently converge', () => {
    const root = tempDir();
    const bare = join(root, 'history.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    const seedRepo = join(root, 'seed');
    execFileSync('git', ['clone', '-q', bare, seedRepo], { stdio: 'pipe' });
    git(seedRepo, 'commit', '-q', '--allow-empty', '-m', 'start');
    git(seedRepo, 'push', '-q', 'origin', 'HEAD:main');
    const [ca, cb] = [join(root, 'a'), join(root, 'b')];
    for (const c of [ca, cb]) execFileSync('git', ['clone', '-q', bare, c], { stdio: 'pipe' });
    const decks = writeDeck(tempDir(), 8);
    const template = deckTemplate(decks);
    const a = makeDevice(decks, ca, undefined, template);
    const b = makeDevice(decks, cb, undefined, template);
    open.push(a, b);
    const round = (d: Device) => {
      d.sync();
      gitSync(d.folder);
      d.sync();
    };
    // Alternately: a reviews, syncs; b picks it up, reviews, syncs.
    for (let i = 0; i < 4; i++) {
      for (const d of [a, b]) {
        d.clock.advance(3 * 3600_000);
        d.mnemo.api.review.answer({ cardId: d.card(i), rating: 3, durationMs: 2000 });
        round(d);
      }
    }
    // Concurrently: both answer the same cards offline, both commit before either pulls.
    for (const d of [a, b]) {
      d.clock.advance(86_400_000);
      for (const n of [0, 1, 5])
        d.mnemo.api.review.answer({ cardId: d.card(n), rating: d === a ? 3 : 1, durationMs: 1000 });
      d.mnemo.api.cards.suspend({ cardIds: [d.card(d === a ? 6 : 7)] });
      d.sync();
      git(d.folder, 'add', '-A');
      git(d.folder, 'commit', '-q', '-m', 'offline');
    }
    for (const d of [a, b, a]) round(d);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a).log).toHaveLength(8 + 6);
    expect(git(a.folder, 'log', '--oneline').split('\n').length).toBeGreaterThan(8);
  });
});
