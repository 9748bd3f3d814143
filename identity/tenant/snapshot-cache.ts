import type { GraphPort } from '../../platform/graph/port';
import { readSnapshot } from './reader';
import type { TenantSnapshot } from './snapshot';

export interface SnapshotRequest {
  includeApps?: boolean;
  /** Skip the cache (the tab's Refresh, the watcher). */
  refresh?: boolean;
}

/** Where snapshots of a tenant come from, cached per tenant. */
export interface SnapshotSource {
  /** `graph` reads with a caller's own access (the tab's on-behalf-of token) instead of the app's. */
  snapshot(tenantId: string, request?: SnapshotRequest, graph?: GraphPort): Promise<TenantSnapshot>;
}

/** How long a snapshot is served from memory; sync runs every 30 minutes, so one minute loses nothing. */
export const DEFAULT_SNAPSHOT_TTL_MS = 60_000;

interface Entry {
  at: number;
  includeApps: boolean;
  value: Promise<TenantSnapshot>;
}

/**
 * Reads snapshots through a Graph port per tenant and keeps each for a short TTL. Concurrent
 * requests for the same tenant share one read. Entries are keyed by tenant id only, so one
 * tenant's answer can never be served to another.
 */
export class CachedSnapshots implements SnapshotSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly graphFor: (tenantId: string) => GraphPort,
    private readonly ttlMs = DEFAULT_SNAPSHOT_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  snapshot(tenantId: string, request: SnapshotRequest = {}, graph?: GraphPort): Promise<TenantSnapshot> {
    const includeApps = request.includeApps ?? false;
    const cached = this.entries.get(tenantId);
    const fresh = cached && this.clock() - cached.at < this.ttlMs;
    if (cached && fresh && !request.refresh && (cached.includeApps || !includeApps)) return cached.value;
    const value = readSnapshot(graph ?? this.graphFor(tenantId), { now: new Date(this.clock()), includeApps });
    const entry: Entry = { at: this.clock(), includeApps, value };
    this.entries.set(tenantId, entry);
    value.catch(() => {
      if (this.entries.get(tenantId) === entry) this.entries.delete(tenantId);
    });
    return value;
  }
}
