/**
 * Compiler benchmark: 100,000 generated cards in 200 files compiled from scratch, then
 * recompiled after 1% of the cards changed; floors: reading and splitting the same files,
 * and a full markdown-it parse of them (what a compiler that renders at compile time pays).
 * The full-text index a compile that large leaves for later (core/store/fts-pending.ts) is
 * caught up after it, timed on its own row, before the recompiles.
 * Run alone: `tsx bench/compile-bench.ts`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { compileDecks } from '../core/compiler/compile.ts';
import { openMnemo } from '../core/index.ts';
import { indexPendingNotes } from '../core/store/fts-pending.ts';
import { seededRandom } from '../core/util/random.ts';
import { printTable, type Row, summarize, time } from './table.ts';

const FILES = 200;
const PER_FILE = 500;

function card(rand: () => number, f: number, i: number, version = 0): string {
  const v = version ? ` (rev ${version})` : '';
  const roll = rand();
  if (roll < 0.6)
    return `Question ${f}-${i}: what does option --opt-${i} of tool${f} do?::It sets value ${i}${v}`;
  if (roll < 0.85) {
    return `How do you run job ${f}-${i}?\n?\n\`\`\`bash\ntool${f} run --job ${i}\n\ntool${f} wait ${i}\n\`\`\`\nthen check the ${i} log${v}`;
  }
  return `Item ${f}-${i} is stored in bucket ${i % 97} under ==key ${i}==${v}.`;
}

function writeFiles(dir: string, version: (f: number, i: number) => number): void {
  const rand = seededRandom(99);
  for (let f = 0; f < FILES; f++) {
    const cards: string[] = [];
    for (let i = 0; i < PER_FILE; i++) cards.push(card(rand, f, i, version(f, i)));
    const text = `---\ndeck: Bench::Topic ${String(f % 20).padStart(2, '0')}\ntags: [bench]\n---\n# File ${f}\n\n${cards.join('\n\n')}\n`;
    writeFileSync(join(dir, `file-${String(f).padStart(3, '0')}.md`), text);
  }
}

export function compileBench(root: string): Row[] {
  const decks = join(root, 'decks');
  mkdirSync(decks, { recursive: true });
  writeFiles(decks, () => 0);
  const files = readdirSync(decks).map((f) => join(decks, f));

  const split: number[] = [];
  const markdown: number[] = [];
  const md = new MarkdownIt();
  for (let r = 0; r < 3; r++) {
    split.push(time(() => files.map((f) => readFileSync(f, 'utf8').split(/\n\s*\n/).length)));
    markdown.push(time(() => files.map((f) => md.parse(readFileSync(f, 'utf8'), {}).length)));
  }
  const floorSplit = summarize(split).median;
  const floorMd = summarize(markdown).median;

  const scratch: number[] = [];
  const indexing: number[] = [];
  const fewFiles: number[] = [];
  const allFiles: number[] = [];
  const changed = (run: () => { updated: number; edited: number }) => {
    let n = 0;
    const ms = time(() => {
      const t = run();
      n = t.updated + t.edited; // an edited cloze changes its identifying text: matched as an edit
    });
    if (n !== (FILES * PER_FILE) / 100) throw new Error(`expected 1,000 changed cards, got ${n}`);
    return ms;
  };
  for (let r = 0; r < 3; r++) {
    writeFiles(decks, () => 0);
    const m = openMnemo({ dataDir: join(root, `data-${r}`) });
    scratch.push(time(() => compileDecks(m.col, [decks])));
    let indexed = 0;
    indexing.push(time(() => (indexed = indexPendingNotes(m.col))));
    if (indexed !== FILES * PER_FILE)
      throw new Error(`expected 100,000 notes indexed after the compile, got ${indexed}`);
    // 1% of the cards (1,000) edited in 10 of the 200 files: only those files are re-parsed.
    writeFiles(decks, (f, i) => (f % 20 === 0 && i % 5 === r ? r + 1 : 0));
    fewFiles.push(changed(() => compileDecks(m.col, [decks]).totals));
    // Worst case: 1% of the cards, spread over every file.
    writeFiles(
      decks,
      (f, i) => (f % 20 === 0 && i % 5 === r ? r + 1 : 0) + ((f * PER_FILE + i) % 100 === 50 ? 100 : 0),
    );
    allFiles.push(changed(() => compileDecks(m.col, [decks]).totals));
    m.close();
  }
  const a = summarize(scratch);
  const b = summarize(fewFiles);
  return [
    {
      name: '(e) compile 100,000 cards / 200 files',
      ...a,
      floor: floorSplit,
      floorName: `read + split (markdown-it parse: ${floorMd.toFixed(0)} ms)`,
      target: '≤ 2 s',
      met: (s) => s.median <= 2000,
    },
    {
      name: '    its full-text index, after it (first search or idle)',
      ...summarize(indexing),
      floor: Number.NaN,
      floorName: '—',
      target: 'printed',
    },
    {
      name: '(f) recompile, 1% changed in 10 files',
      ...b,
      floor: floorSplit,
      floorName: 'read + split',
      target: '≤ 0.3 s',
      met: (s) => s.median <= 300,
    },
    {
      name: '    recompile, 1% spread over all files',
      ...summarize(allFiles),
      floor: floorSplit,
      floorName: 'read + split',
      target: 'printed (worst case)',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'mnemo-compile-bench-'));
  try {
    printTable(compileBench(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
