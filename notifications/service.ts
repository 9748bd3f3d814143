import type { LeaseManager } from '../storage/lease';
import type { WorkQueue } from '../storage/work-queue';
import type { Activity } from 'botbuilder';
import type { BotHost } from '../bot/adapter';
import type { Logger } from '../platform/logger';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import { update, type KeyValueStore } from '../storage/store';
import type { AlertPolicy } from './alert-state';
import { alertCard, cardActivity, resolvedCard } from '../cards/alerts';
import { systemClock, type Clock } from './clock';
import { installationChangeOf, InstallationStore, labelOf } from './installations';
import { keys } from './keys';
import { Outbox } from './outbox';
import { demoRoleChecker, type RoleChecker } from '../identity/tenant/admin-roles';
import { Sender, type SenderOptions } from './sender';
import { SubscriptionStore } from './subscriptions';
import { BotHostTransport, type Transport } from './transport';
import { referenceOf, type AlertRecord, type ConversationKind, type OutboxItem } from './types';
import { testFinding, Watcher, type CheckResult } from './watcher';
import { thresholdsFor } from './tab-port';

export interface NotificationServiceOptions {
  store: KeyValueStore;
  snapshots: SnapshotSource;
  /** Sends through the Bot Framework adapter; or pass `transport` (tests, bench). */
  botHost?: Pick<BotHost, 'continueConversation'>;
  transport?: Transport;
  roles?: RoleChecker;
  tabUrl: string;
  /** WATCH_INTERVAL_MINUTES; 0 = no schedule (manual trigger only). */
  watchIntervalMinutes: number;
  clock?: Clock;
  policy?: AlertPolicy;
  sender?: Omit<SenderOptions, 'clock' | 'logger' | 'onGone' | 'queue'>;
  /**
   * The outbox queue shared by every instance (Azure Queue Storage): each stored item is announced
   * on it and any instance's sender takes it from there. Without it, the instance that stores an
   * item sends it (single instance). Closed by stop().
   */
  queue?: WorkQueue;
  /**
   * Leases so that, across instances sharing storage, one instance at a time runs a tenant's
   * scheduled check (Azure blob leases in production; in-process otherwise).
   */
  leases?: LeaseManager;
  logger: Logger;
}

/** How long a watcher lease lasts between renewals (Azure blob leases allow 15–60 s). */
export const WATCHER_LEASE_SECONDS = 60;

export interface Actor {
  id: string;
  name?: string;
  aadObjectId?: string;
}

export interface ActionOutcome {
  card?: Record<string, unknown>;
  message?: string;
}

/** Snooze length of the card's "Snooze 24 h". */
export const SNOOZE_MS = 24 * 3_600_000;
/** Sent outbox items (idempotency keys) kept this long. */
const OUTBOX_RETENTION_MS = 14 * 86_400_000;

/**
 * Proactive sync-health notifications: installation tracking, subscriptions, the per-tenant watcher,
 * alert actions, and the durable outbox with its sender. One instance per server.
 */
export class NotificationService {
  readonly installations: InstallationStore;
  readonly subscriptions: SubscriptionStore;
  readonly outbox: Outbox;
  readonly sender: Sender;
  readonly watcher: Watcher;
  readonly roles: RoleChecker;
  readonly clock: Clock;
  private readonly transport: Transport;
  private timer?: NodeJS.Timeout;
  private tick?: Promise<unknown>;

