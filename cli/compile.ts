import { relative } from 'node:path';
import { compileDecks, type Tally } from '../core/compiler/compile.ts';
import { formatError } from '../core/compiler/parse.ts';
import { openMnemo } from '../core/index.ts';
import { parse } from './args.ts';

export const COMPILE_HELP = `Usage: mnemo compile [PATH...] [--write-ids] [--keep-going] [--force] [--json] [--data DIR]

Compiles Markdown deck files (default: decks/) into the collection, in one transaction.
New cards are added, edited cards keep their review history, cards gone from the sources
are retired (and restored if they come back). Only files whose content changed are parsed.
Errors are printed as file:line:column: message; with any error nothing is changed.

Options:
  --write-ids    write a stable id (^id-xxxx) at the end of every card that has none
  --keep-going   apply the files without errors even if others have some
  --force        re-parse every file, changed or not
  --json         print the report as JSON
  --data DIR     the data directory
  -h, --help     show this help`;

const rel = (p: string) => relative(process.cwd(), p) || p;

function tally(t: Tally): string {
  return `${t.added} added, ${t.updated} updated, ${t.edited} edited, ${t.unchanged} unchanged, ${t.retired} retired, ${t.restored} restored`;
}

export function compile(argv: string[], _data: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(
    argv,
    {
      'write-ids': { type: 'boolean' },
      'keep-going': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (values.help) {
    out(COMPILE_HELP);
    return 0;
  }
  const mnemo = openMnemo({ dataDir: values.data });
  try {
    const report = compileDecks(mnemo.col, positionals.length ? positionals : ['decks'], {
      writeIds: values['write-ids'],
      keepGoing: values['keep-going'],
      force: values.force,
    });
    if (values.json) {
      out(JSON.stringify(report, null, 2));
      return report.errors.length ? 1 : 0;
    }
    for (const e of report.errors) console.error(formatError({ ...e, file: rel(e.file) }));
    for (const f of report.files) {
      if (f.status === 'unchanged') continue;
      out(`${rel(f.file)}: ${f.status === 'compiled' ? tally(f) : f.status}`);
      for (const e of f.editedFronts) out(`  edited (line ${e.line}): "${e.from}" -> "${e.to}"`);
    }
    const unchangedFiles = report.files.filter((f) => f.status === 'unchanged').length;
    if (unchangedFiles) out(`${unchangedFiles} file(s) unchanged since the last compile`);
    if (report.decksCreated.length) out(`decks created: ${report.decksCreated.join(', ')}`);
    if (report.idsWritten) out(`ids written: ${report.idsWritten}`);
    if (!report.applied) {
      out(`${report.errors.length} error(s): nothing was changed (fix them, or use --keep-going)`);
      return 1;
    }
    out(`total: ${tally(report.totals)}`);
    return report.errors.length ? 1 : 0;
  } finally {
    mnemo.close();
  }
}
