/**
 * A large first compile reads its files on a second thread while it stores the files before
 * them (core/compiler/first-compile.ts). It must store exactly what the general compile
 * stores (every row of every table, ids, positions, digests and summaries included), and
 * leave anything out of the plain case (errors, ids written twice, images, a small load) to
 * the general compile, changing nothing itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { collectDeckFiles, deckFromPath } from '../../core/compiler/files.ts';
import { FIRST_COMPILE_BYTES, firstCompile, isFirstCompile } from '../../core/compiler/first-compile.ts';
import { ParseAhead } from '../../core/compiler/parse-thread.ts';
import { readSourceRows } from '../../core/compiler/source-rows.ts';
import type { Mnemo } from '../../core/index.ts';
import { BULK_NOTES } from '../../core/store/summaries.ts';
import { tempDir, tempMnemo, typedRows } from '../helpers/collection.ts';

const FILES = 6;
const PER_FILE = Math.ceil((BULK_NOTES * 1.3) / FILES);

/** Basic, two-way and cloze cards, headings, ids (one carrying a guid), two decks, CRLF in one file. */
function deckFolder(): string {
  const dir = tempDir();
  for (let f = 0; f < FILES; f++) {
    const cards: string[] = [];
    for (let i = 0; i < PER_FILE; i++) {
      const n = f * PER_FILE + i;
      if (i % 100 === 0) cards.push(`## Part ${i / 100}`);
      if (n === 7) cards.push('What carries a guid?::this id ^id-0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6');
      else if (n % 5 === 0) cards.push(`Port of service ${n}:::${1000 + n} ^id-svc-${n}`);
      else if (n % 7 === 0) cards.push(`Service ${n} listens on ==port ${n}== over {{c2::tcp}}.`);
      else cards.push(`Question ${n}?\n?\n\`\`\`sh\nrun ${n}\n\nwait\n\`\`\`\nAnswer ${n}, *with* 中文 ${n}`);
    }
    const front = f % 2 ? `---\ndeck: Net::Services\ntags: [net, s${f}]\n---\n` : '';
    const text = `${front}# File ${f}\n\n${cards.join('\n\n')}\n`;
    writeFileSync(join(dir, `f${f}.md`), f === 3 ? text.replace(/\n/g, '\r\n') : text);
  }
  return dir;
}

/** Every row of every table; a guid drawn at random is left out (the one an id carries is kept). */
function rows(m: Mnemo) {
  return typedRows(m.col.db, {
    skip: /^(settings|presets)$/,
    map: (table, cols, row) => {
      if (table !== 'notes') return row;
      const at = 2 * cols.indexOf('guid') + 1;
      const out = [...row];
      if (!String(out[at]).startsWith('0192d3c4')) out[at] = 'random';
      return out;
    },
  });
}

function firstOf(m: Mnemo, dir: string) {
  const { files } = collectDeckFiles([dir]);
  return firstCompile(
    m.col,
    files,
    (f) => deckFromPath(f, [dir]),
    (f) => f,
  );
}

