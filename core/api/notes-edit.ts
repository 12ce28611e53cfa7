/**
 * The `notes` methods that edit and add cards from the app (merged into the `notes` group):
 * a compiled card is written back into its Markdown file and the file recompiled in the same
 * call, so it keeps its id and history; only deck files inside the registered deck folders or
 * the bundled decks are ever written (core/edit/deck-file-access.ts).
 */
import * as z from 'zod';
import { appendCard } from '../edit/append-card.ts';
import { listDeckFiles } from '../edit/deck-file-access.ts';
import { editableNote, editNote } from '../edit/edit-note.ts';
import type { Collection } from '../store/collection.ts';
import { id, method, noArgs } from './define.ts';

/** A card side: generous, but bounded like every other argument. */
const side = z.string().max(100_000).optional();
const fields = z.strictObject({ front: side, back: side, text: side, extra: side });
const deckName = z
  .string()
  .max(500)
  .refine((d) => !/[\r\n]/.test(d) && d.split('::').every((p) => p.trim() !== ''), {
    message: 'a deck name such as "Docker::网络模式"',
  });

export function notesEditApi(col: Collection) {
  return {
    /**
     * A card's note for the editor: its text as written in its file (or as stored), the file's
     * hash to give back to `edit`, and the problem that prevents editing it, if any.
     */
    editable: method(z.strictObject({ cardId: id }), (a) => editableNote(col, a.cardId)),
    /**
     * Saves a card's note: its lines in its file rewritten and the file recompiled, or its
     * fields in the collection. `baseHash` (from `editable`) refuses a file changed meanwhile.
     */
    edit: method(
      z.strictObject({
        cardId: id,
        fields,
        baseHash: z
          .string()
          .regex(/^[0-9a-f]{32}$/)
          .optional(),
      }),
      (a) => editNote(col, a),
    ),
    /** Adds a card at the end of a deck file (or in a new one, `create`) and compiles that file. */
    append: method(
      z.strictObject({
        file: z.string().min(1).max(4096),
        create: z.boolean().optional(),
        deck: deckName.optional(),
        kind: z.enum(['basic', 'reversed', 'cloze']),
        fields,
      }),
      (a) => appendCard(col, a),
    ),
    /** The deck files cards can be added to, by deck folder, and the folders a new file can go in. */
    files: method(noArgs, () => ({ roots: listDeckFiles(col) })),
  };
}
