import { SEVERITY_STYLE } from '../../cards/severity';
import { appPartsNotChecked } from '../../identity/tenant/app-parts';
import { evaluateHealth } from '../../identity/tenant/rules';
import { dataOf } from '../../identity/tenant/summary';
import type { TenantSnapshot } from '../../identity/tenant/snapshot';
import { admitAdmin } from '../admin-gate';
import { sendCard } from '../card-replies';
import { tenantOf } from '../conversation';
import type { BotCommand } from './command';
import { renderCard } from '../../cards/render';

/** Most app findings listed in chat; the tab's Integrated apps view has them all. */
export const MAX_APP_FINDINGS_IN_CHAT = 5;

/**
 * "apps": how many integrated apps, how many with tenant-wide (admin) consent or
 * application permissions, and the apps that need a look (high privilege, expiring credentials).
 * Admin-only, like the status card and the tab.
 */
export const appsCommand: BotCommand = {
  names: ['apps', 'integrated apps', 'app list', 'list apps'],
  description: 'Integrated apps and their permissions',
  async handle(context, _input, { adminRoles, snapshots, tabUrl, logger }) {
    const tenantId = tenantOf(context);
    if (!(await admitAdmin(context, adminRoles, tenantId, 'The integrated apps overview'))) return;
    await context.sendActivity({ type: 'typing' });
    try {
      const snapshot = await snapshots.snapshot(tenantId, { includeApps: true });
      const card = appsCard(snapshot, { tabUrl, now: new Date() });
      await sendCard(context, card);
    } catch (error) {
      logger.warn('apps read failed', { error: (error as Error).message });
      await context.sendActivity(`I could not read your tenant's apps right now: ${(error as Error).message}`);
    }
  },
};

/**
 * The apps card: counts, the app findings that need a look (at most MAX_APP_FINDINGS_IN_CHAT),
 * and what could not be read. App, publisher and organisation names are data (cards/render.ts escapes them).
 */
export function appsCard(snapshot: TenantSnapshot, options: { tabUrl: string; now: Date }): Record<string, unknown> {
  const report = evaluateHealth(snapshot, options.now);
  const apps = dataOf(snapshot.apps) ?? [];
  const appFindings = report.findings.filter((f) => f.code.startsWith('app.'));
  const adminConsent = apps.filter(
    (a) => a.applicationPermissions.length > 0 || a.delegatedGrants.some((g) => g.consentType === 'AllPrincipals'),
  ).length;
  const notChecked = appPartsNotChecked(snapshot);
  const unread = snapshot.apps?.status === 'unavailable';
  return renderCard('apps', {
    organization: dataOf(snapshot.organization)?.displayName ?? 'your tenant',
    facts: [
      { title: 'Integrated apps', value: apps.length.toLocaleString('en-US') },
      { title: 'With admin (tenant-wide) consent or app permissions', value: adminConsent.toLocaleString('en-US') },
      { title: 'Publisher verified', value: apps.filter((a) => a.verifiedPublisher).length.toLocaleString('en-US') },
      { title: 'Registered in your tenant', value: apps.filter((a) => a.ownedByThisTenant).length.toLocaleString('en-US') },
    ],
    hasAttention: appFindings.length > 0,
    attention: appFindings
      .slice(0, MAX_APP_FINDINGS_IN_CHAT)
      .map((f) => ({ ...SEVERITY_STYLE[f.severity], title: f.title, action: f.action })),
    more: Math.max(0, appFindings.length - MAX_APP_FINDINGS_IN_CHAT),
    // "Nothing to look at" only when every part of the apps reading was checked.
    allClear: appFindings.length === 0 && notChecked.length === 0 && !unread,
    hasNotChecked: notChecked.length > 0,
    notChecked: notChecked.map(({ what, reason }) => ({ what, reason })),
    hasUnavailable: unread,
    unavailable: snapshot.apps?.status === 'unavailable' ? snapshot.apps.reason : '',
    tabUrl: appsViewOf(options.tabUrl),
  });
}

/** The tab's Integrated apps view: a Teams deep link opens the tab as it is; the demo URL takes ?view=apps. */
function appsViewOf(tabUrl: string): string {
  return tabUrl.includes('/l/entity/') ? tabUrl : `${tabUrl}?view=apps`;
}