describe('a first compile on two threads', () => {
  it('stores every row the general compile stores, and recompiles as it does', () => {
    const dir = deckFolder();
    const general = tempMnemo();
    const report = compileDecks(general.col, [dir]);
    expect(report.totals.added).toBeGreaterThan(BULK_NOTES);

    const two = tempMnemo();
    const first = firstOf(two, dir);
    expect(first).not.toBeNull();
    expect(first!.reports.reduce((n, r) => n + r.added, 0)).toBe(report.totals.added);
    expect(first!.reports.reduce((n, r) => n + r.cardsAdded, 0)).toBe(report.totals.cardsAdded);
    expect(first!.decksCreated).toEqual(report.decksCreated);
    expect(rows(two)).toEqual(rows(general));
    expect(two.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(two.col.db.prepare("SELECT guid FROM notes WHERE source_id LIKE '0192%'").pluck().get()).toBe(
      '0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6',
    );

    // The same edit recompiled in both: read in part from the digests the first compile stored.
    const f2 = join(dir, 'f2.md');
    writeFileSync(f2, `Added at the top?::yes\n\n${readFileSync(f2, 'utf8')}`);
    const a = compileDecks(general.col, [dir]);
    const b = compileDecks(two.col, [dir]);
    expect(b.totals).toEqual(a.totals);
    expect(b.totals).toMatchObject({ added: 1, unchanged: report.totals.added });
    expect(rows(two)).toEqual(rows(general));
  });

  it('changes nothing and leaves to the general compile what is not plain', () => {
    const cases: [string, (dir: string) => void][] = [
      ['an error', (dir) => writeFileSync(join(dir, 'f4.md'), 'front with no back::\n')],
      ['an id twice', (dir) => writeFileSync(join(dir, 'f4.md'), 'Again?::yes ^id-svc-0\n')],
      ['an image', (dir) => writeFileSync(join(dir, 'f4.md'), 'Which logo?::![logo](logo.png)\n')],
    ];
    for (const [, spoil] of cases) {
      const dir = deckFolder();
      spoil(dir);
      const m = tempMnemo();
      const before = rows(m);
      expect(firstOf(m, dir)).toBeNull();
      expect(rows(m)).toEqual(before);
      // New-card positions handed out before the rollback are not skipped afterwards.
      const report = compileDecks(m.col, [dir], { keepGoing: true });
      expect(m.col.db.prepare('SELECT min(new_position) FROM cards').pluck().get()).toBe(1);
      expect(report.applied).toBe(true);
    }
    // Too few notes to load in bulk: indexed for search now, as the general compile does.
    const small = tempDir();
    writeFileSync(join(small, 'a.md'), 'One?::1\n\nTwo?::2\n');
    const m = tempMnemo();
    expect(firstOf(m, small)).toBeNull();
    expect(m.col.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
  });

  it('is taken only for a collection with nothing compiled, enough text to share out, and no transaction around it', () => {
    const dir = deckFolder();
    const big = join(dir, 'big.md');
    writeFileSync(big, `Big?::${'x'.repeat(FIRST_COMPILE_BYTES)}\n`);
    const m = tempMnemo();
    expect(isFirstCompile(m.col, [join(dir, 'f0.md')])).toBe(false);
    expect(isFirstCompile(m.col, [join(dir, 'f0.md'), big])).toBe(true);
    expect(m.col.tx(() => isFirstCompile(m.col, [join(dir, 'f0.md'), big]))).toBe(false);
    compileDecks(m.col, [join(dir, 'f0.md')]);
    expect(isFirstCompile(m.col, [big])).toBe(false);
  });
});

describe('the parse thread', () => {
  it('reads files as the compiling thread reads them', () => {
    const dir = deckFolder();
    const { files } = collectDeckFiles([dir]);
    const list = files.map((path) => ({ path, deck: deckFromPath(path, [dir]) }));
    const ahead = new ParseAhead(list);
    // The compiling thread takes nothing until the other thread has taken every file.
    const nap = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 600 && ahead.untaken() > 0; i++) Atomics.wait(nap, 0, 0, 50);
    try {
      for (let i = 0; i < list.length; i++)
        expect(ahead.take(i)).toEqual(readSourceRows(list[i]!.path, list[i]!.deck, existsSync));
      expect(ahead.byWorker).toBe(list.length);
    } finally {
      ahead.close();
    }
  });

  it('leaves every file to the compiling thread when it has no worker or the worker cannot start', () => {
    const dir = deckFolder();
    const { files } = collectDeckFiles([dir]);
    const list = files.map((path) => ({ path, deck: deckFromPath(path, [dir]) }));
    const missing = { entry: pathToFileURL(join(dir, 'no-such-worker.mjs')).href };
    for (const code of [null, missing]) {
      const ahead = new ParseAhead(list, code);
      const nap = new Int32Array(new SharedArrayBuffer(4));
      Atomics.wait(nap, 0, 0, code ? 500 : 0); // time for the missing one to fail
      try {
        for (let i = 0; i < list.length; i++)
          expect(ahead.take(i)).toEqual(readSourceRows(list[i]!.path, list[i]!.deck, existsSync));
        expect(ahead.byWorker).toBe(0);
      } finally {
        ahead.close();
      }
    }
  });
});
