/** Health findings: what the rules say about a snapshot. */
export type Severity = 'info' | 'warning' | 'critical';

export const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export type FindingCode =
  | 'sync.disabled'
  | 'sync.stale'
  | 'phs.stale'
  | 'sync.errors'
  | 'sync.deletionPreventionOff'
  | 'sync.clientVersionUnsupported'
  | 'federation.certExpiring'
  | 'federation.certExpired'
  | 'app.credentialExpiring'
  | 'app.credentialExpired'
  | 'app.highPrivilege'
  /** Watcher only (needs the previous read): a high-privilege permission granted since then. */
  | 'app.highPrivilegeGranted'
  /** Watcher only: an app consented for all users (consentType AllPrincipals) since the previous read. */
  | 'app.tenantWideConsent'
  | 'service.incident'
  | 'cloudSync.quarantined'
  | 'cloudSync.failing'
  | 'cloudSync.notRun'
  | 'cloudSync.noActiveAgent'
  | 'cloudSync.agentRedundancy';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One line, e.g. "Directory sync last ran 7 hours ago". */
  title: string;
  /** What the finding is about, stable across runs: the tenant id, a domain name, an app id, an issue id. Dedupe key with code. */
  subject: string;
  /** The values and times it rests on. */
  evidence: Record<string, string | number | boolean | null>;
  /** What to do, one or two sentences. */
  action: string;
  /** A public page that explains the fix. */
  link: string;
}

/** A rule that could not decide because its data was unavailable: "unknown, because …". */
export interface UnknownCheck {
  code: FindingCode;
  reason: string;
}

export interface HealthReport {
  findings: Finding[];
  unknown: UnknownCheck[];
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const finding of findings) if (!worst || SEVERITY_ORDER[finding.severity] > SEVERITY_ORDER[worst]) worst = finding.severity;
  return worst;
}
