/**
 * Consolidated alerts as stored records: one per consolidated card (one conversation, one batch event),
 * naming the alerts it lists and the episode each was in, and what an admin did to them all from it.
 * The card carries only the record's id, so its action data stays a few bytes however many alerts
 * it lists, and a forged card cannot name alerts of its own choosing.
 */
import { createHash } from 'node:crypto';
import type { FindingCode } from '../identity/tenant/findings';
import { ConcurrencyError, update, type KeyValueStore } from '../storage/store';
import { keys } from './keys';

export interface BatchRecord {
  id: string;
  tenantId: string;
  conversationId: string;
  code: FindingCode;
  kind: 'new' | 'reminder';
  /** The consolidated message's event key (its outbox item is keyed by it and the conversation). */
  eventKey: string;
  /** The alerts the card lists, each in the episode it was told in. */
  members: Array<{ alertId: string; episode: number }>;
  /** The tenant's credential warning window when the card was sent ("expiring within 30 days"). */
  warningDays: number;
  createdAt: number;
  /** "Acknowledge all": who, when, and how many of the listed alerts it acknowledged. */
  acknowledged?: { by: string; at: number; count: number };
  /** "Snooze all…": who, when, until when, why, and how many it snoozed. */
  snoozed?: { by: string; at: number; until: number; reason: string; count: number };
}

/** The id of the consolidated card of one batch event in one conversation: the same on every re-plan. */
export function batchIdOf(eventKey: string, conversationId: string): string {
  return createHash('sha256').update(`${eventKey}\n${conversationId}`).digest('hex').slice(0, 16);
}

export class BatchStore {
  constructor(private readonly store: KeyValueStore) {}

  /**
   * Stores the record of a consolidated card (create-only) and returns the stored one: a re-plan of
   * the same batch, here or on another instance, gets the first record, so card and record agree.
   */
  async record(batch: Omit<BatchRecord, 'id'>): Promise<BatchRecord> {
    const id = batchIdOf(batch.eventKey, batch.conversationId);
    const key = keys.batch(batch.tenantId, id);
    const record: BatchRecord = { id, ...batch };
    try {
      await this.store.put(key, record, { ifNoneMatch: '*' });
      return record;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return (await this.store.get<BatchRecord>(key))?.value ?? record;
    }
  }

  async get(tenantId: string, id: string): Promise<BatchRecord | undefined> {
    return (await this.store.get<BatchRecord>(keys.batch(tenantId, id)))?.value;
  }

  /** Read-modify-write of one record (undefined from `change`: leave it). */
  change(tenantId: string, id: string, change: (record: BatchRecord) => BatchRecord | undefined): Promise<BatchRecord | undefined> {
    return update<BatchRecord>(this.store, keys.batch(tenantId, id), (record) => (record ? change(record) : undefined));
  }

  /** Forgets records older than `maxAgeMs` (their alerts are long resolved or reminded anew). */
  async prune(tenantId: string, now: number, maxAgeMs: number): Promise<void> {
    for (const { key, value } of await this.store.list<BatchRecord>(keys.batches(tenantId))) {
      if (now - value.createdAt > maxAgeMs) await this.store.delete(key);
    }
  }
}
