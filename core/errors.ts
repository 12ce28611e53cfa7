/** Typed errors of the service API; every transport maps `type` to its own status. */
export type MnemoErrorType =
  | 'NotFound'
  | 'InvalidArgument'
  | 'Conflict'
  /** The disk (or the file-size limit) is full: nothing of the call was stored. */
  | 'DiskFull'
  /** Another process held the collection longer than we waited: nothing was stored. */
  | 'Busy'
  /** The collection or its folder cannot be written (a read-only folder or file). */
  | 'ReadOnly'
  /** The collection file is damaged; restore a backup. */
  | 'Corrupt'
  | 'Internal';

export class MnemoError extends Error {
  constructor(
    readonly type: MnemoErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }

  toJSON(): { type: MnemoErrorType; message: string } {
    return { type: this.type, message: this.message };
  }
}

export const notFound = (message: string) => new MnemoError('NotFound', message);
export const invalidArgument = (message: string) => new MnemoError('InvalidArgument', message);
export const conflict = (message: string) => new MnemoError('Conflict', message);

/** SQLite result codes (better-sqlite3's `SqliteError.code`) that the user can act on. */
const STORAGE_ERRORS: [RegExp, MnemoErrorType, string][] = [
  [/^SQLITE_FULL/, 'DiskFull', 'database or disk is full: nothing was saved'],
  [/^SQLITE_IOERR_WRITE|^SQLITE_IOERR_FSYNC/, 'DiskFull', 'the disk refused the write: nothing was saved'],
  [
    /^SQLITE_BUSY|^SQLITE_LOCKED/,
    'Busy',
    'another program is using the collection: nothing was saved, try again',
  ],
  [/^SQLITE_READONLY/, 'ReadOnly', 'the collection cannot be written (read-only file or folder)'],
  [/^SQLITE_CORRUPT|^SQLITE_NOTADB/, 'Corrupt', 'the collection file is damaged: restore a backup'],
];

/**
 * Turns a storage failure into a typed error that names what happened and what it means
 * (nothing of the call was stored: every call is one transaction), so the UI can say so in
 * the user's language. Anything else is returned unchanged.
 */
export function storageError(e: unknown): unknown {
  if (e instanceof MnemoError) return e;
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string') return e;
  for (const [pattern, type, message] of STORAGE_ERRORS) {
    if (pattern.test(code)) return new MnemoError(type, `${message} (${(e as Error).message})`);
  }
  return e;
}
