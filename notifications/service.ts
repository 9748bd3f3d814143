import type { Activity } from 'botbuilder';
import type { ChatNotifications } from '../contract/notifications';
import { demoRoleChecker, type RoleChecker } from '../identity/tenant/admin-roles';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import type { Logger } from '../platform/logger';
import type { LeaseManager } from '../storage/lease';
import type { KeyValueStore } from '../storage/store';
import type { WorkQueue } from '../storage/work-queue';
import { alertCard, cardActivity } from '../cards/alerts';
import { AlertActions } from './alert-actions';
import { BatchActions } from './batch-actions';
import { BatchStore } from './batches';
import { openedAlert, type AlertPolicy } from './alert-state';
import { ChatSubscriptions } from './chat-subscriptions';
import { systemClock, type Clock } from './clock';
import { installationChangeOf, InstallationStore, type InstallationChange } from './installations';
import { shareTargetsOf, type Membership, type ShareTargets } from './membership';
import { Outbox } from './outbox';
import { Sender, type SenderOptions, type SenderStats } from './sender';
import { ExclusionStore } from './exclusions';
import { SubscriptionStore } from './subscriptions';
import { thresholdsFor } from './tab-port';
import { ProactiveTransport, type ProactiveHost, type Transport } from './transport';
import { referenceOf, type OutboxItem } from './types';
import { testFinding, Watcher, type CheckOptions, type CheckResult } from './watcher';

export interface NotificationServiceOptions {
  store: KeyValueStore;
  snapshots: SnapshotSource;
  /** Sends through the bot's host (continueConversation); or pass `transport` (tests, bench). */
  botHost?: ProactiveHost;
  transport?: Transport;
  /** Who belongs to which conversation (the connector); without it nothing can be shared. */
  membership?: Membership;
  roles?: RoleChecker;
  tabUrl: string;
  /** WATCH_INTERVAL_MINUTES; 0 = no schedule (manual trigger only). */
  watchIntervalMinutes: number;
  /** WATCH_APPS_INTERVAL_HOURS; default 6 (notifications/app-watch.ts). */
  watchAppsIntervalHours?: number;
  /** Above this many messages of one kind and code to a conversation in one check, one consolidated message (default CONSOLIDATE_ABOVE). */
  consolidateAbove?: number;
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

/** Sent outbox items (idempotency keys) kept this long. */
const OUTBOX_RETENTION_MS = 14 * 86_400_000;

/**
 * Proactive sync-health notifications: installation tracking, subscriptions, the per-tenant watcher,
 * alert actions, and the durable outbox with its sender. One instance per server. The bot sees it
 * as ChatNotifications (contract/notifications.ts); its parts stay inside.
 */
export class NotificationService implements ChatNotifications {
  private readonly installations: InstallationStore;
  private readonly subscriptions: SubscriptionStore;
  private readonly exclusions: ExclusionStore;
  private readonly outbox: Outbox;
  private readonly sender: Sender;
  private readonly watcher: Watcher;
  private readonly chats: ChatSubscriptions;
  private readonly alerts: AlertActions;
  private readonly batches: BatchActions;
  private readonly clock: Clock;
  private readonly transport: Transport;
  private timer?: NodeJS.Timeout;
  private tick?: Promise<unknown>;

