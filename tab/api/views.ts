import type { Finding, HealthReport } from '../../identity/tenant/findings';
import { isAppFinding } from '../../identity/alerts/categories';
import type { AppsSummaryResponse } from '../../contract/apps-summary';
import type { HealthThresholds } from '../../identity/tenant/thresholds';
import type { IntegratedApp, Section, TenantSnapshot } from '../../identity/tenant/snapshot';
import { appPartsNotChecked } from '../../identity/tenant/app-parts';
import { connectDetails } from '../../identity/tenant/connect-details';
import { JOB_TEMPLATES } from '../../identity/tenant/cloud-sync';
import { dataOf, summariseIdentity } from '../../identity/tenant/summary';
import { STATUS_SECTIONS, describeAccess, sectionReadings } from '../../identity/tenant/coverage';
import type {
  AppRow,
  AppsQuery,
  CloudSyncAgents,
  CloudSyncJobRow,
  ConsentKind,
  DomainRow,
  PartialSection,
  PermissionRow,
  StatusResponse,
} from '../../contract/tab';
import { permissionInWords } from './permission-words';

/** Sections that could not be read, for the "partial data" badge. A never-synced tenant's sync settings are not "partial". */
export function partialSections(snapshot: TenantSnapshot, withApps: boolean): PartialSection[] {
  const neverSynced = dataOf(snapshot.organization)?.onPremisesSyncEnabled === null;
  const names = withApps ? [...STATUS_SECTIONS, 'apps' as const] : STATUS_SECTIONS;
  const partial = names.flatMap((name): PartialSection[] => {
    const section = snapshot[name] as Section<unknown> | undefined;
    if (!section || section.status === 'ok') return [];
    if (neverSynced && (name === 'syncSettings' || name === 'passwordSync')) return [];
    return [{ section: name, reason: section.reason }];
  });
  if (!withApps) return partial;
  return [...partial, ...appPartsNotChecked(snapshot).map(({ part, reason }) => ({ section: APP_PART_SECTION[part], reason }))];
}

/** The apps view's "partial data": the apps themselves, or the parts of their reading that were not checked. */
export function appsPartialSections(snapshot: TenantSnapshot): PartialSection[] {
  const apps = new Set<PartialSection['section']>(['apps', ...Object.values(APP_PART_SECTION)]);
  return partialSections(snapshot, true).filter((p) => apps.has(p.section));
}

const APP_PART_SECTION = {
  registrations: 'appRegistrations',
  delegatedGrants: 'delegatedGrants',
  applicationPermissions: 'applicationPermissions',
} as const satisfies Record<string, PartialSection['section']>;

export function statusView(snapshot: TenantSnapshot, report: HealthReport): StatusResponse {
  const org = dataOf(snapshot.organization);
  const settings = dataOf(snapshot.syncSettings);
  const synced = dataOf(snapshot.syncedObjects);
  const domains: DomainRow[] = (dataOf(snapshot.domains) ?? []).map((d) => ({
    name: d.name,
    authenticationType: d.authenticationType,
    isDefault: d.isDefault,
    isInitial: d.isInitial,
    ...(d.inheritsFederationFrom ? { inheritsFederationFrom: d.inheritsFederationFrom } : {}),
    ...(d.federation
      ? {
          federation:
            d.federation.status === 'ok'
              ? {
                  signingCertificateExpiry: d.federation.data.signingCertificateExpiry,
                  nextSigningCertificateExpiry: d.federation.data.nextSigningCertificateExpiry,
                  issuerUri: d.federation.data.issuerUri,
                }
              : { unavailable: d.federation.reason },
        }
      : {}),
  }));
  return {
    tenantId: snapshot.tenantId,
    organization: org?.displayName ?? null,
    takenAt: snapshot.takenAt,
    identity: summariseIdentity(snapshot),
    sync: {
      enabled: org ? org.onPremisesSyncEnabled : null,
      lastSync: org?.lastSyncDateTime ?? null,
      lastPasswordSync: dataOf(snapshot.passwordSync)?.lastPasswordSyncDateTime ?? null,
      passwordHashSync: settings ? settings.passwordHashSyncEnabled : null,
      deletionPrevention: settings ? settings.accidentalDeletionPrevention : null,
      syncedUsers: synced?.users ?? null,
      syncedGroups: synced?.groups ?? null,
      provisioningErrors: dataOf(snapshot.provisioningErrors)?.total ?? null,
    },
    domains,
    edition: dataOf(snapshot.licensing)?.edition ?? null,
    findings: report.findings,
    unknown: report.unknown,
    partial: partialSections(snapshot, false),
    readAs: describeAccess(snapshot.readAs),
    sections: sectionReadings(snapshot),
    excluded: [],
    cloudSync: cloudSyncView(snapshot),
    connect: connectDetails(snapshot),
  };
}

