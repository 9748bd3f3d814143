import type { Activity } from 'botbuilder';
import type { KeyValueStore } from '../storage/store';
import { keys } from './keys';
import { conversationKindOf, rootConversationId } from '../contract/notifications';
import type { Installation } from './types';

/** What one incoming activity says about where the app is installed. */
export type InstallationChange =
  | { kind: 'upsert'; installation: Omit<Installation, 'installedAt' | 'updatedAt'> }
  | { kind: 'remove'; tenantId: string; conversationId: string; teamId?: string }
  | { kind: 'none' };

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
}

/**
 * Pure: reads an activity. installationUpdate add/remove, conversationUpdate with the bot among
 * membersAdded/membersRemoved, channelCreated/channelDeleted/channelRenamed, and every message or
 * invoke (which refreshes the reference and the serviceUrl; the Toolkit template never does).
 */
export function installationChangeOf(activity: Partial<Activity>): InstallationChange {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id ?? '';
  const botId = activity.recipient?.id;
  if (!tenantId || !activity.conversation?.id || !activity.serviceUrl || !botId) return NONE;
  const place: Place = { activity, channelData, tenantId, botId, conversationId: rootConversationId(activity) };

  switch (activity.type) {
    case 'installationUpdate': {
      const action = String((activity as { action?: string }).action ?? '');
      if (action.startsWith('remove')) return removal(place);
      if (action.startsWith('add')) return upsert(place, 'installationUpdate');
      return NONE;
    }
    case 'conversationUpdate': {
      if ((activity.membersRemoved ?? []).some((m) => m.id === botId)) return removal(place);
      if (channelData.eventType === 'channelDeleted' && channelData.channel?.id) return removal(place, channelData.channel.id);
      if ((channelData.eventType === 'channelCreated' || channelData.eventType === 'channelRenamed') && channelData.channel?.id) {
        return upsert(place, 'conversationUpdate', {
          conversationId: channelData.channel.id,
          kind: 'channel',
          ...(channelData.channel.name ? { channelName: channelData.channel.name } : {}),
        });
      }
      if ((activity.membersAdded ?? []).some((m) => m.id === botId)) return upsert(place, 'conversationUpdate');
      return NONE;
    }
    case 'message':
    case 'invoke':
      return upsert(place, activity.type);
    default:
      return NONE;
  }
}

const NONE: InstallationChange = Object.freeze({ kind: 'none' });

/** What installationChangeOf read from the activity, for the two kinds of change it builds. */
interface Place {
  activity: Partial<Activity>;
  channelData: TeamsChannelData;
  tenantId: string;
  botId: string;
  conversationId: string;
}

function teamOf({ channelData }: Place): Installation['team'] {
  if (!channelData.team?.id) return undefined;
  return { id: channelData.team.id, ...(channelData.team.name ? { name: channelData.team.name } : {}) };
}

function removal(place: Place, conversationId = place.conversationId): InstallationChange {
  const team = teamOf(place);
  return { kind: 'remove', tenantId: place.tenantId, conversationId, ...(team ? { teamId: team.id } : {}) };
}

function upsert(place: Place, source: string, overrides: Partial<Installation> = {}): InstallationChange {
  const { activity, channelData } = place;
  const kind = conversationKindOf(activity);
  const from = activity.from;
  const team = teamOf(place);
  // Built by assignment, not by spreading optional parts: every message and invoke comes through here.
  const installation: Omit<Installation, 'installedAt' | 'updatedAt'> = {
    tenantId: place.tenantId,
    conversationId: place.conversationId,
    kind,
    serviceUrl: activity.serviceUrl!,
    channelId: activity.channelId ?? 'msteams',
    bot: activity.recipient?.name ? { id: place.botId, name: activity.recipient.name } : { id: place.botId },
    source,
  };
  if (kind === 'personal' && from?.id) {
    const user: NonNullable<Installation['user']> = { id: from.id };
    if (from.name) user.name = from.name;
    if (from.aadObjectId) user.aadObjectId = from.aadObjectId;
    installation.user = user;
  }
  if (team) installation.team = team;
  if (kind === 'channel' && channelData.channel?.name) installation.channelName = channelData.channel.name;
  if (kind === 'groupChat' && activity.conversation?.name) installation.chatName = activity.conversation.name;
  return { kind: 'upsert', installation: Object.assign(installation, overrides) };
}

/** How an installation is named in lists and on the tab: "Personal chat with Adele Vance", "General (Contoso IT)". */
export function labelOf(
  installation: Pick<Installation, 'kind' | 'user' | 'team' | 'channelName' | 'chatName' | 'conversationId'>,
): string {
  if (installation.kind === 'personal') return `Personal chat with ${installation.user?.name ?? 'a user'}`;
  if (installation.kind === 'groupChat') return installation.chatName ? `Group chat "${installation.chatName}"` : 'Group chat';
  const channel =
    installation.channelName ?? (installation.team && installation.team.id === installation.conversationId ? 'General' : 'Channel');
  return installation.team?.name ? `${channel} (${installation.team.name})` : channel;
}

