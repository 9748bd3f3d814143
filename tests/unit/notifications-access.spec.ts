import assert from 'node:assert/strict';
import type { GraphCall, GraphPort, GraphReply } from '../../platform/graph/port';
import { bearerMatches } from '../../notifications/api';
import { alertCard } from '../../cards/alerts';
import { GraphRoleChecker } from '../../identity/tenant/admin-roles';
import {
  listChatSubscriptions,
  SubscriptionNotFoundError,
  SubscriptionStore,
  updateChatSubscription,
} from '../../notifications/subscriptions';
import type { AlertRecord } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { cardText } from '../support/card-text';

const USER = '00000000-0000-4000-8000-000000000001';

/** Answers exactly the directory-role URL of USER; anything else fails loudly. */
function graphWithRoles(reply: GraphReply): GraphPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    batch: async () => {
      throw new Error('unexpected batch');
    },
    get: async (call: GraphCall) => {
      calls.push(call.url);
      // An OData cast on a transitive list is an advanced query: both the header and $count=true, or Graph answers 400.
      if (
        call.url !== `users/${USER}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName&$count=true` ||
        call.headers?.ConsistencyLevel !== 'eventual'
      )
        throw new Error(`unexpected ${call.url} ${JSON.stringify(call.headers)}`);
      return reply;
    },
  };
}

describe('notifications: who may manage alerts, the trigger secret, the tab settings', () => {
  it('a Hybrid Identity Administrator may manage a channel subscription (app-only Graph, directory roles)', async () => {
    const graph = graphWithRoles({
      status: 200,
      body: { value: [{ roleTemplateId: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', displayName: 'Hybrid Identity Administrator' }] },
    });
    const decision = await new GraphRoleChecker(() => graph).canManage('t', { id: '29:x', aadObjectId: USER });
    assert.deepEqual(decision, { allowed: true, reason: 'Hybrid Identity Administrator' });
  });

  it('a Global Reader may not; nor anyone when the roles cannot be read, nor without an aadObjectId', async () => {
    const reader = graphWithRoles({ status: 200, body: { value: [{ roleTemplateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' }] } });
    assert.equal((await new GraphRoleChecker(() => reader).canManage('t', { id: '29:x', aadObjectId: USER })).allowed, false);
    const denied = graphWithRoles({ status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'no' } } });
    const decision = await new GraphRoleChecker(() => denied).canManage('t', { id: '29:x', aadObjectId: USER });
    assert.equal(decision.allowed, false);
    assert.match(decision.reason, /403 Authorization_RequestDenied.*User\.Read\.All and RoleManagement\.Read\.Directory/);
    assert.equal((await new GraphRoleChecker(() => denied).canManage('t', { id: '29:x' })).allowed, false);
  });

  it('POST /api/notify accepts only the exact bearer secret; no secret configured means nobody', () => {
    assert.equal(bearerMatches('Bearer s3cret', 's3cret'), true);
    assert.equal(bearerMatches('bearer s3cret', 's3cret'), true);
    assert.equal(bearerMatches('Bearer s3cret2', 's3cret'), false);
    assert.equal(bearerMatches('s3cret', 's3cret'), false);
    assert.equal(bearerMatches(undefined, 's3cret'), false);
    assert.equal(bearerMatches('Bearer ', ''), false);
  });

  it('the tab lists subscriptions with labels and updates one; bad values and unknown chats are refused', async () => {
    const store = new MemoryStore();
    await new SubscriptionStore(store).subscribe({
      tenantId: 't',
      conversationId: '19:c',
      kind: 'channel',
      label: 'General (Contoso IT)',
      subscribedBy: { id: 'u' },
      subscribedAt: '2026-01-15T12:00:00Z',
    });
    assert.deepEqual(await listChatSubscriptions(store, 't'), [
      {
        conversationId: '19:c',
        label: 'General (Contoso IT)',
        kind: 'channel',
        minimumSeverity: 'warning',
        categories: ['sync', 'federation', 'apps', 'service'],
        reminderHours: 24,
        digest: false,
        digestHour: 8,
        timeZone: 'UTC',
      },
    ]);
    const updated = await updateChatSubscription(store, 't', {
      conversationId: '19:c',
      minimumSeverity: 'critical',
      reminderHours: 0,
      digest: true,
    });
    assert.deepEqual([updated.minimumSeverity, updated.reminderHours, updated.digest], ['critical', 0, true]);
    await assert.rejects(updateChatSubscription(store, 't', { conversationId: '19:c', reminderHours: -1 }));
    await assert.rejects(
      updateChatSubscription(store, 'other-tenant', { conversationId: '19:c', digest: false }),
      SubscriptionNotFoundError,
    );
  });

  it('the alert card says what, since when, the evidence and the action, with Acknowledge, Snooze and the tab link; acknowledged hides the buttons', () => {
    const now = Date.parse('2026-01-15T12:00:00Z');
    const alert: AlertRecord = {
      id: 'abc',
      tenantId: 't',
      code: 'sync.stale',
      subject: 't',
      status: 'open',
      episode: 1,
      openedAt: now - 7 * 3_600_000,
      lastSeenAt: now,
      absentChecks: 0,
      reopened: 0,
      notified: {},
      finding: {
        code: 'sync.stale',
        severity: 'warning',
        subject: 't',
        title: 'Directory sync last ran 7 hours ago',
        evidence: { lastSyncDateTime: '2026-01-15T05:00:00Z' },
        action: 'Check the sync server.',
        link: 'https://learn.microsoft.com/x',
      },
    };
    const card = alertCard(alert, 'new', { tabUrl: 'https://teams.example/tab', now });
    assert.equal(card.version, '1.5');
    const text = cardText(card);
    for (const part of [
      'Directory sync last ran 7 hours ago',
      'Open since 2026-01-15 05:00 UTC (7 hours ago)',
      'Last directory sync: 7 hours ago (15 Jan 2026, 05:00 UTC).',
      'Check the sync server.',
      'Acknowledge',
      'Snooze…',
      'Open status tab',
    ])
      assert.ok(text.includes(part), part);
    const ack = JSON.stringify(card).match(
      /"type":"Action.Execute","title":"Acknowledge","verb":"alert.ack".*?"fallback":\{"type":"Action.Submit"/,
    );
    assert.ok(ack, 'Action.Execute with an Action.Submit fallback');
    const acked = cardText(alertCard({ ...alert, acknowledged: { by: 'Adele Vance', at: now } }, 'new', { tabUrl: 'x', now }));
    assert.match(acked, /Acknowledged by Adele Vance at 2026-01-15 12:00 UTC/);
    assert.doesNotMatch(acked, /Snooze…/);
  });
});
