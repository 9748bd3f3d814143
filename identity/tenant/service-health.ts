/**
 * Microsoft Entra's open service-health issues, from admin/serviceAnnouncement/issues.
 *
 * What Graph sends there (https://learn.microsoft.com/graph/api/serviceannouncement-list-issues):
 * - the issues of every service the tenant subscribes to (Exchange Online, Teams, …), resolved ones
 *   too, paged at 100 by default and up to 1000 with `Prefer: odata.maxpagesize`; the rest comes
 *   through @odata.nextLink, followed here as given (bounded by MAX_ISSUE_PAGES).
 * - `service` is the affected service's name as healthOverviews lists it; Entra's service has the id
 *   "OrgLiveID" (https://learn.microsoft.com/graph/api/serviceannouncement-list-healthoverviews, whose
 *   example names it "Identity Service"). So the name is read from healthOverviews in the same batch and
 *   matched exactly; a pattern such as /identity/ would also match other products' names.
 * - `status` is a serviceHealthStatus (https://learn.microsoft.com/graph/api/resources/servicehealthissue);
 *   the reference's own examples spell enum members with a capital ("ServiceRestored", "Incident"),
 *   so they are compared without regard to the first letter's case.
 */
import type { GraphCall, GraphPort, GraphReply } from '../../platform/graph/port';
import { followPages, sectionFrom, str, valuesOf, type AccessHint } from './sections';
import type { Section, ServiceIssue } from './snapshot';

/** healthOverviews id of Microsoft Entra ID's service. */
export const ENTRA_SERVICE_ID = 'OrgLiveID';

/**
 * Names Graph has given that service, matched even when healthOverviews cannot be read:
 * "Identity Service" (the Graph reference's healthOverviews example). ⚠ Tenants now see
 * "Microsoft Entra" in the admin center; community code maps OrgLiveID to that name, the
 * reference does not show it, so it is taken from healthOverviews when Graph sends it.
 */
export const KNOWN_ENTRA_SERVICE_NAMES: readonly string[] = ['Identity Service', 'Microsoft Entra'];

/** Pages of issues read at most (20 × 1000 with the page-size preference, 20 × 100 without). */
export const MAX_ISSUE_PAGES = 20;

export const ISSUES_CALL: GraphCall = {
  url: 'admin/serviceAnnouncement/issues?$select=id,title,classification,status,service,feature,startDateTime,isResolved',
  headers: { Prefer: 'odata.maxpagesize=1000' },
};

export const HEALTH_OVERVIEWS_CALL: GraphCall = { url: 'admin/serviceAnnouncement/healthOverviews?$select=id,service' };

/**
 * serviceHealthStatus members after which an issue is over, whatever isResolved says: restored,
 * reviewed, a false positive, an operational service, and the members the reference lists as
 * "reserved for future use" that name an end (resolved, resolvedExternal, mitigated, mitigatedExternal).
 * Every other member (investigating, serviceDegradation, serviceInterruption, extendedRecovery,
 * confirmed, reported, unknownFutureValue, …) leaves it open.
 */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set([
  'serviceRestored',
  'postIncidentReviewPublished',
  'falsePositive',
  'serviceOperational',
  'resolved',
  'resolvedExternal',
  'mitigated',
  'mitigatedExternal',
]);

/** An enum member as Graph's JSON spells it: "ServiceRestored" → "serviceRestored". */
export function enumMember(value: unknown): string | null {
  const text = str(value);
  return text ? text.charAt(0).toLowerCase() + text.slice(1) : null;
}

export function isOpenIssue(issue: Pick<ServiceIssue, 'isResolved' | 'status'>): boolean {
  return !issue.isResolved && !CLOSED_STATUSES.has(issue.status);
}

/**
 * Reads every page of issues (the first came in the status batch) and keeps the open ones of
 * Microsoft Entra. A read cut short by the page bound is not a read: it could hide an incident.
 */
export async function readEntraIssues(
  graph: GraphPort,
  first: GraphReply,
  overviews: GraphReply,
  hint: AccessHint,
): Promise<Section<ServiceIssue[]>> {
  const paged = await followPages(graph, first, MAX_ISSUE_PAGES);
  if (paged.status === 200 && !paged.complete && paged.pages >= MAX_ISSUE_PAGES) {
    return { status: 'unavailable', reason: `Graph listed more than ${MAX_ISSUE_PAGES} pages of service issues; the rest was not read` };
  }
  const names = new Set([...KNOWN_ENTRA_SERVICE_NAMES, ...entraServiceNames(overviews)]);
  return sectionFrom(paged, hint, (body) =>
    valuesOf(body)
      .filter((issue) => names.has(String(issue.service ?? '')))
      .map((issue): ServiceIssue => ({
        id: String(issue.id),
        title: str(issue.title) ?? '',
        classification: enumMember(issue.classification)?.toLowerCase() ?? 'advisory',
        status: enumMember(issue.status) ?? 'unknownFutureValue',
        service: str(issue.service) ?? '',
        feature: str(issue.feature),
        startDateTime: str(issue.startDateTime),
        isResolved: issue.isResolved === true,
      }))
      .filter(isOpenIssue),
  );
}

/** The service name(s) healthOverviews gives Entra's id, when it could be read. */
function entraServiceNames(overviews: GraphReply): string[] {
  if (overviews.status !== 200) return [];
  try {
    return valuesOf(overviews.body)
      .filter((service) => service.id === ENTRA_SERVICE_ID)
      .map((service) => str(service.service))
      .filter((name): name is string => Boolean(name));
  } catch {
    return [];
  }
}
