/**
 * service.incident: open Microsoft service-health issues in the snapshot (subject = issue id).
 * The snapshot reader decides which services count (Microsoft Entra); this rule judges every open issue it gets
 * (open: not resolved and not in a closing status, ../service-health.ts).
 *
 * Severity: an incident that interrupts the service → critical (users cannot sign in or work);
 * any other open incident (degradation, investigating, …) → warning; an advisory → info.
 * Nothing for the admin to fix, but they need to know before users call.
 */
import type { Severity } from '../findings';
import type { ServiceIssue } from '../snapshot';
import { type HealthRule, reportUnknown, unknownBecause } from './common';
import { LEARN } from './links';
import { isOpenIssue } from '../service-health';

export const serviceIncidentRule: HealthRule = ({ snapshot }) => {
  const health = snapshot.serviceHealth;
  if (health.status === 'unavailable') return reportUnknown(unknownBecause('service.incident', health.reason));
  const open = health.data.filter(isOpenIssue);
  return {
    unknown: [],
    findings: open.map((issue) => {
      const severity = severityOf(issue);
      return {
        code: 'service.incident' as const,
        severity,
        title: `Microsoft ${issue.classification === 'incident' ? 'incident' : 'advisory'} ${issue.id}: ${issue.title}`,
        subject: issue.id,
        evidence: {
          id: issue.id,
          classification: issue.classification,
          status: issue.status,
          service: issue.service,
          feature: issue.feature,
          startDateTime: issue.startDateTime,
        },
        action:
          severity === 'info'
            ? 'Read the advisory in the Microsoft 365 admin center (Health > Service health) and decide whether users need to know.'
            : 'Microsoft is working on it: follow the updates in the Microsoft 365 admin center (Health > Service health) and tell affected users, rather than changing your own configuration.',
        link: LEARN.serviceHealth,
      };
    }),
  };
};

function severityOf(issue: ServiceIssue): Severity {
  if (issue.classification !== 'incident') return 'info';
  return issue.status === 'serviceInterruption' ? 'critical' : 'warning';
}
