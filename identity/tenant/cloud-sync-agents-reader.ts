/**
 * Cloud Sync's provisioning agents: GET /beta/onPremisesPublishingProfiles/provisioning/agents
 * (https://learn.microsoft.com/en-us/graph/api/onpremisesagent-list?view=graph-rest-beta). Delegated
 * only: least privileged Policy.Read.HybridAuthentication, application permissions "Not supported".
 * So the app-only readers (the watcher, the bot's `status`, `npm run check`) never ask, and say so;
 * the tab asks in the beta $batch it already sends (last password sync, sync configuration), which
 * adds no round trip.
 */
import type { GraphCall, GraphReply } from '../../platform/graph/port';
import type { ProvisioningAgent } from './cloud-sync';
import { accessHint, sectionFrom, str, valuesOf } from './sections';
import type { ReadIdentity, Section } from './snapshot';

export const CLOUD_SYNC_AGENTS_CALL: GraphCall = { url: 'onPremisesPublishingProfiles/provisioning/agents', version: 'beta' };

/** Why an app-only read has no agents; the bot, alerts and `npm run check` show it as "not checked, because …". */
export const AGENTS_APP_ONLY =
  "Graph gives Cloud Sync's provisioning agents only to a signed-in admin (delegated Policy.Read.HybridAuthentication; application permissions are not supported): the tab lists them after you sign in";

/** The agents section from the beta batch's reply; `reply` is absent when the read was app-only (never asked). */
export function agentsSection(reply: GraphReply | undefined, readAs: ReadIdentity): Section<ProvisioningAgent[]> {
  if (readAs.kind === 'app' || !reply) return { status: 'unavailable', reason: AGENTS_APP_ONLY };
  return sectionFrom(reply, accessHint(readAs, 'Policy.Read.HybridAuthentication'), readAgents);
}

function readAgents(body: unknown): ProvisioningAgent[] {
  return valuesOf(body).map((agent) => {
    if (typeof agent.id !== 'string') throw new Error('an agent without an id');
    const status = str(agent.status);
    return {
      id: agent.id,
      machineName: str(agent.machineName),
      externalIp: str(agent.externalIp),
      status: status === null ? 'unknown' : status.toLowerCase(),
    };
  });
}
