import { addDeckFolder, deckFolders, removeDeckFolder } from '../core/compiler/deck-folders.ts';
import { openMnemo } from '../core/index.ts';
import { parse, UsageError } from './args.ts';

export const DECKS_HELP = `Usage: mnemo decks add PATH [--data DIR]
       mnemo decks list [--json] [--data DIR]
       mnemo decks rm PATH [--data DIR]

Deck folders are the folders of Markdown decks the app may compile: "Compile now" in
Settings (and decks.compile over the API) reads these and the bundled decks, nothing else.
"mnemo compile PATH" is not limited to them.

  add PATH   register a folder (stored by its real path)
  list       the registered folders
  rm PATH    unregister a folder; its cards stay in the collection

Options:
  --json       list as JSON: ["/path", ...]
  --data DIR   the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help   show this help`;

export function decks(argv: string[], dataDir: string | undefined, out: (s: string) => void): number {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, true);
  if (values.help) {
    out(DECKS_HELP);
    return 0;
  }
  const [action, path, ...extra] = positionals;
  const takesPath = action === 'add' || action === 'rm';
  if (
    !['add', 'list', 'rm'].includes(action ?? '') ||
    extra.length > 0 ||
    takesPath !== (path !== undefined)
  ) {
    throw new UsageError(
      `expected "decks add PATH", "decks list" or "decks rm PATH" (run "mnemo decks --help")`,
    );
  }
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir });
  try {
    if (action === 'add') out(`Deck folder added: ${addDeckFolder(mnemo.col, path!)}`);
    else if (action === 'rm') {
      if (!removeDeckFolder(mnemo.col, path!))
        throw new UsageError(`${path} is not a registered deck folder`);
      out(`Deck folder removed: ${path}`);
    } else {
      const folders = deckFolders(mnemo.col);
      if (values.json) out(JSON.stringify(folders));
      else if (folders.length === 0) out('No deck folders yet: add one with "mnemo decks add PATH".');
      else for (const f of folders) out(f);
    }
    return 0;
  } finally {
    mnemo.close();
  }
}
