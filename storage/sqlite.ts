import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { assertValidKey, ConcurrencyError, type KeyValueStore, type PutOptions, type StoredItem } from './store';

/** Schema migrations, applied in order once each; the index is the schema version. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE items (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     version INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   ) WITHOUT ROWID`,
];

/**
 * The embedded default: one SQLite file (WAL mode), safe for several processes on one machine.
 * ETags are per-item version numbers; conditional writes run in one statement each.
 */
export class SqliteStore implements KeyValueStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.statements = {
      get: this.db.prepare<[string], { value: string; version: number }>('SELECT value, version FROM items WHERE key = ?'),
      insert: this.db.prepare('INSERT INTO items (key, value, version, updated_at) VALUES (?, ?, 1, ?) ON CONFLICT(key) DO NOTHING'),
      upsert: this.db.prepare<[string, string, string], { version: number }>(
        'INSERT INTO items (key, value, version, updated_at) VALUES (?, ?, 1, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = items.version + 1, updated_at = excluded.updated_at RETURNING version',
      ),
      replaceIf: this.db.prepare('UPDATE items SET value = ?, version = version + 1, updated_at = ? WHERE key = ? AND version = ?'),
      delete: this.db.prepare('DELETE FROM items WHERE key = ?'),
      deleteIf: this.db.prepare('DELETE FROM items WHERE key = ? AND version = ?'),
      list: this.db.prepare<[string, string], { key: string; value: string; version: number }>(
        'SELECT key, value, version FROM items WHERE key >= ? AND key < ? ORDER BY key',
      ),
    };
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const row = this.statements.get.get(key);
    return row ? { key, value: JSON.parse(row.value) as T, etag: etagOf(row.version) } : undefined;
  }

  async put<T>(key: string, value: T, options: PutOptions = {}): Promise<string> {
    assertValidKey(key);
    const json = JSON.stringify(value);
    const now = new Date().toISOString();
    if (options.ifNoneMatch === '*') {
      if (this.statements.insert.run(key, json, now).changes === 0) throw new ConcurrencyError(key);
      return etagOf(1);
    }
    if (options.ifMatch !== undefined) {
      const version = versionOf(options.ifMatch);
      if (version === undefined || this.statements.replaceIf.run(json, now, key, version).changes === 0) throw new ConcurrencyError(key);
      return etagOf(version + 1);
    }
    return etagOf(this.statements.upsert.get(key, json, now)?.version ?? 1);
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<void> {
    if (options.ifMatch === undefined) {
      this.statements.delete.run(key);
      return;
    }
    const version = versionOf(options.ifMatch);
    const result = version === undefined ? { changes: 0 } : this.statements.deleteIf.run(key, version);
    if (result.changes === 0 && this.statements.get.get(key)) throw new ConcurrencyError(key);
  }

  async list<T>(prefix: string): Promise<Array<StoredItem<T>>> {
    return this.statements.list
      .all(prefix, prefix + '\uffff')
      .map((row) => ({ key: row.key, value: JSON.parse(row.value) as T, etag: etagOf(row.version) }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function etagOf(version: number): string {
  return `"${version}"`;
}

function versionOf(etag: string): number | undefined {
  const match = /^"(\d+)"$/.exec(etag);
  return match ? Number(match[1]) : undefined;
}
