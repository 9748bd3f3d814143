import type { Finding } from '../identity/tenant/findings';
import { evaluateHealth } from '../identity/tenant/rules';
import { DEFAULT_THRESHOLDS, type HealthThresholds } from '../identity/tenant/thresholds';
import { dataOf } from '../identity/tenant/summary';
import type { Logger } from '../platform/logger';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import { ConcurrencyError, type KeyValueStore } from '../storage/store';
import { advanceAlerts, DEFAULT_POLICY, planDeliveries, type AlertEvent, type AlertPolicy, type Delivery } from './alert-state';
import { alertCard, cardActivity, digestCard, resolvedCard } from '../cards/alerts';
import { batchCard, batchTitle } from '../cards/alert-batch';
import { BatchClaims } from './batch-claims';
import { BatchStore } from './batches';
import { CONSOLIDATE_ABOVE, consolidate } from './consolidate';
import type { Clock } from './clock';
import type { InstallationStore } from './installations';
import { keys } from './keys';
import { alertInputOf, appsDue, DEFAULT_APPS_INTERVAL_HOURS, isAppCode } from './app-watch';
import { observationOf, recordObservation } from './observations';
import type { Outbox } from './outbox';
import type { ExclusionStore } from './exclusions';
import type { SubscriptionStore } from './subscriptions';
import type { Subscription } from '../contract/notifications';
import { referenceOf, type AlertRecord, type OutboxItem } from './types';

export interface WatcherDeps {
  store: KeyValueStore;
  snapshots: SnapshotSource;
  installations: InstallationStore;
  subscriptions: SubscriptionStore;
  /** The tenant's exclusions: what they cover sends nothing while they last. */
  exclusions: ExclusionStore;
  outbox: Outbox;
  /** Hands newly stored outbox items to the sender. */
  deliver: (items: OutboxItem[]) => void;
  clock: Clock;
  tabUrl: string;
  logger: Logger;
  policy?: AlertPolicy;
  thresholdsFor?: (tenantId: string) => Promise<HealthThresholds | undefined>;
  /** WATCH_APPS_INTERVAL_HOURS: how often a scheduled check also reads the apps (app-watch.ts). */
  appsIntervalHours?: number;
  /** More new alerts (reminders, resolutions) of one code than this to one conversation in one check go as one message (consolidate.ts). */
  consolidateAbove?: number;
}

export interface CheckOptions {
  /** Read the apps now, whatever the interval says (the manual trigger: someone asked). */
  apps?: boolean;
}

export type CheckResult =
  { ok: true; tenantId: string; findings: number; events: AlertEvent[]; queued: number } | { ok: false; tenantId: string; error: string };

/** Resolved alerts are forgotten after this long (a finding back later is simply new). */
const RESOLVED_RETENTION_MS = 30 * 86_400_000;

/**
 * One check of one tenant: snapshot (app-only Graph, no cache) -> findings -> observation for the
 * history chart -> alert state diff -> deliveries into the outbox -> alert state saved. The outbox
 * is written first: a crash in between re-plans the same idempotency keys, which the outbox dedupes.
 */
export class Watcher {
  private readonly locks = new Map<string, Promise<CheckResult>>();
  private readonly claims: BatchClaims;
  private readonly batches: BatchStore;

  constructor(private readonly deps: WatcherDeps) {
    this.claims = new BatchClaims(deps.store, deps.outbox);
    this.batches = new BatchStore(deps.store);
  }

