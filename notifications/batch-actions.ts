/**
 * "Acknowledge all" and "Snooze all…" on a consolidated alert card. The card names only its stored
 * record (batches.ts); the alerts it lists come from there, and each is changed as its own card's
 * Acknowledge or Snooze… would change it (who and when; a snooze's length and reason), so its
 * reminders, resolution and later checks go on one alert at a time as before. What is wrong with a
 * click (a forged or broken payload, an id unknown here or of another chat, a snooze without a
 * reason) is an AppError from the catalogue that names it, raised before anything is written.
 */
import type { Actor, CardActionResult } from '../contract/card-action';
import type { ChatPlace } from '../contract/notifications';
import { BatchActionRequest, MAX_BATCH_ACTION_BYTES, SnoozeRequest } from '../contract/alert-rules';
import type { RoleDecision } from '../identity/tenant/admin-roles';
import { AppError, issuesLine } from '../platform/errors';
import { update, type KeyValueStore } from '../storage/store';
import { batchCard } from '../cards/alert-batch';
import { cardActivity, utc } from '../cards/alerts';
import type { BatchRecord, BatchStore } from './batches';
import type { Clock } from './clock';
import { keys } from './keys';
import type { Outbox } from './outbox';
import type { AlertRecord, OutboxItem } from './types';

export interface BatchActionsDeps {
  store: KeyValueStore;
  batches: BatchStore;
  outbox: Outbox;
  /** Hands stored outbox items to the sender. */
  deliver(items: OutboxItem[]): void;
  clock: Clock;
  tabUrl: string;
  mayManage(place: ChatPlace, actor: Actor): Promise<RoleDecision>;
}

/** Alert records written at once by one click (a card lists up to a few hundred). */
const WRITES_AT_ONCE = 8;

/** What a verb does to one listed alert (undefined: nothing to do), and to the record. */
interface BulkChange {
  alert(alert: AlertRecord): AlertRecord | undefined;
  record(record: BatchRecord, count: number): BatchRecord;
}

export class BatchActions {
  constructor(private readonly deps: BatchActionsDeps) {}

  async act(verb: string, place: ChatPlace, actor: Actor, data: Record<string, unknown>): Promise<CardActionResult> {
    const { batchId, hours, reason } = parsedRequest(data);
    if (verb !== 'batch.ack' && verb !== 'batch.snooze') throw new AppError('bad_request', `Unknown consolidated alert action "${verb}".`);
    const record = await this.deps.batches.get(place.tenantId, batchId);
    if (!record) {
      throw new AppError(
        'not_found',
        `No consolidated alert ${batchId} is tracked in this tenant: it is older than 30 days, or never was.`,
      );
    }
    if (record.conversationId !== place.conversationId) {
      throw new AppError('forbidden', 'That consolidated alert was posted in another chat: its alerts are acted on from there.');
    }
    const decision = await this.deps.mayManage(place, actor);
    if (!decision.allowed) return { message: `Sorry, ${decision.reason}.` };
    const now = this.deps.clock.now();
    const by = actor.name ?? 'an admin';
    let change: BulkChange;
    if (verb === 'batch.snooze') {
      const parsed = SnoozeRequest.safeParse({ hours, reason });
      if (!parsed.success) throw new AppError('bad_request', `That snooze is not valid: ${issuesLine(parsed.error.issues)}`);
      const snoozed = { by, at: now, until: now + parsed.data.hours * 3_600_000, reason: parsed.data.reason };
      change = {
        alert: (alert) => (alert.acknowledged ? undefined : { ...alert, snoozed }),
        record: (current, count) => ({ ...current, snoozed: { ...snoozed, count } }),
      };
    } else {
      if (record.acknowledged) return { card: await this.card(record, now) };
      change = {
        alert: (alert) => (alert.acknowledged ? undefined : { ...alert, acknowledged: { by, at: now } }),
        record: (current, count) => ({ ...current, acknowledged: { by, at: now, count } }),
      };
    }
    const count = await this.changeAlerts(record, change);
    const next = (await this.deps.batches.change(record.tenantId, record.id, (current) => change.record(current, count))) ?? record;
    const card = await this.card(next, now);
    await this.updateCard(next, card, now);
    return { card };
  }

