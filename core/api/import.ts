/**
 * import.preview / import.run. The file is one the transport stored under
 * `<dataDir>/imports/<uploadId>` (the id is checked strictly, so a request can name no other
 * path); `fileName`, the name the user picked, only appears in messages and decides nothing.
 * Preview reports what the import would do and stores nothing; run does it in one transaction.
 */
import * as z from 'zod';
import { CSV_COLUMNS } from '../import/csv/read.ts';
import type { ImportOptions } from '../import/index.ts';
import type { Collection } from '../store/collection.ts';
import { method } from './define.ts';

const args = z.strictObject({
  uploadId: z.string().regex(/^[a-z0-9-]{8,64}$/, 'must be 8 to 64 lowercase letters, digits or dashes'),
  fileName: z.string().min(1).max(255).optional(),
  deckName: z.string().trim().min(1).max(500).optional(),
  csv: z
    .strictObject({
      columns: z.array(z.enum(CSV_COLUMNS)).min(1).max(100).optional(),
      separator: z.enum(['comma', 'tab', 'semicolon']).optional(),
    })
    .optional(),
});

function options(a: z.output<typeof args>): ImportOptions {
  // A name from the request is shown in messages only, and only its last part.
  const name = a.fileName?.split(/[/\\]/).pop() || 'upload';
  return { name, deckName: a.deckName, csv: a.csv };
}

// The importers (readers, checks, their schemas) are loaded at the first import, not at every start.
const importer = () => import('../import/index.ts');

export function importApi(col: Collection) {
  return {
    preview: method(args, async (a) => {
      const { previewImport, uploadPath } = await importer();
      return previewImport(col, uploadPath(col, a.uploadId), options(a));
    }),
    run: method(args, async (a) => {
      const { runImport, uploadPath } = await importer();
      return runImport(col, uploadPath(col, a.uploadId), options(a));
    }),
  };
}