  constructor(private readonly options: NotificationServiceOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    const logger = options.logger;
    this.installations = new InstallationStore(options.store, () => clock.now());
    this.subscriptions = new SubscriptionStore(options.store);
    this.outbox = new Outbox(options.store, () => clock.now(), {
      ...(options.queue ? { queue: options.queue } : {}),
      // Not announced: send it from here (the rescan would find it too, later).
      onAnnounceFailed: (item, error) => {
        logger.warn('outbox item not announced on the queue; sending it from this instance', { key: item.key, error: error.message });
        this.sender.add([item]);
      },
    });
    if (!options.transport && !options.botHost) throw new Error('NotificationService needs a botHost or a transport');
    this.transport = options.transport ?? new BotHostTransport(options.botHost!);
    this.roles = options.roles ?? demoRoleChecker;
    this.sender = new Sender(this.outbox, this.transport, {
      ...options.sender,
      clock,
      logger: logger.child('sender'),
      onGone: (item) => this.forget(item.tenantId, item.conversationId),
      ...(options.queue ? { queue: options.queue } : {}),
    });
    this.watcher = new Watcher({
      store: options.store,
      snapshots: options.snapshots,
      installations: this.installations,
      subscriptions: this.subscriptions,
      outbox: this.outbox,
      deliver: (items) => this.deliver(items),
      clock,
      tabUrl: options.tabUrl,
      logger: logger.child('watcher'),
      ...(options.policy ? { policy: options.policy } : {}),
      thresholdsFor: (tenantId) => thresholdsFor(options.store, tenantId).catch(() => undefined),
    });
  }

  /** Resumes the outbox and starts the schedule (timers unref'd: they never keep the process alive). */
  async start(): Promise<void> {
    await this.sender.start();
    const minutes = this.options.watchIntervalMinutes;
    if (minutes > 0) {
      this.timer = setInterval(() => {
        if (!this.tick) this.tick = this.checkAll().finally(() => (this.tick = undefined));
      }, minutes * 60_000);
      this.timer.unref();
    }
  }

  /** Stops the schedule, waits for running checks, lets sends in flight finish; the rest stays in the outbox. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.tick?.catch(() => undefined);
    await this.watcher.settled();
    await this.sender.stop();
    await this.options.leases?.close();
    await this.options.queue?.close();
  }

  /** Newly stored items: announced on the queue already (any instance sends them), else sent from here. */
  private deliver(items: OutboxItem[]): void {
    if (!this.options.queue) this.sender.add(items);
  }