/** How long this instance trusts that an unchanged conversation is already stored, before reading it again. */
const SEEN_FRESH_MS = 60 * 60_000;
const SEEN_LIMIT = 10_000;

/** Installations in the store, one item per tenant + conversation. */
export class InstallationStore {
  /**
   * Conversations this instance stored or found unchanged recently, by key → (what was seen, when):
   * a busy chat does not cost a storage read per message.
   */
  private readonly seen = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * True when the change is ordinary traffic (a message or an invoke) in a conversation this
   * instance stored or found unchanged within the hour: nothing to read or write. Synchronous, so
   * that a busy chat's turn does not wait on tracking at all. An install or bot-added event is never
   * unchanged: it is always written.
   */
  isUnchanged(change: InstallationChange): boolean {
    if (change.kind !== 'upsert') return change.kind === 'none';
    const next = change.installation;
    if (next.source !== 'message' && next.source !== 'invoke') return false;
    const seen = this.seen.get(keys.installation(next.tenantId, next.conversationId));
    return seen !== undefined && seen.fingerprint === fingerprintOf(next) && this.now() - seen.at < SEEN_FRESH_MS;
  }

  /** Applies a change; returns the conversations removed (to drop their subscriptions too). */
  async apply(change: InstallationChange): Promise<Array<{ tenantId: string; conversationId: string }>> {
    if (change.kind === 'none') return [];
    if (change.kind === 'remove') {
      const removed = [{ tenantId: change.tenantId, conversationId: change.conversationId }];
      if (change.teamId) {
        // The bot left the team: every channel of that team goes.
        for (const item of await this.store.list<Installation>(keys.installations(change.tenantId))) {
          if (item.value.team?.id === change.teamId && item.value.conversationId !== change.conversationId)
            removed.push({ tenantId: change.tenantId, conversationId: item.value.conversationId });
        }
      }
      for (const target of removed) {
        const key = keys.installation(target.tenantId, target.conversationId);
        this.seen.delete(key);
        await this.store.delete(key);
      }
      return removed;
    }
    if (this.isUnchanged(change)) return [];
    const next = change.installation;
    const key = keys.installation(next.tenantId, next.conversationId);
    const fingerprint = fingerprintOf(next);
    const existing = await this.store.get<Installation>(key);
    const at = new Date(this.now()).toISOString();
    const remember = (): void => {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
      this.seen.set(key, { fingerprint, at: this.now() });
    };
    if (existing && !changed(existing.value, next) && this.now() - Date.parse(existing.value.updatedAt) < 24 * 3_600_000) {
      remember();
      return [];
    }
    const merged: Installation = {
      ...existing?.value,
      ...next,
      // A message from another member of a group chat must not rename the chat's user, nor drop names.
      ...(existing?.value.user && next.kind === 'personal' ? { user: { ...existing.value.user, ...next.user } } : {}),
      ...(existing?.value.team || next.team ? { team: { ...existing?.value.team, ...next.team } as { id: string; name?: string } } : {}),
      installedAt: existing?.value.installedAt ?? at,
      updatedAt: at,
    };
    try {
      await this.store.put(key, merged, existing ? { ifMatch: existing.etag } : { ifNoneMatch: '*' });
      remember();
    } catch {
      // Another turn wrote the same conversation at the same time; its reference is as fresh as ours.
    }
    return [];
  }

  async get(tenantId: string, conversationId: string): Promise<Installation | undefined> {
    return (await this.store.get<Installation>(keys.installation(tenantId, conversationId)))?.value;
  }

  async list(tenantId?: string): Promise<Installation[]> {
    return (await this.store.list<Installation>(keys.installations(tenantId))).map((item) => item.value);
  }

  async tenants(): Promise<string[]> {
    return [...new Set((await this.list()).map((i) => i.tenantId))].sort();
  }

  async remove(tenantId: string, conversationId: string): Promise<void> {
    const key = keys.installation(tenantId, conversationId);
    this.seen.delete(key);
    await this.store.delete(key);
  }
}

/** What identifies a conversation's state for "has it changed since we stored it". */
function fingerprintOf(installation: Omit<Installation, 'installedAt' | 'updatedAt'>): string {
  // Joined with a character no URL, id or name that Teams sends contains; an absent name is empty.
  return `${installation.serviceUrl}\u0000${installation.bot.id}\u0000${installation.team?.name ?? ''}\u0000${installation.channelName ?? ''}\u0000${installation.user?.name ?? ''}\u0000${installation.chatName ?? ''}`;
}

function changed(a: Installation, b: Omit<Installation, 'installedAt' | 'updatedAt'>): boolean {
  return (
    a.serviceUrl !== b.serviceUrl ||
    a.bot.id !== b.bot.id ||
    (b.team?.name !== undefined && a.team?.name !== b.team.name) ||
    (b.channelName !== undefined && a.channelName !== b.channelName) ||
    (b.user?.name !== undefined && a.user?.name !== b.user.name) ||
    (b.chatName !== undefined && a.chatName !== b.chatName)
  );
}
