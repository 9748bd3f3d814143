import { AppError } from '../platform/errors';
import { AzureBlobStore } from './azure-blob';
import { AzureWorkQueue } from './azure-queue';
import { AzureLeaseManager, MemoryLeaseManager, type LeaseManager } from './lease';
import { MemoryStore } from './memory';
import { SqliteStore } from './sqlite';
import type { KeyValueStore } from './store';
import { MemoryWorkQueue, type WorkQueue } from './work-queue';

/** Where the app keeps its data; the platform config's `storage` section has this shape. */
export interface StorageConfig {
  kind: 'sqlite' | 'memory' | 'azure';
  /** The SQLite file (kind 'sqlite'). */
  sqliteFile: string;
  /** Azure Storage (kind 'azure'): blobs for data and leases, a queue for the outbox. */
  azure?: { connectionString: string; container: string; queue: string };
}

/** The store the configuration asks for: sqlite (the embedded default, a file in DATA_DIR), memory, or Azure blobs. */
export function createStore(config: StorageConfig): KeyValueStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      return new SqliteStore(config.sqliteFile);
    case 'azure':
      return new AzureBlobStore({ connectionString: azureOf(config).connectionString, container: azureOf(config).container });
  }
}

/**
 * Leases (one watcher per tenant across instances): Azure blob leases when storage is Azure, else
 * in-process leases (sqlite and memory serve a single instance).
 */
export function createLeaseManager(config: StorageConfig): LeaseManager {
  if (config.kind !== 'azure') return new MemoryLeaseManager();
  return new AzureLeaseManager(
    new AzureBlobStore({ connectionString: azureOf(config).connectionString, container: azureOf(config).container }).container,
  );
}

/** The outbox queue: an Azure queue when storage is Azure (any instance drains it), else in-process. */
export function createWorkQueue(config: StorageConfig): WorkQueue {
  if (config.kind !== 'azure') return new MemoryWorkQueue();
  return new AzureWorkQueue({ connectionString: azureOf(config).connectionString, queue: azureOf(config).queue });
}

function azureOf(config: StorageConfig): NonNullable<StorageConfig['azure']> {
  if (!config.azure) throw new AppError('invalid_config', 'storage kind "azure" needs AZURE_STORAGE_CONNECTION_STRING');
  return config.azure;
}
