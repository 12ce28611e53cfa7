/**
 * Mutation score per folder from Stryker's JSON report (reports/mutation/mutation.json):
 * `node scripts/mutation-summary.mjs [--survivors]`. The score is Stryker's: killed + timed
 * out, over every valid mutant (those plus survived and not covered by any test). Static
 * mutants not run (see stryker.config.mjs) and mutants that do not compile are not in it.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const REPORT = 'reports/mutation/mutation.json';
/** The folders with a target score (issue 8): at least 80%. */
export const TARGETS = ['core/review', 'core/queue', 'core/scheduler', 'core/compiler', 'server'];
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function summarize(report) {
  const folders = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = dirname(file.replaceAll('\\', '/'));
    const f = folders.get(folder) ?? { detected: 0, undetected: 0, ignored: 0, other: 0, survivors: [] };
    for (const m of mutants) {
      if (DETECTED.has(m.status)) f.detected++;
      else if (UNDETECTED.has(m.status)) {
        f.undetected++;
        f.survivors.push({
          file,
          line: m.location.start.line,
          status: m.status,
          mutator: m.mutatorName,
          replacement: m.replacement,
        });
      } else if (m.status === 'Ignored') f.ignored++;
      else f.other++;
    }
    folders.set(folder, f);
  }
  return [...folders].sort(([a], [b]) => a.localeCompare(b));
}

const pct = (f) => (f.detected + f.undetected === 0 ? 100 : (100 * f.detected) / (f.detected + f.undetected));

export function printSummary(report, { survivors = false } = {}) {
  const rows = summarize(report);
  const width = Math.max(...rows.map(([folder]) => folder.length), 6);
  console.log(`\n${'folder'.padEnd(width)}   score  killed  survived  static (not run)  errors`);
  for (const [folder, f] of rows) {
    const mark = TARGETS.includes(folder) ? (pct(f) >= 80 ? '  ok' : '  < 80% target') : '';
    console.log(
      `${folder.padEnd(width)}  ${pct(f).toFixed(1).padStart(5)}%  ${String(f.detected).padStart(6)}  ${String(f.undetected).padStart(8)}  ${String(f.ignored).padStart(15)}  ${String(f.other).padStart(6)}${mark}`,
    );
  }
  if (survivors) {
    for (const [, f] of rows) {
      for (const s of f.survivors) {
        const text = String(s.replacement ?? '')
          .replace(/\s+/g, ' ')
          .slice(0, 90);
        console.log(`${s.file}:${s.line} ${s.status} ${s.mutator}: ${text}`);
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printSummary(JSON.parse(readFileSync(REPORT, 'utf8')), { survivors: process.argv.includes('--survivors') });
}