  /** Checks are serialised per tenant: the schedule and a manual trigger never interleave. */
  check(tenantId: string, options: CheckOptions = {}): Promise<CheckResult> {
    const previous = this.locks.get(tenantId) ?? Promise.resolve(undefined as unknown as CheckResult);
    const next = previous.catch(() => undefined).then(() => this.run(tenantId, options));
    this.locks.set(tenantId, next);
    void next
      .finally(() => {
        if (this.locks.get(tenantId) === next) this.locks.delete(tenantId);
      })
      .catch(() => undefined);
    return next;
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.locks.values()]);
  }

  private async run(tenantId: string, options: CheckOptions): Promise<CheckResult> {
    const { store, clock, logger } = this.deps;
    const appsEveryMs = (this.deps.appsIntervalHours ?? DEFAULT_APPS_INTERVAL_HOURS) * 3_600_000;
    const includeApps = await appsDue(store, tenantId, clock.now(), appsEveryMs, options.apps === true);
    let snapshot;
    try {
      snapshot = await this.deps.snapshots.snapshot(tenantId, { refresh: true, includeApps });
    } catch (error) {
      // No data is not "healthy": nothing resolves, nothing is observed.
      logger.warn('tenant check failed', { tenantId, error: (error as Error).message });
      return { ok: false, tenantId, error: (error as Error).message };
    }
    // The check's instant is after the read, as the tab's and the bot's status are: noted before
    // it, a sync served as 7 hours ago was judged (and titled) "6 hours ago" when the read took long
    // enough to reach the next second of the dev tenant's clock, or of Graph's.
    const now = clock.now();
    const thresholds = (await this.deps.thresholdsFor?.(tenantId)) ?? DEFAULT_THRESHOLDS;
    const report = evaluateHealth(snapshot, new Date(now), thresholds);
    // The history is about sync: app findings, read only every few hours, stay out of it.
    const syncReport = { ...report, findings: report.findings.filter((f) => !isAppCode(f.code)) };
    await recordObservation(store, tenantId, observationOf(snapshot, syncReport, now), now);
    const input = await alertInputOf(store, tenantId, snapshot, report, now, thresholds);

    const stored = await store.list<AlertRecord>(keys.alerts(tenantId));
    const etags = new Map(stored.map((item) => [item.value.id, item.etag]));
    const before = new Map(stored.map((item) => [item.value.id, JSON.stringify(item.value)]));
    const { alerts, events } = advanceAlerts(
      tenantId,
      stored.map((item) => item.value),
      { ...input, now },
      this.deps.policy ?? DEFAULT_POLICY,
    );
    const subscriptions = await this.deps.subscriptions.list(tenantId);
    const exclusions = await this.deps.exclusions.list(tenantId);
    const planned = planDeliveries(alerts, events, subscriptions, now, exclusions);
    const codes = new Map(alerts.map((a) => [a.id, a.code]));
    const deliveries = consolidate(planned.deliveries, (id) => codes.get(id), this.deps.consolidateAbove ?? CONSOLIDATE_ABOVE);
    const organization = dataOf(snapshot.organization)?.displayName ?? 'your tenant';
    const warningDays = thresholds.apps.credential.warningDaysBeforeExpiry;
    const queued = await this.enqueue(tenantId, deliveries, alerts, subscriptions, { organization, now, warningDays });
    if (includeApps) {
      await this.claims.prune(tenantId, now, RESOLVED_RETENTION_MS);
      await this.batches.prune(tenantId, now, RESOLVED_RETENTION_MS);
    }

    for (const alert of alerts) {
      if (alert.status === 'resolved' && alert.resolvedAt !== undefined && now - alert.resolvedAt > RESOLVED_RETENTION_MS) {
        await store.delete(keys.alert(tenantId, alert.id));
        continue;
      }
      if (before.get(alert.id) !== JSON.stringify(alert)) await this.save(alert, etags.get(alert.id));
    }
    for (const { conversationId, date } of planned.digestServed)
      await this.deps.subscriptions.setDigestDate(tenantId, conversationId, date);
    this.deps.deliver(queued);
    if (events.length) logger.info('alert events', { tenantId, events: events.map((e) => e.kind), queued: queued.length });
    return { ok: true, tenantId, findings: report.findings.length, events, queued: queued.length };
  }

  /** Renders each delivery and stores it in the outbox (a second plan of the same event is a no-op). */
  private async enqueue(
    tenantId: string,
    deliveries: Delivery[],
    alerts: AlertRecord[],
    subscriptions: Subscription[],
    { organization, now, warningDays }: { organization: string; now: number; warningDays: number },
  ): Promise<OutboxItem[]> {
    const installations = new Map((await this.deps.installations.list(tenantId)).map((i) => [i.conversationId, i]));
    const byId = new Map(alerts.map((a) => [a.id, a]));
    const subs = new Map(subscriptions.map((s) => [s.conversationId, s]));
    const queued: OutboxItem[] = [];
    const context = { tabUrl: this.deps.tabUrl, now, warningDays };
    for (const delivery of deliveries) {
      const installation = installations.get(delivery.conversationId);
      if (!installation) {
        this.deps.logger.warn('subscription without an installation; skipped', { tenantId, conversationId: delivery.conversationId });
        continue;
      }
      const alert = delivery.alertId ? byId.get(delivery.alertId) : undefined;
      let card: Record<string, unknown>;
      let summary: string;
      if (delivery.kind === 'digest') {
        const subscription = subs.get(delivery.conversationId)!;
        const listed = new Set(delivery.alertIds ?? []);
        const open = alerts.filter((a) => listed.has(a.id));
        card = digestCard(open, subscription, organization, context, delivery.excluded ?? 0);
        summary = `Daily digest: ${open.length} open sync-health alert(s)`;
      } else if (delivery.batch && delivery.kind !== 'test') {
        const members = new Map((delivery.alertIds ?? []).map((id, i) => [id, delivery.memberEventKeys?.[i] ?? '']));
        const mine = await this.claims.claim(tenantId, delivery.conversationId, delivery.eventKey, members, now);
        let listed = mine.flatMap((id) => byId.get(id) ?? []);
        if (!listed.length) continue;
        let batchId: string | undefined;
        if (delivery.kind !== 'resolved') {
          // The record "Acknowledge all" and "Snooze all…" act on; a re-plan gets the first one stored.
          const record = await this.batches.record({
            tenantId,
            conversationId: delivery.conversationId,
            code: delivery.batch,
            kind: delivery.kind,
            eventKey: delivery.eventKey,
            members: listed.map((a) => ({ alertId: a.id, episode: a.episode })),
            warningDays,
            createdAt: now,
          });
          listed = record.members.flatMap((m) => byId.get(m.alertId) ?? []);
          batchId = record.id;
        }
        const batch = { kind: delivery.kind, code: delivery.batch, alerts: listed, warningDays, ...(batchId ? { batchId } : {}) };
        card = batchCard(batch, context);
        summary = `${delivery.kind === 'resolved' ? 'Resolved: ' : delivery.kind === 'reminder' ? 'Reminder: ' : ''}${batchTitle(batch)}`;
      } else if (!alert) {
        continue;
      } else if (!(await this.claims.claimSingle(tenantId, delivery.conversationId, delivery.eventKey, now))) {
        // Listed by a consolidated message of another check of the same alerts.
        continue;
      } else if (delivery.kind === 'resolved') {
        card = resolvedCard(alert, context);
        summary = `Resolved: ${alert.finding.title}`;
      } else {
        // Automatic refresh for whoever subscribed this conversation: the admin who acts on its alerts.
        card = alertCard(alert, delivery.kind, { ...context, refreshUserIds: [subs.get(delivery.conversationId)?.subscribedBy.id ?? ''] });
        summary = `${delivery.kind === 'reminder' ? 'Reminder' : 'Alert'}: ${alert.finding.title}`;
      }
      const item = await this.deps.outbox.enqueue({
        tenantId,
        conversationId: delivery.conversationId,
        eventKey: delivery.eventKey,
        kind: delivery.kind,
        ...(delivery.alertId ? { alertId: delivery.alertId } : {}),
        reference: referenceOf(installation),
        activity: cardActivity(card, summary),
      });
      if (item) queued.push(item);
    }
    return queued;
  }

  /** Saves the check's view of an alert; an Acknowledge or Snooze written meanwhile is kept. */
  private async save(alert: AlertRecord, etag: string | undefined): Promise<void> {
    const key = keys.alert(alert.tenantId, alert.id);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.deps.store.put(key, alert, etag ? { ifMatch: etag } : { ifNoneMatch: '*' });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        const current = await this.deps.store.get<AlertRecord>(key);
        etag = current?.etag;
        if (current && current.value.episode === alert.episode && alert.status === 'open') {
          if (current.value.acknowledged) alert.acknowledged = current.value.acknowledged;
          if (current.value.snoozed) alert.snoozed = current.value.snoozed;
        }
      }
    }
    throw new Error(`could not save alert ${alert.id}: too many concurrent writes`);
  }
}

/** A finding for the "send a test alert" trigger. */
export function testFinding(now: number): Finding {
  return {
    code: 'sync.stale',
    severity: 'info',
    title: 'Test alert from Entra Companion',
    subject: 'test',
    evidence: { requestedAt: new Date(now).toISOString() },
    action: 'Nothing to fix: this checks that alerts reach this conversation.',
    link: 'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler',
  };
}