function cloudSyncView(snapshot: TenantSnapshot): StatusResponse['cloudSync'] {
  const info = dataOf(snapshot.cloudSync);
  if (!info) return null;
  const jobs = info.jobs.map((job): CloudSyncJobRow => ({
    subject: `${job.servicePrincipalId}/${job.jobId}`,
    configuration: job.configuration,
    syncs: JOB_TEMPLATES[job.templateId] ?? job.templateId,
    statusCode: job.statusCode,
    interval: job.interval,
    lastRun: job.lastExecution
      ? { state: job.lastExecution.state, ended: job.lastExecution.timeEnded, escrowed: job.lastExecution.countEscrowed }
      : null,
    lastSuccessfulRun: job.lastSuccessfulExecution?.timeEnded ?? null,
    quarantine:
      job.statusCode === 'Quarantine'
        ? { reason: job.quarantine?.reason ?? null, since: job.quarantine?.seriesBegan ?? job.quarantine?.currentBegan ?? null }
        : null,
  }));
  const agents: CloudSyncAgents | null = !info.agents
    ? null
    : info.agents.status === 'ok'
      ? { state: 'read', agents: info.agents.data.map((a) => ({ ...a })) }
      : { state: 'notChecked', reason: `not checked, because ${info.agents.reason}` };
  return { configurations: info.configurations, jobs, unread: info.unread, agents };
}

/** Turns integrated apps into rows: permissions in plain words, consent kind, privilege and expiry from the health report. */
export function appRows(apps: readonly IntegratedApp[], report: HealthReport, thresholds: HealthThresholds, now: Date): AppRow[] {
  const privileged = new Set(report.findings.filter((f) => f.code === 'app.highPrivilege' && f.severity !== 'info').map((f) => f.subject));
  const expiring = new Set(
    report.findings.filter((f) => f.code === 'app.credentialExpiring' || f.code === 'app.credentialExpired').map((f) => f.subject),
  );
  const high = thresholds.apps.highPrivilege;
  const highApplication = new Set(high.applicationPermissions.flatMap((p) => [p.value, p.appRoleId].filter(Boolean) as string[]));
  const highDelegated = new Set(high.tenantWideDelegatedScopes);
  const windowEnd = now.getTime() + thresholds.apps.credential.warningDaysBeforeExpiry * 86_400_000;
  return apps.map((app) => {
    const permissions: PermissionRow[] = [
      ...app.delegatedGrants.flatMap((grant) =>
        grant.scopes.map((scope) => ({
          kind: 'delegated' as const,
          resource: grant.resourceName,
          permission: scope,
          description: permissionInWords(scope, 'delegated'),
          consent: grant.consentType === 'AllPrincipals' ? ('admin' as const) : ('user' as const),
          highPrivilege: grant.consentType === 'AllPrincipals' && highDelegated.has(scope),
        })),
      ),
      ...app.applicationPermissions.map((p) => ({
        kind: 'application' as const,
        resource: p.resourceName,
        permission: p.permission,
        description: permissionInWords(p.permission, 'application'),
        highPrivilege: highApplication.has(p.permission) || highApplication.has(p.appRoleId),
      })),
    ];
    const consent: ConsentKind =
      app.delegatedGrants.some((g) => g.consentType === 'AllPrincipals') || app.applicationPermissions.length > 0
        ? 'admin'
        : app.delegatedGrants.length > 0
          ? 'user'
          : 'none';
    const ends = app.credentials
      .map((c) => c.endDateTime)
      .filter((d): d is string => Boolean(d))
      .sort();
    return {
      id: app.id,
      appId: app.appId,
      displayName: app.displayName,
      publisher: app.verifiedPublisher ?? app.publisherName,
      verifiedPublisher: app.verifiedPublisher !== null,
      ownedByThisTenant: app.ownedByThisTenant,
      isMicrosoft: app.isMicrosoft,
      enabled: app.enabled,
      highPrivilege: privileged.has(app.appId),
      consent,
      nextCredentialExpiry: ends[0] ?? null,
      credentialsExpiring: expiring.has(app.appId) || (app.enabled && ends.some((end) => Date.parse(end) <= windowEnd)),
      permissions,
      credentials: app.credentials.map((c) => ({ kind: c.kind, displayName: c.displayName, endDateTime: c.endDateTime })),
    };
  });
}

