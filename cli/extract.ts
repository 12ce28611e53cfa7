import { readFileSync, writeFileSync } from 'node:fs';
import { extractDraft } from '../core/compiler/extract.ts';
import { parse, UsageError } from './args.ts';

export const EXTRACT_HELP = `Usage: mnemo extract NOTES.md [-o FILE]

Proposes cards, in Mnemo's card syntax, from notes written without it: "TERM: explanation"
lines, command lines with a # comment or a description, numbered items with the lines
under them, and term（中文） pairs. Writes a draft for you to edit (stdout, or -o FILE),
then compile it with "mnemo compile".

Options:
  -o, --output FILE   write the draft to FILE instead of stdout
  -h, --help          show this help`;

export function extract(argv: string[], _data: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(argv, { output: { type: 'string', short: 'o' } }, true);
  if (values.help) {
    out(EXTRACT_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('extract takes one notes file (see mnemo extract --help)');
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const draft = extractDraft(text, file);
  if (values.output) writeFileSync(values.output, draft);
  else out(draft.trimEnd());
  return 0;
}
