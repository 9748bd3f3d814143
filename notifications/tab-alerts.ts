/**
 * The tab's view of a tenant's alerts and exclusions (GET /api/tab/alerts), and setting and
 * revoking exclusions from the tab. The tab API has checked the token, the tenant and the role.
 */
import { categoryOf } from '../identity/alerts/categories';
import { appNameOf, exclusionFor } from '../identity/alerts/exclusions';
import { exclusionState, type AlertView, type AlertsResponse, type Exclusion, type ExclusionRequest } from '../contract/alert-rules';
import type { ExcludedFinding } from '../contract/tab';
import type { Finding } from '../identity/tenant/findings';
import type { KeyValueStore } from '../storage/store';
import { ExclusionStore, type ExclusionActor } from './exclusions';
import { alertIdOf, keys } from './keys';
import type { AlertRecord } from './types';

const iso = (ms: number): string => new Date(ms).toISOString();

function viewOf(alert: AlertRecord, exclusions: readonly Exclusion[], now: number): AlertView {
  const excludedBy = exclusionFor(alert, exclusions, now)?.id;
  const snoozed = alert.snoozed && alert.snoozed.until > now ? alert.snoozed : undefined;
  return {
    id: alert.id,
    code: alert.code,
    subject: alert.subject,
    title: alert.finding.title,
    severity: alert.finding.severity,
    category: categoryOf(alert.code),
    status: alert.status,
    openedAt: iso(alert.openedAt),
    ...(alert.acknowledged ? { acknowledged: { by: alert.acknowledged.by, at: iso(alert.acknowledged.at) } } : {}),
    ...(snoozed
      ? {
          snoozed: {
            by: snoozed.by,
            until: iso(snoozed.until),
            ...(snoozed.at === undefined ? {} : { at: iso(snoozed.at) }),
            ...(snoozed.reason ? { reason: snoozed.reason } : {}),
          },
        }
      : {}),
    ...(excludedBy ? { excludedBy } : {}),
  };
}

const STATE_ORDER = { active: 0, expired: 1, revoked: 2 } as const;

/** Each app's display name, by app id, from the app findings of the tenant's alerts. */
function appNames(alerts: readonly AlertRecord[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const alert of alerts) {
    const name = appNameOf(alert.finding);
    if (name && !names.has(alert.subject)) names.set(alert.subject, name);
  }
  return names;
}

export class TabAlerts {
  private readonly exclusions: ExclusionStore;

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number,
  ) {
    this.exclusions = new ExclusionStore(store, now);
  }

  /** Open alerts first (critical first), then resolved ones; exclusions in force first, then ended ones by end. */
  async list(tenantId: string): Promise<Omit<AlertsResponse, 'canEdit'>> {
    const now = this.now();
    const exclusions = await this.exclusions.list(tenantId);
    const records = (await this.store.list<AlertRecord>(keys.alerts(tenantId))).map((item) => item.value);
    const alerts = records.map((record) => viewOf(record, exclusions, now));
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    alerts.sort(
      (a, b) =>
        Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
        rank[a.severity] - rank[b.severity] ||
        a.title.localeCompare(b.title),
    );
    // An app exclusion set before its app had an alert learns the app's name from the alerts since.
    const names = appNames(records);
    const listed = exclusions.map((e) => {
      const appName = e.scope === 'app' ? (e.appName ?? names.get(e.subject)) : undefined;
      return { ...e, ...(appName ? { appName } : {}), state: exclusionState(e, now) };
    });
    listed.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.createdAt.localeCompare(a.createdAt));
    return { alerts, exclusions: listed };
  }

  /**
   * An exclusion from the tab: titled after its alert when the watcher tracks one, else after its
   * code and subject; an app's name comes from that alert or from any other alert about the app.
   */
  async exclude(tenantId: string, request: ExclusionRequest, by: ExclusionActor): Promise<Exclusion> {
    const alert = request.code
      ? (await this.store.get<AlertRecord>(keys.alert(tenantId, alertIdOf(request.code, request.subject))))?.value
      : undefined;
    const appName =
      request.scope === 'app'
        ? ((alert && appNameOf(alert.finding)) ??
          appNames((await this.store.list<AlertRecord>(keys.alerts(tenantId))).map((item) => item.value)).get(request.subject))
        : undefined;
    const title =
      alert?.finding.title ??
      (request.scope === 'app' ? `Every app finding of ${appName ?? `app ${request.subject}`}` : `${request.code} on ${request.subject}`);
    return this.exclusions.add(tenantId, request, { title, appName }, by);
  }

  revoke(tenantId: string, id: string, by: ExclusionActor): Promise<Exclusion> {
    return this.exclusions.revoke(tenantId, id, by);
  }

  /** For the overview: which of these findings an exclusion in force covers, with who, why and until when. */
  async excludedAmong(tenantId: string, findings: readonly Finding[]): Promise<ExcludedFinding[]> {
    const now = this.now();
    const exclusions = await this.exclusions.list(tenantId);
    return findings.flatMap((finding) => {
      const exclusion = exclusionFor(finding, exclusions, now);
      return exclusion
        ? [
            {
              code: finding.code,
              subject: finding.subject,
              exclusionId: exclusion.id,
              scope: exclusion.scope,
              by: exclusion.createdBy.name,
              reason: exclusion.reason,
              expiresAt: exclusion.expiresAt,
            },
          ]
        : [];
    });
  }
}
