import path from 'node:path';
import type { AppConfig } from '../server/config';
import { MemoryStore } from './memory';
import { SqliteStore } from './sqlite';
import type { KeyValueStore } from './store';

/** The store the configuration asks for: sqlite (the embedded default, a file in DATA_DIR) or memory. */
export function createStore(config: AppConfig): KeyValueStore {
  switch (config.storage.kind) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      return new SqliteStore(config.storage.sqliteFile ?? path.join(config.dataDir, 'entra-companion.sqlite'));
  }
}
