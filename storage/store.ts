import { AppError } from '../platform/errors';
/**
 * One storage interface for everything the app keeps: installations, subscriptions, alert state,
 * the notification outbox, advisor flows, feedback. JSON values under string keys, with an ETag
 * per item for optimistic concurrency wherever two instances (or two turns) can write.
 */
export interface StoredItem<T> {
  key: string;
  value: T;
  etag: string;
}

export interface PutOptions {
  /** Write only if the stored item still has this ETag (else ConcurrencyError). */
  ifMatch?: string;
  /** Write only if no item exists under the key (else ConcurrencyError). */
  ifNoneMatch?: '*';
}

export interface KeyValueStore {
  get<T>(key: string): Promise<StoredItem<T> | undefined>;
  /** Writes and returns the new ETag. */
  put<T>(key: string, value: T, options?: PutOptions): Promise<string>;
  /** Deletes; with ifMatch only when unchanged. Deleting a missing key is not an error. */
  delete(key: string, options?: { ifMatch?: string }): Promise<void>;
  /** Items whose key starts with prefix, in key order. */
  list<T>(prefix: string): Promise<Array<StoredItem<T>>>;
  close(): Promise<void>;
}

/** Someone else wrote first: read again and retry. */
export class ConcurrencyError extends AppError {
  constructor(readonly key: string) {
    super('precondition_failed', `Concurrent write to "${key}": the item changed since it was read`);
  }
}

/** Keys are path-like ("installations/<conversation id>"); this keeps them safe for every backend. */
export function assertValidKey(key: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!key || key.length > 700 || /[\u0000-\u001f]/.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key).slice(0, 80)}`);
}

/**
 * Read-modify-write with retry on ConcurrencyError. `change` gets the current value (or
 * undefined) and returns the new one, or undefined to leave it as is.
 */
export async function update<T>(
  store: KeyValueStore,
  key: string,
  change: (current: T | undefined) => T | undefined,
  attempts = 50,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.get<T>(key);
    const next = change(current?.value);
    if (next === undefined) return current?.value;
    try {
      await store.put(key, next, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      return next;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
      // Back off a little, with jitter, so contenders stop colliding.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
    }
  }
}
