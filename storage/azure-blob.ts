import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';
import { assertValidKey, ConcurrencyError, type KeyValueStore, type PutOptions, type StoredItem } from './store';

/** Where an Azure store lives: a connection string (or a ContainerClient, in tests) and a container. */
export interface AzureBlobStoreOptions {
  connectionString?: string;
  containerClient?: ContainerClient;
  container?: string;
  /** Blobs downloaded at once while listing. */
  listConcurrency?: number;
  /** Blob names per listing page (Azure's maximum is 5000). */
  listPageSize?: number;
}

/** Azure's limit on blob names. */
const MAX_BLOB_NAME = 1024;
const LITERAL = /[A-Za-z0-9_-]/;

/**
 * Maps a key to a blob name that means the same thing on every Azure Storage endpoint: letters,
 * digits, '-' and '_' stay; '/' stays between two literal characters (readable "folders" in Storage
 * Explorer); everything else, including '.', '~' and a leading, doubled or trailing '/', becomes
 * `~XX` (or `~uXXXX` above U+00FF). So no name ends in '.' or '/', none holds "./" segments a URL
 * parser would fold, and the encoding of a key's start does not depend on what follows, except a
 * final '/', which list() allows for.
 */
export function blobNameOf(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const ch = key[i];
    const literal = LITERAL.test(ch) || (ch === '/' && i > 0 && i < key.length - 1 && LITERAL.test(key[i - 1]));
    if (literal) out += ch;
    else {
      const code = key.charCodeAt(i);
      out += code < 0x100 ? `~${code.toString(16).padStart(2, '0')}` : `~u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return out;
}

/** The inverse of blobNameOf. */
export function keyOfBlobName(name: string): string {
  return name.replace(/~u([0-9a-f]{4})|~([0-9a-f]{2})/g, (_m, wide: string | undefined, narrow: string | undefined) =>
    String.fromCharCode(parseInt(wide ?? narrow ?? '0', 16)),
  );
}

/**
 * KeyValueStore on Azure Blob Storage: one container, one JSON block blob per key. Every write is
 * conditional on the blob's ETag when the caller asks (If-Match / If-None-Match: *), so two
 * instances behind a load balancer can share a storage account without losing updates; a failed
 * condition (412, or 409 BlobAlreadyExists) is a ConcurrencyError, as in the other stores.
 */
export class AzureBlobStore implements KeyValueStore {
  readonly container: ContainerClient;
  private readonly listConcurrency: number;
  private readonly listPageSize: number;
  private ready?: Promise<void>;

  constructor(options: AzureBlobStoreOptions) {
    if (options.containerClient) this.container = options.containerClient;
    else if (options.connectionString) {
      this.container = BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(
        options.container ?? 'entra-companion',
      );
    } else throw new Error('AzureBlobStore needs a connection string or a container client');
    this.listConcurrency = options.listConcurrency ?? 16;
    this.listPageSize = options.listPageSize ?? 1000;
  }

  /** Creates the container on first use (idempotent, also when two instances race). */
  private ensureContainer(): Promise<void> {
    this.ready ??= this.container.createIfNotExists().then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    assertValidKey(key);
    await this.ensureContainer();
    const read = await this.read(blobNameOf(key));
    return read ? { key, value: JSON.parse(read.json) as T, etag: read.etag } : undefined;
  }

  async put<T>(key: string, value: T, options: PutOptions = {}): Promise<string> {
    assertValidKey(key);
    const name = checkedName(key);
    await this.ensureContainer();
    const json = JSON.stringify(value) ?? 'null';
    const conditions =
      options.ifNoneMatch === '*' ? { ifNoneMatch: '*' } : options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : undefined;
    try {
      const response = await this.container.getBlockBlobClient(name).upload(json, Buffer.byteLength(json), {
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        conditions,
      });
      if (!response.etag) throw new Error(`Azure Storage returned no ETag for "${key}"`);
      return response.etag;
    } catch (error) {
      if (conditions && isConditionFailure(error)) throw new ConcurrencyError(key);
      throw error;
    }
  }

  async delete(key: string, options: { ifMatch?: string } = {}): Promise<void> {
    assertValidKey(key);
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(blobNameOf(key));
    try {
      await blob.deleteIfExists(options.ifMatch !== undefined ? { conditions: { ifMatch: options.ifMatch } } : {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // A failed If-Match on a blob that is gone is a delete of a missing key: not an error.
      if (await blob.exists()) throw new ConcurrencyError(key);
    }
  }

  async list<T>(prefix: string): Promise<Array<StoredItem<T>>> {
    await this.ensureContainer();
    // A trailing '/' is encoded by what follows it, so ask Azure for the part before it and filter.
    const names: string[] = [];
    for await (const page of this.container
      .listBlobsFlat({ prefix: blobNameOf(prefix.replace(/\/+$/, '')) })
      .byPage({ maxPageSize: this.listPageSize })) {
      for (const blob of page.segment.blobItems) if (keyOfBlobName(blob.name).startsWith(prefix)) names.push(blob.name);
    }
    const items: Array<StoredItem<T> | undefined> = new Array(names.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const index = next++;
        const read = await this.read(names[index]);
        // A blob deleted between the listing and the read is simply not there any more.
        if (read) items[index] = { key: keyOfBlobName(names[index]), value: JSON.parse(read.json) as T, etag: read.etag };
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.listConcurrency, names.length) }, worker));
    return items.filter((item): item is StoredItem<T> => item !== undefined).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async close(): Promise<void> {}

  /** One GET: body and ETag of the same version. */
  private async read(name: string): Promise<{ json: string; etag: string } | undefined> {
    try {
      const response = await this.container.getBlockBlobClient(name).download();
      const json = await readAll(response.readableStreamBody);
      return { json, etag: response.etag ?? '' };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }
}

function checkedName(key: string): string {
  const name = blobNameOf(key);
  if (name.length > MAX_BLOB_NAME)
    throw new Error(`storage key too long for an Azure blob name (${name.length} > ${MAX_BLOB_NAME} once encoded): ${key.slice(0, 80)}`);
  return name;
}

/** 412 ConditionNotMet, 409 BlobAlreadyExists (If-None-Match: * on an existing blob), 404 on If-Match of a missing blob. */
function isConditionFailure(error: unknown): boolean {
  if (!(error instanceof RestError)) return false;
  return error.statusCode === 412 || (error.statusCode === 409 && error.code === 'BlobAlreadyExists') || error.statusCode === 404;
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
