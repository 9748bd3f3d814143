/**
 * Exactly once per alert event, with consolidated messages. An ordinary message is deduplicated by
 * its outbox key (the alert's event + conversation); a consolidated one lists many alert events
 * under a key of its own, so a check that sees only part of a batch (another instance was saving its
 * alerts meanwhile, or the tenant changed before a crashed check was re-run) would plan a different
 * batch or single alerts and tell some alerts twice. So a consolidated message first claims each of
 * its alert events for the conversation (a create-only write); an event told otherwise, or claimed by
 * another batch that was stored or is still being stored, is left out of it. A single message claims
 * its event the same way, as a batch of one, before it is stored: checking for a batch's claim and
 * then storing the single would let a batch claim the event in between and tell it twice. A claim
 * whose message never reached the outbox (its check crashed in between) is taken over once it is
 * CLAIM_STALE_MS old, so nothing is lost.
 */
import { ConcurrencyError, type KeyValueStore } from '../storage/store';
import { keys } from './keys';
import type { Outbox } from './outbox';

/** A claim older than this whose batch is not in the outbox belongs to a check that died: taken over. */
export const CLAIM_STALE_MS = 10 * 60_000;

interface BatchClaim {
  /** The event key of the message that lists the event: a consolidated message's, or the event's own for a single. */
  batch: string;
  at: number;
}

export class BatchClaims {
  constructor(
    private readonly store: KeyValueStore,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Claims the listed alert events (eventKey per alert id) for one consolidated message to one
   * conversation; returns the alert ids it may list, in the order given.
   */
  async claim(
    tenantId: string,
    conversationId: string,
    batch: string,
    members: ReadonlyMap<string, string>,
    now: number,
  ): Promise<string[]> {
    const mine: string[] = [];
    for (const [alertId, eventKey] of members) {
      if (await this.takeClaim(tenantId, conversationId, batch, eventKey, now)) mine.push(alertId);
    }
    return mine;
  }

  /**
   * Claims one alert event for its own single message (a claim naming the event itself); false when a
   * consolidated message holds it, and the single must stay unsent.
   */
  async claimSingle(tenantId: string, conversationId: string, eventKey: string, now: number): Promise<boolean> {
    return this.put(tenantId, conversationId, eventKey, eventKey, now);
  }

  /** Forgets claims older than `maxAgeMs` (as the outbox forgets its idempotency keys). */
  async prune(tenantId: string, now: number, maxAgeMs: number): Promise<void> {
    for (const { key, value } of await this.store.list<BatchClaim>(keys.batchClaims(tenantId))) {
      if (now - value.at > maxAgeMs) await this.store.delete(key);
    }
  }

  private async takeClaim(tenantId: string, conversationId: string, batch: string, eventKey: string, now: number): Promise<boolean> {
    if (!(await this.put(tenantId, conversationId, batch, eventKey, now))) return false;
    // Claimed; unless the event went out on its own before singles claimed theirs (an older instance's check).
    return !(await this.outbox.get(keys.outboxItem(tenantId, eventKey, conversationId)));
  }

  /** The create-only write of one event's claim for a message (a batch's event key, or the event's own for a single). */
  private async put(tenantId: string, conversationId: string, batch: string, eventKey: string, now: number): Promise<boolean> {
    const key = keys.batchClaim(tenantId, eventKey, conversationId);
    try {
      await this.store.put(key, { batch, at: now } satisfies BatchClaim, { ifNoneMatch: '*' });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      const current = await this.store.get<BatchClaim>(key);
      if (current && current.value.batch !== batch) {
        if (await this.holds(tenantId, conversationId, current.value, now)) return false;
        try {
          await this.store.put(key, { batch, at: now } satisfies BatchClaim, { ifMatch: current.etag });
        } catch (lost) {
          if (lost instanceof ConcurrencyError) return false;
          throw lost;
        }
      }
    }
    return true;
  }

  /** A claim stands while its batch is in the outbox, or is young enough to be on its way there. */
  private async holds(tenantId: string, conversationId: string, claim: BatchClaim, now: number): Promise<boolean> {
    if (now - claim.at < CLAIM_STALE_MS) return true;
    return (await this.outbox.get(keys.outboxItem(tenantId, claim.batch, conversationId))) !== undefined;
  }
}
