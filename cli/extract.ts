import { readFileSync, writeFileSync } from 'node:fs';
import { extractDraft } from '../core/compiler/extract.ts';
import { parse, UsageError } from './args.ts';

export const EXTRACT_HELP = `Usage: mnemo extract NOTES.md [-o FILE] [--deck NAME]

Proposes cards, in Mnemo's card syntax, from notes written without it: "TERM: explanation"
lines, command lines with a # comment or a description, numbered items with the lines
under them, and term（中文） pairs. A command line with nothing said about it becomes a card
with the command as its answer, under its heading, and "TODO: write the question" as its
front. Writes a draft for you to edit (stdout, or -o FILE), then compile it with
"mnemo compile".

Options:
  -o, --output FILE   write the draft to FILE instead of stdout
  --deck NAME         the draft's deck (default: "<notes file name>::草稿")
  -h, --help          show this help`;

/** Why the notes file cannot be read, in words (exit 1: the command itself was right). */
function unreadable(file: string, e: NodeJS.ErrnoException): Error {
  if (e.code === 'ENOENT') return new Error(`no such file: ${file}`);
  if (e.code === 'EISDIR') return new Error(`${file} is a folder: give one notes file`);
  return new Error(`cannot read ${file}: ${e.code ?? e.message}`);
}

export function extract(argv: string[], _data: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(
    argv,
    { output: { type: 'string', short: 'o' }, deck: { type: 'string' } },
    true,
  );
  if (values.help) {
    out(EXTRACT_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('extract takes one notes file (see mnemo extract --help)');
  const deck = values.deck;
  if (deck?.split('::').some((part) => part.trim() === ''))
    throw new UsageError(`--deck: "${deck}" is not a deck name such as "Docker::命令"`);
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw unreadable(file, e as NodeJS.ErrnoException);
  }
  const draft = extractDraft(text, file, deck?.trim());
  if (values.output) writeFileSync(values.output, draft);
  else out(draft.trimEnd());
  return 0;
}
