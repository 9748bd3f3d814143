/**
 * cloudSync.noActiveAgent / cloudSync.agentRedundancy: the health of Cloud Sync's provisioning
 * agents, judged on the status Graph's beta onPremisesAgent reports (active or inactive;
 * https://learn.microsoft.com/en-us/graph/api/resources/onpremisesagent?view=graph-rest-beta), for a
 * tenant with at least one Cloud Sync configuration (without one, no agent is needed):
 * - no agent active (none registered, or every one inactive): nothing syncs, critical;
 * - some active, some inactive: a warning naming the inactive machines;
 * - all active but fewer than RECOMMENDED_ACTIVE_AGENTS: info. Learn's Cloud Sync prerequisites
 *   (https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites,
 *   ms.date 2025-04-09) recommend three active agents for high availability, so that sync goes on
 *   when one fails; a single agent is a single point of failure. Agents report their status every
 *   10 minutes (the same page), so an agent just stopped may still read active for a while.
 * Graph gives the agents only to a signed-in admin (delegated): app-only (the watcher, `status`,
 * `npm run check`) this is "unknown, because …", never "healthy". A status Graph documents neither
 * way is not guessed at.
 */
import type { ProvisioningAgent } from '../cloud-sync';
import type { Finding, FindingCode, Severity } from '../findings';
import { type HealthRule, nothingToReport, plural, reportFindings, reportUnknown, unknownBecause } from './common';
import { LEARN } from './links';

/** Learn: "Microsoft recommends having 3 active agents installed for high availability" (cloud-sync/how-to-prerequisites). */
export const RECOMMENDED_ACTIVE_AGENTS = 3;

const CODES: readonly FindingCode[] = ['cloudSync.noActiveAgent', 'cloudSync.agentRedundancy'];

export const cloudSyncAgentsRule: HealthRule = ({ snapshot }) => {
  const cloudSync = snapshot.cloudSync;
  // No claim without Cloud Sync read and configured (its own rule says when it could not be read),
  // nor from a snapshot taken before agents were read.
  if (cloudSync?.status !== 'ok' || cloudSync.data.configurations === 0 || !cloudSync.data.agents) return nothingToReport();
  const section = cloudSync.data.agents;
  if (section.status === 'unavailable') return reportUnknown(...CODES.map((code) => unknownBecause(code, section.reason)));
  const agents = section.data;
  const active = agents.filter((a) => a.status === 'active');
  const inactive = agents.filter((a) => a.status === 'inactive');
  const unknown = agents.filter((a) => a.status !== 'active' && a.status !== 'inactive');
  if (unknown.length && active.length === 0) {
    const states = [...new Set(unknown.map((a) => `"${a.status}"`))].join(', ');
    return reportUnknown(
      ...CODES.map((code) => unknownBecause(code, `Graph reported an agent in a state this app does not know (${states})`)),
    );
  }
  const base = (code: FindingCode, severity: Severity): Pick<Finding, 'code' | 'severity' | 'subject' | 'link'> => ({
    code,
    severity,
    subject: snapshot.tenantId,
    link: LEARN.cloudSyncPrerequisites,
  });
  const evidence = {
    agents: agents.length,
    activeAgents: active.length,
    activeMachines: names(active),
    inactiveMachines: names(inactive),
    recommendedActiveAgents: RECOMMENDED_ACTIVE_AGENTS,
  };
  if (active.length === 0) {
    return reportFindings({
      ...base('cloudSync.noActiveAgent', 'critical'),
      title:
        agents.length === 0
          ? 'Cloud Sync has no provisioning agent registered: nothing syncs from Active Directory'
          : `Cloud Sync has no active provisioning agent (${plural(inactive.length, 'agent')} inactive): nothing syncs from Active Directory`,
      evidence,
      action:
        agents.length === 0
          ? 'Install the Microsoft Entra provisioning agent on a domain-joined server (Microsoft recommends three for high availability) and register it for Cloud Sync.'
          : 'On each agent server, check that the Microsoft Entra Provisioning Agent service runs and can reach Entra ID (outbound 443, proxy, certificate); restart it, and in Microsoft Entra admin center > Cloud Sync > Agents check that it shows as active.',
    });
  }
  if (inactive.length > 0) {
    return reportFindings({
      ...base('cloudSync.agentRedundancy', 'warning'),
      title: `${plural(inactive.length, 'Cloud Sync provisioning agent')} inactive (${names(inactive)}); ${active.length} of ${plural(agents.length, 'agent')} active`,
      evidence,
      action:
        'Sync goes on through the active agents, with less room for another failure. Bring the inactive agent back (its Microsoft Entra Provisioning Agent service, network and proxy), or uninstall it if the server is retired, so that the agents list reflects what runs.',
    });
  }
  if (active.length < RECOMMENDED_ACTIVE_AGENTS) {
    return reportFindings({
      ...base('cloudSync.agentRedundancy', 'info'),
      title: `Cloud Sync runs on ${plural(active.length, 'active provisioning agent')}; Microsoft recommends ${RECOMMENDED_ACTIVE_AGENTS} for high availability`,
      evidence,
      action: `If ${active.length === 1 ? 'that agent' : 'these agents'} fail${active.length === 1 ? 's' : ''}, nothing syncs. Install the provisioning agent on ${plural(RECOMMENDED_ACTIVE_AGENTS - active.length, 'more server')}, so sync goes on when one is down.`,
    });
  }
  return nothingToReport();
};

/** "CONTOSO-SYNC01.contoso.com, CONTOSO-SYNC02.contoso.com" (the agent id when Graph gave no machine name). */
function names(agents: readonly ProvisioningAgent[]): string {
  return agents.map((a) => a.machineName ?? a.id).join(', ');
}
