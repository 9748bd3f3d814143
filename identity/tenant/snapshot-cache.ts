import type { GraphPort } from '../../platform/graph/port';
import { readSnapshot, withApps } from './reader';
import { APP_ONLY, type ReadIdentity, type TenantSnapshot } from './snapshot';

export interface SnapshotRequest {
  includeApps?: boolean;
  /** Skip the cache (the tab's Refresh, the watcher). */
  refresh?: boolean;
}

/** A caller's own Graph access (the tab's on-behalf-of token) and whose it is. */
export interface CallerAccess {
  graph: GraphPort;
  readAs: Extract<ReadIdentity, { kind: 'user' }>;
}

/** Where snapshots of a tenant come from, cached per tenant and per kind of access. */
export interface SnapshotSource {
  /** Without `access`, reads with the app's own access (app-only). */
  snapshot(tenantId: string, request?: SnapshotRequest, access?: CallerAccess): Promise<TenantSnapshot>;
}

/** How long a snapshot is served from memory; sync runs every 30 minutes, so one minute loses nothing. */
export const DEFAULT_SNAPSHOT_TTL_MS = 60_000;

interface Entry {
  at: number;
  /** The status read; once the apps are read on top of it, the snapshot with them (a status request then gets app findings too). */
  value: Promise<TenantSnapshot>;
  /** The apps read on top of this entry's status, in flight or done. */
  withApps?: Promise<TenantSnapshot>;
}

/**
 * What a reader is allowed to read decides what a snapshot holds: app-only access never gets sync
 * settings, a Global Administrator's token gets what a Security Reader's does not. So snapshots are
 * shared only between readers with the same access: app-only, or users holding exactly the same
 * directory roles (the delegated permissions are the app's, consented tenant-wide by an admin, so
 * roles are what differ between users of a tenant).
 */
export function accessKey(readAs: ReadIdentity): string {
  return readAs.kind === 'app' ? 'app' : `roles:${[...new Set(readAs.roles.map((r) => r.toLowerCase()))].sort().join(',')}`;
}

/**
 * Reads snapshots through a Graph port and keeps each for a short TTL, keyed by tenant id and by
 * access (accessKey), so neither another tenant's answer nor one read with more rights is ever
 * served. Concurrent requests with the same key share one read, and the status is read once per
 * entry: a request for the apps builds on the status already read or in flight (the tab's overview
 * asks for its status and its app counts at once), and a status request never waits for apps.
 */
export class CachedSnapshots implements SnapshotSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly graphFor: (tenantId: string) => GraphPort,
    private readonly ttlMs = DEFAULT_SNAPSHOT_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  snapshot(tenantId: string, request: SnapshotRequest = {}, access?: CallerAccess): Promise<TenantSnapshot> {
    const readAs: ReadIdentity = access?.readAs ?? APP_ONLY;
    const key = `${tenantId}\n${accessKey(readAs)}`;
    const graph = (): GraphPort => access?.graph ?? this.graphFor(tenantId);
    let entry = this.entries.get(key);
    if (!entry || request.refresh || this.clock() - entry.at >= this.ttlMs) {
      const value = readSnapshot(graph(), { now: new Date(this.clock()), readAs });
      const read: Entry = { at: this.clock(), value };
      this.entries.set(key, read);
      value.catch(() => {
        if (this.entries.get(key) === read) this.entries.delete(key);
      });
      entry = read;
    }
    if (!request.includeApps) return entry.value;
    return entry.withApps ?? this.readApps(entry, graph());
  }

  /** Reads the apps on top of the entry's status; a failed apps read leaves the status cached and is tried again next time. */
  private readApps(entry: Entry, graph: GraphPort): Promise<TenantSnapshot> {
    const read = entry.value.then((status) => withApps(graph, status));
    entry.withApps = read;
    read.then(
      () => (entry.value = read),
      () => {
        if (entry.withApps === read) delete entry.withApps;
      },
    );
    return read;
  }
}
