import { relative } from 'node:path';
import { formatError } from '../core/compiler/parse.ts';
import { lintPaths } from '../core/lint/lint.ts';
import { formatFinding, RULES } from '../core/lint/types.ts';
import { parse } from './args.ts';

export const LINT_HELP = `Usage: mnemo lint [PATH...] [--json]

Finds cards that make reviews slow or unfair, in Markdown deck files (default: decks/), and
prints each as file:line: rule: message. Reads the files only: the collection is not opened.

Rules:
  duplicate        a near-duplicate of a card in another file (similar question, or the same answer)
  list-back        an answer that lists more than four things
  long-back        a back over 200 characters
  bare-reverse     a two-way card whose reverse prompt is a bare term while the front gives several properties
  cloze-giveaway   a cloze whose hidden text can be read elsewhere in the text
  two-questions    a front that asks two questions

To accept a finding, put a comment on the line above the card, saying why:
  <!-- lint-ignore list-back: the four restart policies are one set -->
A comment with no reason, an unknown rule, or nothing to accept is a finding itself.

Exit status: 0 when there is nothing to report, 1 when there are findings or errors.

Options:
  --json       print {files, findings: [{file, line, rule, message}], errors} instead
  -h, --help   show this help`;

const rel = (p: string) => relative(process.cwd(), p) || p;

export function lint(argv: string[], _data: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, true);
  if (values.help) {
    out(LINT_HELP);
    return 0;
  }
  const paths = positionals.length ? positionals : ['decks'];
  const result = lintPaths(paths, { display: rel });
  if (result.missing.length > 0) throw new Error(`no such file or folder: ${result.missing[0]}`);
  const findings = result.findings.map((f) => ({ ...f, file: rel(f.file) }));
  const errors = result.errors.map((e) => ({ ...e, file: rel(e.file) }));
  if (values.json) {
    out(JSON.stringify({ files: result.files, findings, errors }, null, 2));
  } else {
    // Syntax errors first: cards that do not parse were not linted.
    for (const e of errors) console.error(formatError(e));
    for (const f of findings) out(formatFinding(f));
    const files = `${result.files} file${result.files === 1 ? '' : 's'}`;
    if (findings.length === 0 && errors.length === 0) out(`${files} linted: nothing to report`);
    else if (findings.length > 0)
      out(
        `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} ` +
          `(rules: ${RULES.join(', ')}; see mnemo lint --help to accept one)`,
      );
  }
  return findings.length > 0 || errors.length > 0 ? 1 : 0;
}
