import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collectionPath, defaultDataDir, openMnemo } from '../../core/index.ts';
import { SCHEMA_VERSION } from '../../core/store/db.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { tempDir } from '../helpers/collection.ts';

describe('collection store', () => {
  it('creates the data folder (and its parents) on the first open', () => {
    const dir = `${tempDir()}/not/yet/made`;
    const m = openMnemo({ dataDir: dir });
    expect(m.col.path).toBe(collectionPath(dir));
    m.close();
  });

  it('creates a collection by running every migration', () => {
    const dir = tempDir();
    const m = openMnemo({ dataDir: dir });
    expect(m.col.db.prepare('SELECT version FROM schema_version').pluck().get()).toBe(MIGRATIONS.length);
    expect(m.col.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(m.col.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(m.col.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = m.col.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of ['decks', 'notes', 'cards', 'review_log', 'presets', 'settings', 'undo_stack']) {
      expect(tables).toContain(t);
    }
    expect(m.api.presets.list()).toMatchObject([
      {
        name: 'Default',
        desiredRetention: 0.9,
        maximumInterval: 36500,
        learningSteps: '1m 10m',
        relearningSteps: '10m',
        newPerDay: 20,
        reviewsPerDay: 200,
        leechThreshold: 8,
      },
    ]);
    expect(m.api.settings.get()).toEqual({
      dayStartHour: 4,
      learnAheadMinutes: 20,
      theme: 'system',
      language: null,
    });
    m.close();
    // Reopening migrates nothing and keeps the data.
    const again = openMnemo({ dataDir: dir });
    expect(again.col.db.prepare('SELECT count(*) FROM presets').pluck().get()).toBe(1);
    again.close();
  });

  it('upgrades a collection from an older schema, keeping its data', () => {
    const dir = tempDir();
    const old = new Database(collectionPath(dir));
    old.exec('CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    old.exec(MIGRATIONS[0]!);
    old.prepare('INSERT INTO schema_version VALUES (1, 1)').run();
    old.prepare("INSERT INTO presets (id, name, modified_at) VALUES (1, 'Default', 0)").run();
    old.prepare("INSERT INTO decks (id, name, preset_id, created_at) VALUES (1, 'Old', 1, 0)").run();
    old
      .prepare(
        `INSERT INTO notes (id, guid, kind, fields, created_at, modified_at) VALUES (1, 'g', 'basic', '{"front":"f","back":"b"}', 0, 0)`,
      )
      .run();
    old.close();
    const m = openMnemo({ dataDir: dir });
    expect(m.col.db.prepare('SELECT version FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
    expect(m.col.db.prepare('SELECT guid, retired, source_key FROM notes').get()).toEqual({
      guid: 'g',
      retired: 0,
      source_key: null,
    });
    expect(m.api.decks.list().decks.map((d) => d.name)).toEqual(['Old']);
    m.close();
  });

  it('refuses a collection written by a newer Mnemo and leaves the file unchanged', () => {
    const dir = tempDir();
    openMnemo({ dataDir: dir }).close();
    const path = collectionPath(dir);
    const db = new Database(path);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    expect(() => openMnemo({ dataDir: dir })).toThrow(
      `newer Mnemo (schema ${SCHEMA_VERSION + 1}; this version understands up to ${SCHEMA_VERSION})`,
    );
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('reports a zero-length collection instead of silently starting a new one', () => {
    const dir = tempDir();
    writeFileSync(collectionPath(dir), ''); // SQLite alone would take this as a new, empty database
    expect(() => openMnemo({ dataDir: dir })).toThrow(/is empty \(0 bytes\).*mnemo backups restore/);
    expect(readFileSync(collectionPath(dir)).length).toBe(0);
  });

  it('refuses a file that is not a Mnemo collection, unchanged', () => {
    const dir = tempDir();
    const path = collectionPath(dir);
    writeFileSync(path, 'this is not a database, just some text that happens to be here');
    expect(() => openMnemo({ dataDir: dir })).toThrow(/not a readable Mnemo collection/);
    expect(readFileSync(path, 'utf8')).toMatch(/^this is not a database/);

    const otherDir = tempDir();
    const foreign = new Database(collectionPath(otherDir));
    foreign.exec('CREATE TABLE col (id INTEGER PRIMARY KEY); INSERT INTO col VALUES (1);');
    foreign.close();
    const foreignBytes = readFileSync(collectionPath(otherDir));
    expect(() => openMnemo({ dataDir: otherDir })).toThrow(/is an SQLite file but not a Mnemo collection/);
    expect(readFileSync(collectionPath(otherDir)).equals(foreignBytes)).toBe(true);
  });

  it('finds the data directory: MNEMO_DATA_DIR, then the platform default', () => {
    expect(defaultDataDir({ MNEMO_DATA_DIR: '/x/y' }, 'linux')).toBe('/x/y');
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/mnemo');
    expect(defaultDataDir({}, 'linux')).toMatch(/\.local\/share\/mnemo$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Mnemo$/);
  });
});
