import type { Subscription } from '../../contract/notifications';

/**
 * A personal chat's subscription as "subscribe" stores it, made on 2026-01-15 12:00 UTC in tenant-a:
 * warnings and up, every category, a reminder a day, no digest (08:00 UTC when on). `extra` sets what a spec is about.
 */
export const subscription = (conversationId: string, extra: Partial<Subscription> = {}): Subscription => ({
  tenantId: 'tenant-a',
  conversationId,
  kind: 'personal',
  label: conversationId,
  minimumSeverity: 'warning',
  categories: ['sync', 'federation', 'apps', 'service'],
  reminderHours: 24,
  digest: false,
  digestHour: 8,
  timeZone: 'UTC',
  subscribedBy: { id: 'u' },
  subscribedAt: '2026-01-15T12:00:00.000Z',
  ...extra,
});
