import path from 'node:path';
import type { AppConfig } from '../platform/config';
import { AzureBlobStore } from './azure-blob';
import { AzureWorkQueue } from './azure-queue';
import { AzureLeaseManager, MemoryLeaseManager, type LeaseManager } from './lease';
import { MemoryStore } from './memory';
import { SqliteStore } from './sqlite';
import type { KeyValueStore } from './store';
import { MemoryWorkQueue, type WorkQueue } from './work-queue';

/** The store the configuration asks for: sqlite (the embedded default, a file in DATA_DIR), memory, or Azure blobs. */
export function createStore(config: AppConfig): KeyValueStore {
  switch (config.storage.kind) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      return new SqliteStore(config.storage.sqliteFile ?? path.join(config.dataDir, 'entra-companion.sqlite'));
    case 'azure':
      return new AzureBlobStore({ connectionString: azureOf(config).connectionString, container: azureOf(config).container });
  }
}

/**
 * Leases (one watcher per tenant across instances): Azure blob leases when storage is Azure, else
 * in-process leases (sqlite and memory serve a single instance).
 */
export function createLeaseManager(config: AppConfig): LeaseManager {
  if (config.storage.kind !== 'azure') return new MemoryLeaseManager();
  return new AzureLeaseManager(
    new AzureBlobStore({ connectionString: azureOf(config).connectionString, container: azureOf(config).container }).container,
  );
}

/** The outbox queue: an Azure queue when storage is Azure (any instance drains it), else in-process. */
export function createWorkQueue(config: AppConfig): WorkQueue {
  if (config.storage.kind !== 'azure') return new MemoryWorkQueue();
  return new AzureWorkQueue({ connectionString: azureOf(config).connectionString, queue: azureOf(config).queue });
}

function azureOf(config: AppConfig): NonNullable<AppConfig['storage']['azure']> {
  if (!config.storage.azure) throw new Error('storage kind "azure" needs AZURE_STORAGE_CONNECTION_STRING');
  return config.storage.azure;
}