  /**
   * Every tenant the app is installed in whose watcher lease this instance gets (another instance
   * holding it is already checking that tenant); also re-queues items a crashed sender left behind.
   */
  async checkAll(): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    for (const tenantId of await this.installations.tenants()) {
      const lease = this.options.leases ? await this.options.leases.acquireLease(`watcher/${tenantId}`, WATCHER_LEASE_SECONDS) : undefined;
      if (this.options.leases && !lease) continue;
      try {
        results.push(await this.watcher.check(tenantId));
      } finally {
        await lease?.release();
      }
    }
    await this.sender.rescan();
    await this.outbox.prune(OUTBOX_RETENTION_MS);
    return results;
  }

  check(tenantId: string): Promise<CheckResult> {
    return this.watcher.check(tenantId);
  }

  /** Channels and group chats of the tenant where the bot is installed: where a plan can be shared. */
  async shareTargets(tenantId: string): Promise<Array<{ conversationId: string; label: string }>> {
    const installations = await this.installations.list(tenantId);
    return installations
      .filter((i) => i.kind === 'channel' || i.kind === 'groupChat')
      .map((i) => ({ conversationId: i.conversationId, label: labelOf(i) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  /** Posts one message to an installed conversation of the tenant now (not through the outbox); false when it could not. */
  async post(tenantId: string, conversationId: string, activity: Record<string, unknown>): Promise<boolean> {
    const installation = await this.installations.get(tenantId, conversationId);
    if (!installation) return false;
    const outcome = await this.transport.send({ reference: referenceOf(installation), activity }).catch(() => ({ ok: false }));
    return outcome.ok;
  }

  /** Sends a test alert to every subscription of the tenant. */
  async sendTest(tenantId: string, requestId: string): Promise<number> {
    const now = this.clock.now();
    const finding = testFinding(now);
    const alert: AlertRecord = {
      id: 'test',
      tenantId,
      code: finding.code,
      subject: finding.subject,
      finding,
      status: 'open',
      episode: 1,
      openedAt: now,
      lastSeenAt: now,
      absentChecks: 0,
      reopened: 0,
      notified: {},
    };
    const installations = new Map((await this.installations.list(tenantId)).map((i) => [i.conversationId, i]));
    const queued: OutboxItem[] = [];
    for (const subscription of await this.subscriptions.list(tenantId)) {
      const installation = installations.get(subscription.conversationId);
      if (!installation) continue;
      const item = await this.outbox.enqueue({
        tenantId,
        conversationId: subscription.conversationId,
        eventKey: `test.${requestId}`,
        kind: 'test',
        reference: referenceOf(installation),
        activity: cardActivity(alertCard(alert, 'test', { tabUrl: this.options.tabUrl, now }), 'Test alert'),
      });
      if (item) queued.push(item);
    }
    this.deliver(queued);
    return queued.length;
  }

  /** Installation tracking from any incoming activity. Never throws into the turn. */
  async observe(activity: Partial<Activity>): Promise<void> {
    try {
      const removed = await this.installations.apply(installationChangeOf(activity));
      for (const target of removed) await this.subscriptions.unsubscribe(target.tenantId, target.conversationId);
    } catch (error) {
      this.options.logger.warn('installation tracking failed', { error: (error as Error).message });
    }
  }

  /** The conversation is gone (uninstalled, blocked, deleted): drop its installation and subscription. */
  async forget(tenantId: string, conversationId: string): Promise<void> {
    await this.installations.remove(tenantId, conversationId);
    await this.subscriptions.unsubscribe(tenantId, conversationId);
  }

  /** In a channel or group chat only an admin (see roles.ts) may change alerts; in a personal chat the user may. */
  async mayManage(tenantId: string, kind: ConversationKind, actor: Actor): Promise<{ allowed: boolean; reason: string }> {
    if (kind === 'personal') return { allowed: true, reason: 'personal chat' };
    return this.roles.canManage(tenantId, actor);
  }

  /** Acknowledge / Snooze 24 h / refresh of an alert card. The card comes back for everyone. */
  async act(verb: string, tenantId: string, alertId: string, kind: ConversationKind, actor: Actor): Promise<ActionOutcome> {
    const key = keys.alert(tenantId, alertId);
    const current = (await this.options.store.get<AlertRecord>(key))?.value;
    if (!current) return { message: 'This alert is no longer tracked.' };
    const context = { tabUrl: this.options.tabUrl, now: this.clock.now() };
    if (verb === 'alert.refresh' || current.status === 'resolved') {
      return {
        card: current.status === 'resolved' ? resolvedCard(current, context) : alertCard(current, 'new', context),
        ...(verb !== 'alert.refresh' ? { message: 'This alert is already resolved.' } : {}),
      };
    }
    const decision = await this.mayManage(tenantId, kind, actor);
    if (!decision.allowed) return { message: `Sorry, ${decision.reason}.` };
    const now = this.clock.now();
    const name = actor.name ?? 'an admin';
    const next = await update<AlertRecord>(this.options.store, key, (alert) => {
      if (!alert || alert.status !== 'open') return undefined;
      if (verb === 'alert.ack') return alert.acknowledged ? undefined : { ...alert, acknowledged: { by: name, at: now } };
      if (verb === 'alert.snooze') return { ...alert, snoozed: { by: name, until: now + SNOOZE_MS } };
      return undefined;
    });
    const alert = next ?? current;
    const card = alertCard(alert, 'new', { ...context, now });
    await this.updateCards(alert, card);
    return { card };
  }

  /** Replaces every card of this alert episode that Teams gave us an id for (other chats and channels). */
  private async updateCards(alert: AlertRecord, card: Record<string, unknown>): Promise<void> {
    const items = await this.outbox.ofEpisode(alert.tenantId, alert.id, alert.episode);
    const activity = cardActivity(card, alert.finding.title);
    await Promise.all(
      items
        .filter((item) => item.status === 'sent' && item.activityId && (item.kind === 'new' || item.kind === 'reminder'))
        .map(async (item) => {
          const outcome = await this.transport.update(item.reference, item.activityId!, activity);
          if (!outcome.ok) this.options.logger.debug('card not updated', { conversationId: item.conversationId, status: outcome.status });
        }),
    );
  }
}
