/** Collections as an older Mnemo left them, for the migration tests. */
import Database from 'better-sqlite3';
import { collectionPath } from '../../core/index.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { tempDir } from './collection.ts';

/**
 * A collection file at schema `version` (the first `version` migrations run, as that Mnemo
 * did), with a preset, a deck 'Old' and one note 'g' with two cards (ids 1 and 2). Returns its
 * data dir and the open connection, to add rows and close.
 */
export function collectionAtSchema(version: number): { dir: string; db: Database.Database } {
  const dir = tempDir();
  const db = new Database(collectionPath(dir));
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
  for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql);
  db.prepare('INSERT INTO schema_version VALUES (1, ?)').run(version);
  db.exec(`INSERT INTO presets (id, name, modified_at) VALUES (1, 'Default', 0);
    INSERT INTO decks (id, name, preset_id, created_at) VALUES (1, 'Old', 1, 0);
    INSERT INTO notes (id, guid, kind, fields, created_at, modified_at) VALUES (1, 'g', 'basic', '{"front":"f","back":"b"}', 0, 0);
    INSERT INTO cards (id, note_id, deck_id, ord, due, created_at, modified_at) VALUES (1, 1, 1, 0, 0, 0, 0), (2, 1, 1, 1, 0, 0, 0);`);
  return { dir, db };
}
