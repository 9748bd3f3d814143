import { randomUUID } from 'node:crypto';
import { RestError, type BlobLeaseClient, type ContainerClient } from '@azure/storage-blob';
import { blobNameOf } from './azure-blob';
import { AppError } from '../platform/errors';

/**
 * A named, time-limited exclusive right, e.g. "watcher/<tenant id>": only the instance holding a
 * tenant's lease runs that tenant's watcher. The holder's lease renews itself in the background
 * (every ttl/3); if a renewal fails (storage unreachable, or the lease expired and someone else took
 * it), `signal` aborts and `held` turns false, and the holder must stop the work at once. A crashed
 * holder stops renewing, so another instance can take the lease at most ttlSeconds later.
 *
 * @example
 * const lease = await leases.acquireLease(`watcher/${tenantId}`, 30);
 * if (!lease) return; // another instance runs this tenant's watcher
 * try { await runWatcher(tenantId, lease.signal); } finally { await lease.release(); }
 */
export interface Lease {
  readonly name: string;
  /** True until released or lost. */
  readonly held: boolean;
  /** Aborts when the lease is lost (not when it is released). */
  readonly signal: AbortSignal;
  /** Stops renewing and gives the lease up so another instance can take it now. Idempotent. */
  release(): Promise<void>;
}

export interface LeaseManager {
  /**
   * Takes the lease if nobody holds it (or the holder let it expire); undefined when someone else
   * holds it. ttlSeconds must be 15..60 (Azure blob lease limits; the memory manager keeps them too).
   */
  acquireLease(name: string, ttlSeconds: number): Promise<Lease | undefined>;
  /** Releases every lease this manager holds (server shutdown). */
  close(): Promise<void>;
}

export class LeaseError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

function checkTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 15 || ttlSeconds > 60)
    throw new LeaseError(`lease ttl must be an integer from 15 to 60 seconds, not ${ttlSeconds}`);
}

/** Stops a lease's renewals without releasing it: what a crashed instance looks like (tests). */
export function abandonLease(lease: Lease): void {
  if (lease instanceof RenewingLease) lease.abandon();
}

/** Shared plumbing: renew every ttl/3, abort the signal when a renewal fails. */
class RenewingLease implements Lease {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  private state: 'held' | 'released' | 'lost' = 'held';

  constructor(
    readonly name: string,
    ttlSeconds: number,
    private readonly renewOnce: () => Promise<void>,
    private readonly releaseOnce: () => Promise<void>,
    private readonly onEnd: (lease: RenewingLease) => void,
  ) {
    this.timer = setInterval(() => void this.renew(), (ttlSeconds * 1000) / 3);
    this.timer.unref();
  }

  get held(): boolean {
    return this.state === 'held';
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private async renew(): Promise<void> {
    if (this.state !== 'held') return;
    try {
      await this.renewOnce();
    } catch {
      this.lose();
    }
  }

  /** The lease is gone (renewal failed); stop and tell the holder. */
  lose(): void {
    if (this.state !== 'held') return;
    this.state = 'lost';
    clearInterval(this.timer);
    this.onEnd(this);
    this.controller.abort(new LeaseError(`lease "${this.name}" was lost`));
  }

  abandon(): void {
    if (this.state !== 'held') return;
    this.state = 'released';
    clearInterval(this.timer);
    this.onEnd(this);
  }

  async release(): Promise<void> {
    if (this.state !== 'held') return;
    this.state = 'released';
    clearInterval(this.timer);
    this.onEnd(this);
    await this.releaseOnce().catch(() => undefined);
  }
}

/**
 * Leases in one process (tests, a single instance, the embedded default). Instances sharing one
 * MemoryLeaseManager behave like instances sharing one storage account.
 */
export class MemoryLeaseManager implements LeaseManager {
  private readonly leases = new Map<string, { token: string; expiresAt: number }>();
  private readonly mine = new Set<RenewingLease>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquireLease(name: string, ttlSeconds: number): Promise<Lease | undefined> {
    checkTtl(ttlSeconds);
    const current = this.leases.get(name);
    if (current && current.expiresAt > this.now()) return undefined;
    const token = randomUUID();
    this.leases.set(name, { token, expiresAt: this.now() + ttlSeconds * 1000 });
    const lease = new RenewingLease(
      name,
      ttlSeconds,
      async () => {
        const entry = this.leases.get(name);
        if (!entry || entry.token !== token || entry.expiresAt <= this.now()) throw new LeaseError(`lease "${name}" expired`);
        entry.expiresAt = this.now() + ttlSeconds * 1000;
      },
      async () => {
        if (this.leases.get(name)?.token === token) this.leases.delete(name);
      },
      (ended) => this.mine.delete(ended),
    );
    this.mine.add(lease);
    return lease;
  }

  async close(): Promise<void> {
    await Promise.all([...this.mine].map((lease) => lease.release()));
  }
}

/**
 * Leases on Azure blob leases: one empty blob per name under `leases/` in the store's container.
 * Azure enforces exclusivity and expiry, so it holds across instances and machines.
 */
export class AzureLeaseManager implements LeaseManager {
  private readonly mine = new Set<RenewingLease>();
  private ready?: Promise<void>;

  constructor(private readonly container: ContainerClient) {}

  async acquireLease(name: string, ttlSeconds: number): Promise<Lease | undefined> {
    checkTtl(ttlSeconds);
    this.ready ??= this.container.createIfNotExists().then(() => undefined);
    await this.ready;
    const blob = this.container.getBlockBlobClient(`leases/${blobNameOf(name)}`);
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      // Already there (409 BlobAlreadyExists), or there with an active lease (412): both fine.
      if (!(error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412))) throw error;
    }
    const client: BlobLeaseClient = blob.getBlobLeaseClient(randomUUID());
    try {
      await client.acquireLease(ttlSeconds);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 409) return undefined; // LeaseAlreadyPresent
      throw error;
    }
    const lease = new RenewingLease(
      name,
      ttlSeconds,
      async () => {
        await client.renewLease();
      },
      async () => {
        await client.releaseLease();
      },
      (ended) => this.mine.delete(ended),
    );
    this.mine.add(lease);
    return lease;
  }

  async close(): Promise<void> {
    await Promise.all([...this.mine].map((lease) => lease.release()));
  }
}
