/**
 * The consolidated alert card: one message for many alerts of one finding code (notifications/
 * consolidate.ts), e.g. "37 apps have a client secret expiring within 30 days", the first
 * BATCH_LISTED by the date that matters (the nearest expiry first), "and 27 more", and a button to
 * the tab's apps view, where every app is listed; "Acknowledge all" and "Snooze all…" act on every
 * alert it lists, carrying only the stored consolidated alert's id. Its size does not grow with the
 * batch: it stays far below 28 KB, the strictest message limit Teams has had (Learn's "Format your bot
 * messages" now says 100 KB, 80 KB to be safe:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages), as
 * tests/integration/app-alerts-consolidated.spec.ts checks on a 1,500-app tenant.
 */
import { CATEGORY_LABEL, categoryOf, isAppFinding } from '../identity/alerts/categories';
import { CONSOLIDATE_ABOVE } from '../identity/alerts/consolidation';
import { SEVERITY_ORDER, type FindingCode, type Severity } from '../identity/tenant/findings';
import { tabViewUrl } from '../platform/teams-links';
import { describeAge } from '../identity/tenant/age';
import { stateLine, utc, type AlertCardData, type CardContext } from './alerts';
import { renderCard } from './render';
import { SEVERITY_STYLE } from './severity';

/** Alerts a consolidated card names one by one; the rest are counted ("and 27 more"). */
export const BATCH_LISTED = 10;

export type BatchCardKind = 'new' | 'reminder' | 'resolved';

export interface BatchCardData {
  kind: BatchCardKind;
  code: FindingCode;
  alerts: readonly AlertCardData[];
  /** The tenant's credential warning window (days), for "expiring within 30 days". */
  warningDays: number;
  /** The stored consolidated alert (notifications/batches.ts): its id is all the card's actions carry. Without one, no actions. */
  batchId?: string;
  /** What was done to all of them ("Acknowledged by … at … UTC"), and a second line on what that means. */
  state?: { line: string; detail: string };
  /** Acknowledged all: nothing left to act on. */
  settled?: boolean;
}

const NOT_DATES = new Set(['appName', 'appId', 'ownedByThisTenant', 'usedBy', 'publisher']);

/** The date a row is about: the nearest expiry, the latest expired credential, or when a grant was first seen. */
function dateOf(alert: AlertCardData, code: FindingCode): number | undefined {
  const evidence = alert.finding.evidence;
  if (code === 'app.highPrivilegeGranted' || code === 'app.tenantWideConsent') {
    const seen = Date.parse(String(evidence.firstSeenAt ?? ''));
    return Number.isNaN(seen) ? undefined : seen;
  }
  const dates = Object.entries(evidence)
    .filter(([key, value]) => !NOT_DATES.has(key) && typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value))
    .map(([, value]) => Date.parse(value as string));
  if (!dates.length) return undefined;
  return code === 'app.credentialExpired' ? Math.max(...dates) : Math.min(...dates);
}

/** "client secret", "certificate", or both, from the credentials the evidence names. */
function credentialWord(alerts: readonly AlertCardData[]): string {
  const kinds = new Set(
    alerts.flatMap((a) =>
      Object.keys(a.finding.evidence).flatMap((key) =>
        key.startsWith('client secret') ? ['client secret'] : key.startsWith('certificate') ? ['certificate'] : [],
      ),
    ),
  );
  return kinds.size === 1 ? [...kinds][0] : 'client secret or certificate';
}

/** The card's title: what the listed alerts have in common, and how many there are. */
export function batchTitle(batch: Pick<BatchCardData, 'kind' | 'code' | 'alerts' | 'warningDays'>): string {
  const n = batch.alerts.length;
  const resolved = batch.kind === 'resolved';
  const have = resolved ? 'no longer have' : batch.kind === 'reminder' ? 'still have' : 'have';
  switch (batch.code) {
    case 'app.credentialExpiring':
      return `${n} apps ${have} a ${credentialWord(batch.alerts)} expiring within ${batch.warningDays} days`;
    case 'app.credentialExpired':
      return `${n} apps ${have} an expired ${credentialWord(batch.alerts)}`;
    case 'app.highPrivilegeGranted':
      return resolved
        ? `${n} apps no longer hold the high-privilege permissions newly granted to them`
        : `${n} apps were newly granted high-privilege permissions`;
    case 'app.tenantWideConsent':
      return resolved
        ? `${n} apps are no longer consented for every user in the tenant`
        : `${n} apps were newly consented for every user in the tenant`;
    default:
      return `${n} ${CATEGORY_LABEL[categoryOf(batch.code)].toLowerCase()} alerts of one kind ${resolved ? 'resolved' : 'open'}`;
  }
}

function dateLine(code: FindingCode, at: number | undefined, now: number): string {
  if (at === undefined) return '';
  const day = new Date(at).toISOString().slice(0, 10);
  if (code === 'app.credentialExpiring') return `expires ${day} (${describeAge(now - at)})`;
  if (code === 'app.credentialExpired') return `expired ${day} (${describeAge(now - at)})`;
  if (code === 'app.highPrivilegeGranted' || code === 'app.tenantWideConsent') return `first seen ${day}`;
  return day;
}

