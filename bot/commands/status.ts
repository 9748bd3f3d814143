import { SEVERITY_STYLE } from '../../cards/severity';
import type { Finding, HealthReport } from '../../identity/tenant/findings';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import { evaluateHealth } from '../../identity/tenant/rules';
import type { TenantSnapshot } from '../../identity/tenant/snapshot';
import { relativeTime } from '../../identity/tenant/age';
import { dataOf, describeCloudSync, summariseIdentity } from '../../identity/tenant/summary';
import { renderCard } from '../../cards/render';
import { describeAccess, sectionReadings } from '../../identity/tenant/coverage';
import { admitAdmin } from '../admin-gate';
import { sendCard } from '../card-replies';
import { tenantOf } from '../conversation';
import type { BotCommand } from './command';

/** Most findings shown in chat; the tab shows all. */
export const MAX_FINDINGS_IN_CHAT = 6;

export interface StatusCardOptions {
  tabUrl: string;
  source: string;
  now: Date;
}

/** The status card: identity model, sync times, edition, findings by severity, what could not be checked. */
export function statusCard(snapshot: TenantSnapshot, report: HealthReport, options: StatusCardOptions): Record<string, unknown> {
  const org = dataOf(snapshot.organization);
  const identity = summariseIdentity(snapshot);
  const sync = org?.onPremisesSyncEnabled === null ? 'Never (cloud-only)' : relativeTime(org?.lastSyncDateTime, options.now);
  const passwordSync = dataOf(snapshot.passwordSync)?.lastPasswordSyncDateTime;
  const edition = dataOf(snapshot.licensing)?.edition;
  const synced = dataOf(snapshot.syncedObjects);
  const cloudSync = dataOf(snapshot.cloudSync);
  const worst = report.findings[0]?.severity;
  const notChecked = notCheckedLines(snapshot, report);
  const facts = [
    {
      title: 'Identity model',
      value:
        identity.model === 'cloud-only' ? 'Cloud-only' : identity.model === 'hybrid' ? 'Hybrid (synced from on-premises AD)' : 'Unknown',
    },
    { title: 'Sign-in', value: identity.signIn },
    ...(org?.onPremisesSyncEnabled === null ? [] : [{ title: 'Last directory sync', value: sync }]),
    ...(passwordSync ? [{ title: 'Last password sync', value: relativeTime(passwordSync, options.now) }] : []),
    { title: 'Edition', value: edition ? (edition === 'Free' ? 'Microsoft Entra ID Free' : `Microsoft Entra ID ${edition}`) : 'Unknown' },
    ...(synced ? [{ title: 'Synced users', value: synced.users.toLocaleString('en-US') }] : []),
    ...(cloudSync?.configurations ? [{ title: 'Cloud Sync', value: describeCloudSync(cloudSync, options.now) }] : []),
  ];
  return renderCard('status', {
    organization: org?.displayName ?? 'your tenant',
    verdict: worst === 'critical' ? 'Needs attention now' : worst === 'warning' ? 'Needs attention' : 'Healthy',
    verdictColor: worst === 'critical' ? 'Attention' : worst === 'warning' ? 'Warning' : 'Good',
    facts,
    hasFindings: report.findings.length > 0,
    findings: report.findings.slice(0, MAX_FINDINGS_IN_CHAT).map((f: Finding) => ({
      ...SEVERITY_STYLE[f.severity],
      title: f.title,
      evidence: evidenceSentences(f, options.now).join(' '),
      action: f.action,
      link: f.link,
    })),
    hasUnknown: notChecked.length > 0,
    unknown: notChecked,
    source: `${options.source} with ${describeAccess(snapshot.readAs)}`,
    readAgo: relativeTime(snapshot.takenAt, options.now),
    tabUrl: options.tabUrl,
  });
}

/**
 * What could not be checked: each section not (fully) read, with why, then each check left unknown
 * for a reason no section already gave.
 */
function notCheckedLines(snapshot: TenantSnapshot, report: HealthReport): string[] {
  const sections = sectionReadings(snapshot).filter((r) => r.state !== 'read');
  const said = sections.map((r) => r.detail);
  const checks = report.unknown
    .filter((u) => !said.some((detail) => detail.includes(u.reason.replace(/^unknown( for [^,]+)?, because /, ''))))
    .map((u) => `${u.code}: ${u.reason}`);
  return [...sections.map((r) => `${r.label}: ${r.detail}`), ...checks];
}

/** "status": reads the conversation's tenant (cached; "status refresh" reads it anew) and answers with the status card. */
export const statusCommand: BotCommand = {
  names: ['status', 'status refresh', 'health', 'sync status', 'tenant status'],
  description: "Your tenant's Entra sync and sign-in status",
  async handle(context, input, { adminRoles, snapshots, tabUrl, statusSource, logger }) {
    const tenantId = tenantOf(context);
    // The status shows the tenant's configuration and findings: admins only, as in the tab.
    if (!(await admitAdmin(context, adminRoles, tenantId, 'The tenant status'))) return;
    const refresh = /\brefresh\b/i.test(input.text);
    await context.sendActivity({ type: 'typing' });
    let snapshot: TenantSnapshot;
    try {
      snapshot = await snapshots.snapshot(tenantId, { refresh });
    } catch (error) {
      logger.warn('status read failed', { error: (error as Error).message });
      await context.sendActivity(`I could not read your tenant's status right now: ${(error as Error).message}`);
      return;
    }
    const now = new Date();
    const card = statusCard(snapshot, evaluateHealth(snapshot, now), { tabUrl, source: statusSource, now });
    await sendCard(context, card);
  },
};
