import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MnemoError } from '../errors.ts';
import { MIGRATIONS } from './migrations.ts';
import { buildPendingIndexes, pendingIndexNames } from './pending-indexes.ts';
import { canWrite, readableCopy } from './readonly-copy.ts';

export type Db = Database.Database;

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Electron needs better-sqlite3 built for its own ABI; `npm start` builds that copy apart
 * from the Node one (which the CLI and tests use) and points here through this variable.
 */
const nativeBinding = () => process.env.MNEMO_SQLITE_BINDING || undefined;

/**
 * Reads the schema version of an existing file without writing to it, so a collection
 * from a newer Mnemo (or a file that is not a collection) is refused untouched.
 */
function readSchemaVersion(path: string): number {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
      .get();
    if (!table) {
      const anyTable = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
        n: number;
      };
      if (anyTable.n > 0) {
        throw new MnemoError('Conflict', `${path} is an SQLite file but not a Mnemo collection`);
      }
      return 0;
    }
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    return row?.version ?? 0;
  } catch (e) {
    if (e instanceof MnemoError) throw e;
    const code = String((e as { code?: unknown }).code ?? '');
    if (/^SQLITE_CORRUPT/.test(code)) {
      throw new MnemoError(
        'Corrupt',
        `${path} is damaged (${(e as Error).message}). Restore a backup with "mnemo backups restore".`,
      );
    }
    throw new MnemoError('Conflict', `${path} is not a readable Mnemo collection: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Applies every migration above the file's version, each in its own transaction. */
export function migrate(db: Db, from: number): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
  );
  // A migration may drop or change an index a bulk load left for later: build those first.
  if (from < MIGRATIONS.length) buildPendingIndexes(db);
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.prepare(
        'INSERT INTO schema_version (id, version) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version',
      ).run(v + 1);
    })();
  }
}

/** Said when the app (or a writing command) meets a data folder it cannot write. */
export function readOnlyFolderError(dir: string): MnemoError {
  return new MnemoError(
    'ReadOnly',
    `the data folder ${dir} is read-only: Mnemo must write there to save your answers. ` +
      'Make it writable, or choose another with --data. Reading commands such as "mnemo stats" still work.',
  );
}

export interface OpenOptions {
  /** Opened read-only: for `mnemo stats` and other readers. */
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the collection at `path`: WAL, foreign keys, synchronous=FULL
 * so an answer acknowledged to the caller survives a crash or power loss.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const exists = existsSync(path);
  if (exists && statSync(path).size === 0) {
    // Not something Mnemo writes (a new collection has its schema at once): a truncated
    // copy or a failed sync. Never silently start over on top of it.
    throw new MnemoError(
      'Corrupt',
      `${path} is empty (0 bytes), so it holds no collection. Restore a backup with ` +
        '"mnemo backups restore", or delete the file to start a new, empty collection.',
    );
  }
  if (!canWrite(path)) {
    if (!options.readonly) throw readOnlyFolderError(dirname(path));
    if (exists) path = readableCopy(path, nativeBinding());
  }
  const version = exists ? readSchemaVersion(path) : 0;
  if (version > SCHEMA_VERSION) {
    throw new MnemoError(
      'Conflict',
      `${path} was written by a newer Mnemo (schema ${version}; this version understands up to ${SCHEMA_VERSION}). ` +
        'Update Mnemo to open it; the file was not modified.',
    );
  }
  if (options.readonly) {
    if (!exists) throw new MnemoError('NotFound', `No collection at ${path}`);
    if (version < SCHEMA_VERSION) {
      throw new MnemoError('Conflict', `${path} needs an upgrade; open it once without read-only mode`);
    }
    let db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    // Queries name the indexes a bulk load left for later (pending-indexes.ts), and this
    // connection cannot build them: read a snapshot that has them (rare: until the app's idle time).
    if (pendingIndexNames(db).length > 0) {
      db.close();
      db = new Database(readableCopy(path, nativeBinding()), {
        readonly: true,
        fileMustExist: true,
        nativeBinding: nativeBinding(),
      });
    }
    db.pragma('foreign_keys = ON');
    return db;
  }
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { nativeBinding: nativeBinding() });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A second process (the CLI compiling while the app is open) holds the write lock for at
  // most a few seconds: wait our turn rather than fail.
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -32768'); // 32 MiB of page cache: bulk compiles touch many index pages
  db.pragma('wal_autocheckpoint = 0'); // Collection checkpoints between answers, not inside one
  if (version < SCHEMA_VERSION) {
    migrate(db, version);
  }
  return db;
}
