import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { SEVERITY_STYLE } from '../cards/severity';
import { evaluateHealth } from '../identity/tenant/rules';
import { dataOf } from '../identity/tenant/summary';
import type { RoleChecker } from '../identity/tenant/admin-roles';
import { admitAdmin } from './admin-gate';
import type { Logger } from '../platform/logger';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import { renderCard } from '../cards/render';

/** Most app findings listed in chat; the tab's Integrated apps view has them all. */
export const MAX_APP_FINDINGS_IN_CHAT = 5;

/**
 * The "apps" command: how many integrated apps, how many with tenant-wide (admin) consent or
 * application permissions, and the apps that need a look (high privilege, expiring credentials).
 * Admin-only, like the status card and the tab.
 */
export class AppsCommand {
  constructor(
    private readonly snapshots: SnapshotSource,
    private readonly options: { tabUrl: string; tenantOf: (context: TurnContext) => string; roles: RoleChecker },
    private readonly logger: Logger,
  ) {}

  async handle(context: TurnContext): Promise<void> {
    const tenantId = this.options.tenantOf(context);
    if (!(await admitAdmin(context, this.options.roles, tenantId, 'The integrated apps overview'))) return;
    await context.sendActivity({ type: 'typing' });
    try {
      const snapshot = await this.snapshots.snapshot(tenantId, { includeApps: true });
      const now = new Date();
      const report = evaluateHealth(snapshot, now);
      const apps = dataOf(snapshot.apps) ?? [];
      const appFindings = report.findings.filter((f) => f.code.startsWith('app.'));
      const adminConsent = apps.filter(
        (a) => a.applicationPermissions.length > 0 || a.delegatedGrants.some((g) => g.consentType === 'AllPrincipals'),
      ).length;
      const card = renderCard('apps', {
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
        hasUnavailable: snapshot.apps?.status === 'unavailable',
        unavailable: snapshot.apps?.status === 'unavailable' ? snapshot.apps.reason : '',
        tabUrl: this.options.tabUrl,
      });
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    } catch (error) {
      this.logger.warn('apps read failed', { error: (error as Error).message });
      await context.sendActivity(`I could not read your tenant's apps right now: ${(error as Error).message}`);
    }
  }
}
