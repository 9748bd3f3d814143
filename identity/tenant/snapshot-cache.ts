import type { GraphPort } from '../../platform/graph/port';
import { readSnapshot } from './reader';
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
  includeApps: boolean;
  value: Promise<TenantSnapshot>;
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
 * served. Concurrent requests with the same key share one read.
 */
export class CachedSnapshots implements SnapshotSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly graphFor: (tenantId: string) => GraphPort,
    private readonly ttlMs = DEFAULT_SNAPSHOT_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  snapshot(tenantId: string, request: SnapshotRequest = {}, access?: CallerAccess): Promise<TenantSnapshot> {
    const includeApps = request.includeApps ?? false;
    const readAs: ReadIdentity = access?.readAs ?? APP_ONLY;
    const key = `${tenantId}\n${accessKey(readAs)}`;
    const cached = this.entries.get(key);
    const fresh = cached && this.clock() - cached.at < this.ttlMs;
    if (cached && fresh && !request.refresh && (cached.includeApps || !includeApps)) return cached.value;
    const graph = access?.graph ?? this.graphFor(tenantId);
    const value = readSnapshot(graph, { now: new Date(this.clock()), includeApps, readAs });
    const entry: Entry = { at: this.clock(), includeApps, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