/** The app findings worth an admin's attention: every app finding but the info ones (a replaced credential, read-only access). */
export function appAttentionFindings(report: HealthReport): Finding[] {
  return report.findings.filter((f) => isAppFinding(f.code) && f.severity !== 'info');
}

/** The overview's app counts: apps read, and distinct apps per kind of finding (`excludedApps`: apps with an excluded finding among them). */
export function appsSummary(
  appsRead: number,
  report: HealthReport,
  partial: PartialSection[],
  excludedApps: ReadonlySet<string> = new Set(),
): AppsSummaryResponse {
  const findings = appAttentionFindings(report);
  const appsWith = (code?: Finding['code']) => new Set(findings.filter((f) => code === undefined || f.code === code).map((f) => f.subject));
  const attention = appsWith();
  return {
    apps: appsRead,
    needAttention: attention.size,
    highPrivilege: appsWith('app.highPrivilege').size,
    credentialsExpiring: appsWith('app.credentialExpiring').size,
    credentialsExpired: appsWith('app.credentialExpired').size,
    excluded: [...attention].filter((subject) => excludedApps.has(subject)).length,
    partial,
  };
}

/** The filters and order of GET /api/tab/apps (the contract's query, without paging). */
export type AppQuery = Pick<AppsQuery, 'search' | 'verified' | 'highPrivilege' | 'expiring' | 'consent' | 'sort'>;

const RISK = (row: AppRow): number => (row.highPrivilege ? 4 : 0) + (row.credentialsExpiring ? 2 : 0) + (row.consent === 'admin' ? 1 : 0);

export function filterApps(rows: readonly AppRow[], query: AppQuery): AppRow[] {
  const needle = query.search?.trim().toLowerCase();
  const filtered = rows.filter(
    (row) =>
      (!needle ||
        row.displayName.toLowerCase().includes(needle) ||
        row.appId.includes(needle) ||
        (row.publisher ?? '').toLowerCase().includes(needle)) &&
      (query.verified === undefined || row.verifiedPublisher === query.verified) &&
      (query.highPrivilege === undefined || row.highPrivilege === query.highPrivilege) &&
      (query.expiring === undefined || row.credentialsExpiring === query.expiring) &&
      (query.consent === undefined || row.consent === query.consent),
  );
  const byName = (a: AppRow, b: AppRow): number => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);
  if (query.sort === 'expiry') {
    return filtered.sort((a, b) => (a.nextCredentialExpiry ?? '\uffff').localeCompare(b.nextCredentialExpiry ?? '\uffff') || byName(a, b));
  }
  if (query.sort === 'risk') return filtered.sort((a, b) => RISK(b) - RISK(a) || byName(a, b));
  return filtered.sort(byName);
}

const CSV_COLUMNS = [
  'displayName',
  'appId',
  'publisher',
  'verifiedPublisher',
  'ownedByThisTenant',
  'enabled',
  'highPrivilege',
  'consent',
  'nextCredentialExpiry',
  'permissions',
] as const;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function appsCsv(rows: readonly AppRow[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      CSV_COLUMNS.map((column) =>
        column === 'permissions'
          ? cell(row.permissions.map((p) => `${p.kind}:${p.resource}/${p.permission}`).join('; '))
          : cell(row[column]),
      ).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
