import { randomUUID } from 'node:crypto';
import { exclusionState, type Exclusion, type ExclusionRequest } from '../contract/alert-rules';
import { AppError } from '../platform/errors';
import { update, type KeyValueStore } from '../storage/store';
import { keys } from './keys';

/** Ended exclusions stay listed in the tab this long, then they are forgotten. */
const ENDED_RETENTION_MS = 30 * 86_400_000;

export class ExclusionNotFoundError extends AppError {
  constructor(id: string) {
    super('not_found', `no exclusion ${id} in this tenant`);
  }
}

/** What an exclusion was set on: the finding's title as the admin saw it, and for an app its display name when known. */
export interface ExclusionAbout {
  title: string;
  appName?: string;
}

/** Who sets or revokes an exclusion. */
export interface ExclusionActor {
  name: string;
  id?: string;
}

/**
 * A tenant's exclusions in storage, one item each. Never deleted by an admin: revoking marks it
 * ended (who, when), so the tab shows what was excluded and by whom; ended ones are forgotten
 * after 30 days.
 */
export class ExclusionStore {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number,
  ) {}

  /** Every exclusion of the tenant (in force or ended within the retention); prunes older ones. */
  async list(tenantId: string): Promise<Exclusion[]> {
    const now = this.now();
    const out: Exclusion[] = [];
    for (const item of await this.store.list<Exclusion>(keys.exclusions(tenantId))) {
      const ended = item.value.revokedAt ?? (exclusionState(item.value, now) === 'expired' ? item.value.expiresAt : undefined);
      if (ended && now - Date.parse(ended) > ENDED_RETENTION_MS) {
        await this.store.delete(item.key, { ifMatch: item.etag }).catch(() => undefined);
        continue;
      }
      out.push(item.value);
    }
    return out;
  }

  /**
   * Stores a parsed request (the caller checked the actor may); expires `expiresInDays` from now.
   * `about`: what it was set on as the admin saw it, and for scope "app" the app's name when known.
   */
  async add(tenantId: string, request: ExclusionRequest, about: ExclusionAbout, by: ExclusionActor): Promise<Exclusion> {
    const now = this.now();
    const exclusion: Exclusion = {
      id: randomUUID(),
      scope: request.scope,
      ...(request.code ? { code: request.code } : {}),
      subject: request.subject,
      title: about.title,
      ...(request.scope === 'app' && about.appName ? { appName: about.appName } : {}),
      reason: request.reason,
      createdBy: by,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + request.expiresInDays * 86_400_000).toISOString(),
    };
    await this.store.put(keys.exclusion(tenantId, exclusion.id), exclusion, { ifNoneMatch: '*' });
    return exclusion;
  }

  /** Ends an exclusion in force now (it stays listed as revoked); one that is unknown or has ended already is not found. */
  async revoke(tenantId: string, id: string, by: ExclusionActor): Promise<Exclusion> {
    const at = new Date(this.now()).toISOString();
    let revoked: Exclusion | undefined;
    await update<Exclusion>(this.store, keys.exclusion(tenantId, id), (current) => {
      revoked = current && exclusionState(current, this.now()) === 'active' ? { ...current, revokedBy: by, revokedAt: at } : undefined;
      return revoked;
    });
    if (!revoked) throw new ExclusionNotFoundError(id);
    return revoked;
  }
}