  /** Changes each listed alert that is still open in the episode the card told; returns how many changed. */
  private async changeAlerts(record: BatchRecord, change: BulkChange): Promise<number> {
    let count = 0;
    const members = [...record.members];
    const worker = async (): Promise<void> => {
      for (let member = members.shift(); member; member = members.shift()) {
        const { alertId, episode } = member;
        let changed = false;
        await update<AlertRecord>(this.deps.store, keys.alert(record.tenantId, alertId), (alert) => {
          const next = alert?.status === 'open' && alert.episode === episode ? change.alert(alert) : undefined;
          changed = next !== undefined;
          return next;
        });
        if (changed) count++;
      }
    };
    await Promise.all(Array.from({ length: WRITES_AT_ONCE }, worker));
    return count;
  }

  /** The consolidated card as it stands: the listed alerts now, and what was done to them all. */
  private async card(record: BatchRecord, now: number): Promise<Record<string, unknown>> {
    const alerts: AlertRecord[] = [];
    for (const { alertId } of record.members) {
      const alert = (await this.deps.store.get<AlertRecord>(keys.alert(record.tenantId, alertId)))?.value;
      if (alert) alerts.push(alert);
    }
    const n = record.members.length;
    let state: { line: string; detail: string } | undefined;
    if (record.acknowledged) {
      const { by, at, count } = record.acknowledged;
      state = {
        line: `Acknowledged by ${by} at ${utc(at)}`,
        detail: `${count} of the ${n} listed acknowledged now${others(n - count, 'were acknowledged before')}; none of them reminds again.`,
      };
    } else if (record.snoozed && record.snoozed.until > now) {
      const { by, at, until, reason, count } = record.snoozed;
      state = {
        line: `Snoozed by ${by} at ${utc(at)} until ${utc(until)}: “${reason}”`,
        detail: `${count} of the ${n} listed snoozed${others(n - count, 'are acknowledged')}; their reminders wait until then.`,
      };
    }
    return batchCard(
      {
        kind: record.kind,
        code: record.code,
        alerts,
        warningDays: record.warningDays,
        batchId: record.id,
        ...(state ? { state } : {}),
        settled: Boolean(record.acknowledged),
      },
      { tabUrl: this.deps.tabUrl, now, warningDays: record.warningDays },
    );
  }

  /** Replaces the consolidated message for everyone in the chat, through the outbox (rate limits, retries). */
  private async updateCard(record: BatchRecord, card: Record<string, unknown>, now: number): Promise<void> {
    const sent = await this.deps.outbox.get(keys.outboxItem(record.tenantId, record.eventKey, record.conversationId));
    if (!sent || sent.status !== 'sent' || !sent.activityId) return;
    const item = await this.deps.outbox.enqueue({
      tenantId: record.tenantId,
      conversationId: record.conversationId,
      eventKey: `${record.eventKey}.update.${sent.activityId}.${now}`,
      kind: 'update',
      reference: sent.reference,
      activity: cardActivity(card, String(sent.activity.summary ?? '')),
      replaces: sent.activityId,
    });
    if (item) this.deps.deliver([item]);
  }
}

/** The click's data, checked before anything is read or written: size first, then its fields. */
function parsedRequest(data: Record<string, unknown>): BatchActionRequest {
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > MAX_BATCH_ACTION_BYTES) {
    throw new AppError(
      'payload_too_large',
      `That consolidated alert action carries ${bytes} bytes; it carries at most ${MAX_BATCH_ACTION_BYTES} (an id, a length, a reason).`,
    );
  }
  const { verb: _verb, msteams: _msteams, ...fields } = data;
  const parsed = BatchActionRequest.safeParse(fields);
  if (!parsed.success)
    throw new AppError('bad_request', `That consolidated alert action is not valid: ${issuesLine(parsed.error.issues, 'data')}`);
  return parsed.data;
}

/** " (the other 2 were acknowledged before, or resolved)": why not every listed alert changed; nothing when all did. */
function others(rest: number, why: string): string {
  return rest === 0 ? '' : ` (the other ${rest} ${why}, or resolved)`;
}