  constructor(private readonly options: NotificationServiceOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    const logger = options.logger;
    this.installations = new InstallationStore(options.store, () => clock.now());
    this.subscriptions = new SubscriptionStore(options.store);
    this.exclusions = new ExclusionStore(options.store, () => clock.now());
    this.outbox = new Outbox(options.store, () => clock.now(), {
      ...(options.queue ? { queue: options.queue } : {}),
      // Not announced: send it from here (the rescan would find it too, later).
      onAnnounceFailed: (item, error) => {
        logger.warn('outbox item not announced on the queue; sending it from this instance', { key: item.key, error: error.message });
        this.sender.add([item]);
      },
    });
    if (!options.transport && !options.botHost) throw new Error('NotificationService needs a botHost or a transport');
    this.transport = options.transport ?? new ProactiveTransport(options.botHost!);
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
      exclusions: this.exclusions,
      outbox: this.outbox,
      deliver: (items) => this.deliver(items),
      clock,
      tabUrl: options.tabUrl,
      logger: logger.child('watcher'),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.watchAppsIntervalHours ? { appsIntervalHours: options.watchAppsIntervalHours } : {}),
      ...(options.consolidateAbove !== undefined ? { consolidateAbove: options.consolidateAbove } : {}),
      thresholdsFor: (tenantId) => thresholdsFor(options.store, tenantId).catch(() => undefined),
    });
    this.chats = new ChatSubscriptions(this.installations, this.subscriptions, options.roles ?? demoRoleChecker, clock);
    this.alerts = new AlertActions({
      store: options.store,
      outbox: this.outbox,
      deliver: (items) => this.deliver(items),
      clock,
      tabUrl: options.tabUrl,
      logger,
      mayManage: (place, actor) => this.chats.mayManage(place, actor),
      exclusions: this.exclusions,
    });
    this.batches = new BatchActions({
      store: options.store,
      batches: new BatchStore(options.store),
      outbox: this.outbox,
      deliver: (items) => this.deliver(items),
      clock,
      tabUrl: options.tabUrl,
      mayManage: (place, actor) => this.chats.mayManage(place, actor),
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

  /** Resolves when this instance has nothing left to send (with a queue: and found the queue empty). */
  idle(): Promise<void> {
    return this.sender.idle();
  }

  /** What this instance's sender did so far, and how many items it holds. */
  delivery(): SenderStats & { held: number } {
    return { ...this.sender.stats, held: this.sender.pending };
  }

  /** Newly stored items: announced on the queue already (any instance sends them), else sent from here. */
  private deliver(items: OutboxItem[]): void {
    if (!this.options.queue) this.sender.add(items);
  }

  /**
   * Every tenant the app is installed in whose watcher lease this instance gets (another instance
   * holding it is already checking that tenant); also re-queues items a crashed sender left behind.
   */
  async checkAll(options: CheckOptions = {}): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    for (const tenantId of await this.installations.tenants()) {
      const lease = this.options.leases ? await this.options.leases.acquireLease(`watcher/${tenantId}`, WATCHER_LEASE_SECONDS) : undefined;
      if (this.options.leases && !lease) continue;
      try {
        results.push(await this.watcher.check(tenantId, options));
      } finally {
        await lease?.release();
      }
    }
    await this.sender.rescan();
    await this.outbox.prune(OUTBOX_RETENTION_MS);
    return results;
  }

  /** One tenant now; `{ apps: true }` reads its apps too, whatever the apps interval says. */
  check(tenantId: string, options: CheckOptions = {}): Promise<CheckResult> {
    return this.watcher.check(tenantId, options);
  }

  /**
   * Channels and group chats of the tenant where the bot is installed and `userId` is a member
   * (asked of the connector): where that user may share a plan. Bounded, see shareTargetsOf.
   */
  async shareTargets(tenantId: string, userId: string): Promise<ShareTargets> {
    const membership = this.options.membership;
    if (!membership || !userId) return { targets: [], more: false };
    return shareTargetsOf(await this.installations.list(tenantId), membership, userId);
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
    const alert = openedAlert('test', tenantId, finding, now);
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
        activity: cardActivity(
          alertCard(alert, 'test', { tabUrl: this.options.tabUrl, now, refreshUserIds: [subscription.subscribedBy.id] }),
          'Test alert',
        ),
      });
      if (item) queued.push(item);
    }
    this.deliver(queued);
    return queued.length;
  }

  /** Tracks where the app is installed from an activity; undefined at once when nothing changed (most turns). */
  observe(activity: Partial<Activity>): Promise<void> | undefined {
    let change: InstallationChange;
    try {
      change = installationChangeOf(activity);
      if (this.installations.isUnchanged(change)) return undefined;
    } catch (error) {
      this.options.logger.warn('installation tracking failed', { error: (error as Error).message });
      return undefined;
    }
    return this.track(change);
  }

  private async track(change: InstallationChange): Promise<void> {
    try {
      const removed = await this.installations.apply(change);
      for (const target of removed) await this.subscriptions.unsubscribe(target.tenantId, target.conversationId);
    } catch (error) {
      this.options.logger.warn('installation tracking failed', { error: (error as Error).message });
    }
  }

  /** The conversation is gone (uninstalled, blocked, deleted): drop its installation and subscription. */
  private async forget(tenantId: string, conversationId: string): Promise<void> {
    await this.installations.remove(tenantId, conversationId);
    await this.subscriptions.unsubscribe(tenantId, conversationId);
  }

  // The chat commands' port: a chat's subscription (ChatSubscriptions) and alert card actions (AlertActions).
  readonly subscribe: ChatNotifications['subscribe'] = (request) => this.chats.subscribe(request);
  readonly unsubscribe: ChatNotifications['unsubscribe'] = (place, actor) => this.chats.unsubscribe(place, actor);
  readonly subscription: ChatNotifications['subscription'] = (place) => this.chats.subscription(place);
  readonly updateSettings: ChatNotifications['updateSettings'] = (place, actor, patch) => this.chats.updateSettings(place, actor, patch);
  readonly act: ChatNotifications['act'] = (verb, place, alertId, actor, input) => this.alerts.act(verb, place, alertId, actor, input);
  readonly actOnBatch: ChatNotifications['actOnBatch'] = (verb, place, actor, data) => this.batches.act(verb, place, actor, data);
}
