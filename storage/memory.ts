import { assertValidKey, ConcurrencyError, type KeyValueStore, type PutOptions, type StoredItem } from './store';

/** In-process store for tests; values are copied in and out so callers never share objects. */
export class MemoryStore implements KeyValueStore {
  private readonly items = new Map<string, { json: string; etag: string }>();
  private version = 0;

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const item = this.items.get(key);
    return item ? { key, value: JSON.parse(item.json) as T, etag: item.etag } : undefined;
  }

  async put<T>(key: string, value: T, options: PutOptions = {}): Promise<string> {
    assertValidKey(key);
    const existing = this.items.get(key);
    if (options.ifNoneMatch === '*' && existing) throw new ConcurrencyError(key);
    if (options.ifMatch !== undefined && existing?.etag !== options.ifMatch) throw new ConcurrencyError(key);
    const etag = `"${++this.version}"`;
    this.items.set(key, { json: JSON.stringify(value), etag });
    return etag;
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<void> {
    const existing = this.items.get(key);
    if (!existing) return;
    if (options.ifMatch !== undefined && existing.etag !== options.ifMatch) throw new ConcurrencyError(key);
    this.items.delete(key);
  }

  async list<T>(prefix: string): Promise<Array<StoredItem<T>>> {
    return [...this.items.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => ({ key, value: JSON.parse(item.json) as T, etag: item.etag }));
  }

  async close(): Promise<void> {}
}