/** The alerts in the order the card lists them: the most severe first, then the nearest date (expiry soonest, expired latest). */
export function batchOrder(alerts: readonly AlertCardData[], code: FindingCode, now: number): AlertCardData[] {
  const distance = (a: AlertCardData): number => {
    const at = dateOf(a, code);
    return at === undefined ? Number.POSITIVE_INFINITY : Math.abs(at - now);
  };
  return [...alerts].sort(
    (a, b) =>
      SEVERITY_ORDER[b.finding.severity] - SEVERITY_ORDER[a.finding.severity] ||
      distance(a) - distance(b) ||
      a.finding.title.localeCompare(b.finding.title),
  );
}

export function batchCard(batch: BatchCardData, context: CardContext): Record<string, unknown> {
  const ordered = batchOrder(batch.alerts, batch.code, context.now);
  const listed = ordered.slice(0, BATCH_LISTED);
  const more = ordered.length - listed.length;
  const worst: Severity = ordered[0]?.finding.severity ?? 'info';
  const app = isAppFinding(batch.code);
  const heading =
    batch.kind === 'resolved' ? 'Resolved' : batch.kind === 'reminder' ? 'Reminder: still open' : app ? 'App alerts' : 'Sync-health alerts';
  const first = ordered[0]?.finding;
  return renderCard('alert-batch', {
    heading,
    headingColor: batch.kind === 'resolved' ? 'Good' : 'Default',
    severityLabel: batch.kind === 'resolved' ? '' : SEVERITY_STYLE[worst].label,
    severityColor: SEVERITY_STYLE[worst].color,
    title: batchTitle(batch),
    listedLine:
      batch.kind === 'resolved'
        ? `No longer found since ${utc(context.now)}.`
        : `${listed.length === ordered.length ? 'All' : `The first ${listed.length}`}, the most urgent first:`,
    rows: listed.map((alert) => ({
      name: String(alert.finding.evidence.appName ?? alert.finding.subject),
      detail: alert.finding.title,
      date: dateLine(batch.code, dateOf(alert, batch.code), context.now),
      severityColor: batch.kind === 'resolved' ? 'Default' : SEVERITY_STYLE[alert.finding.severity].color,
    })),
    hasMore: more > 0,
    moreLine: `and ${more} more`,
    trackingLine:
      batch.kind === 'resolved'
        ? 'Each was tracked on its own; whichever comes back opens its own alert again.'
        : 'Each is still tracked on its own: it resolves and reminds on its own, and can be excluded (with why and until when) in the status tab’s Notifications view; a new one later arrives as its own alert.',
    viewTitle: app ? 'Open the apps view' : 'Open status tab',
    viewUrl: app ? tabViewUrl(context.tabUrl, 'apps') : context.tabUrl,
    hasLink: batch.kind !== 'resolved' && first !== undefined,
    link: first?.link ?? context.tabUrl,
    batchId: batch.batchId ?? '',
    canAct: batch.kind !== 'resolved' && batch.batchId !== undefined && !batch.settled,
    hasState: batch.state !== undefined,
    state: batch.state?.line ?? '',
    stateDetail: batch.state?.detail ?? '',
  });
}

/** Names a digest row of many alerts shows before it counts the rest. */
const DIGEST_NAMED = 3;

export interface DigestRow {
  severityLabel: string;
  severityColor: string;
  title: string;
  since: string;
  state: string;
}

/**
 * The digest's rows: one per alert, except that more than CONSOLIDATE_ABOVE alerts of one code are
 * one row ("37 apps have …", the nearest three named), where the first of them stood; so a digest
 * of the `large` tenant's 560 credential alerts stays a short card.
 */
export function digestRows(alerts: readonly AlertCardData[], context: CardContext): DigestRow[] {
  const byCode = new Map<FindingCode, AlertCardData[]>();
  for (const alert of alerts) byCode.set(alert.finding.code, [...(byCode.get(alert.finding.code) ?? []), alert]);
  const rows: DigestRow[] = [];
  const done = new Set<FindingCode>();
  for (const alert of alerts) {
    const code = alert.finding.code;
    const group = byCode.get(code)!;
    const style = (severity: Severity) => SEVERITY_STYLE[severity];
    if (group.length <= CONSOLIDATE_ABOVE) {
      const { label, color } = style(alert.finding.severity);
      rows.push({
        severityLabel: label,
        severityColor: color,
        title: alert.finding.title,
        since: utc(alert.openedAt),
        state: stateLine(alert, context.now) ?? '',
      });
      continue;
    }
    if (done.has(code)) continue;
    done.add(code);
    const ordered = batchOrder(group, code, context.now);
    const named = ordered.slice(0, DIGEST_NAMED).map((a) => {
      const at = dateOf(a, code);
      return `${String(a.finding.evidence.appName ?? a.finding.subject)}${at === undefined ? '' : ` (${new Date(at).toISOString().slice(0, 10)})`}`;
    });
    const { label, color } = style(ordered[0].finding.severity);
    rows.push({
      severityLabel: label,
      severityColor: color,
      title: batchTitle({ kind: 'new', code, alerts: group, warningDays: context.warningDays ?? 30 }),
      since: utc(Math.min(...group.map((a) => a.openedAt))),
      state: `The nearest: ${named.join(', ')}, and ${ordered.length - named.length} more${isAppFinding(code) ? ' (every one in the apps view)' : ''}.`,
    });
  }
  return rows;
}
