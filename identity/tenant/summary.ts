import { relativeTime } from './age';
import { JOB_TEMPLATES, type CloudSyncInfo } from './cloud-sync';
import type { Section, TenantSnapshot } from './snapshot';

/** How the tenant's users sign in and where identities come from, in the words the tab and bot show. */
export interface IdentitySummary {
  model: 'cloud-only' | 'hybrid' | 'unknown';
  /** e.g. "Password hash sync", "Federation", "Cloud (no sync)". */
  signIn: string;
  /** Why we say so, or why we cannot. */
  basis: string;
  federatedDomains: string[];
}

/**
 * Derives the identity model and sign-in method. Graph has no flag for pass-through
 * authentication or seamless SSO, so a synced, non-federated tenant without password hash sync is
 * reported as "pass-through authentication or another method", never as a guess.
 */
export function summariseIdentity(snapshot: TenantSnapshot): IdentitySummary {
  const org = snapshot.organization;
  if (org.status !== 'ok')
    return { model: 'unknown', signIn: 'Unknown', basis: `organization unavailable: ${org.reason}`, federatedDomains: [] };
  const federatedDomains = federated(snapshot.domains, org.data.verifiedDomains);
  if (org.data.onPremisesSyncEnabled === null) {
    return federatedDomains.length
      ? { model: 'cloud-only', signIn: 'Federation', basis: `federated domains: ${federatedDomains.join(', ')}`, federatedDomains }
      : {
          model: 'cloud-only',
          signIn: 'Cloud accounts (no directory sync)',
          basis: 'the tenant has never synced from on-premises',
          federatedDomains,
        };
  }
  if (federatedDomains.length) {
    return { model: 'hybrid', signIn: 'Federation', basis: `federated domains: ${federatedDomains.join(', ')}`, federatedDomains };
  }
  const settings = snapshot.syncSettings;
  if (settings.status === 'ok') {
    return settings.data.passwordHashSyncEnabled
      ? { model: 'hybrid', signIn: 'Password hash sync', basis: 'password hash sync is enabled in the sync settings', federatedDomains }
      : {
          model: 'hybrid',
          signIn: 'Pass-through authentication or another method',
          basis: 'password hash sync is off and no domain is federated; Graph does not report pass-through authentication',
          federatedDomains,
        };
  }
  const lastPasswordSync = snapshot.passwordSync.status === 'ok' ? snapshot.passwordSync.data.lastPasswordSyncDateTime : null;
  if (lastPasswordSync) {
    return {
      model: 'hybrid',
      signIn: 'Password hash sync',
      basis: `passwords have been synced (last ${lastPasswordSync}); sync settings unavailable: ${settings.reason}`,
      federatedDomains,
    };
  }
  return { model: 'hybrid', signIn: 'Unknown', basis: `sync settings unavailable: ${settings.reason}`, federatedDomains };
}

function federated(domains: TenantSnapshot['domains'], verified: { name: string; type: string }[]): string[] {
  if (domains.status === 'ok') return domains.data.filter((d) => d.authenticationType === 'Federated').map((d) => d.name);
  return verified.filter((d) => d.type === 'Federated').map((d) => d.name);
}

/** The data of a section, or undefined. */
export function dataOf<T>(section: Section<T> | undefined): T | undefined {
  return section?.status === 'ok' ? section.data : undefined;
}

/**
 * Cloud Sync in one line: "not used", or per job its status and last run
 * ("contoso.com: users, groups and contacts Active, last run 2 minutes ago; …").
 */
export function describeCloudSync(info: CloudSyncInfo, now: Date): string {
  if (info.configurations === 0) return 'not used';
  const jobs = info.jobs.map((job) => {
    const ended = job.lastExecution?.timeEnded;
    const what = JOB_TEMPLATES[job.templateId] ?? job.templateId;
    return `${job.configuration}: ${what} ${job.statusCode}${ended ? `, last run ${relativeTime(ended, now)}` : ''}`;
  });
  const unread = info.unread.map((u) => `${u.configuration}: jobs not read`);
  // Read only with a signed-in admin's access; app-only, the not-checked list says why not.
  const agents = info.agents?.status === 'ok' ? info.agents.data : undefined;
  const agentLine = agents && `provisioning agents: ${agents.filter((a) => a.status === 'active').length} of ${agents.length} active`;
  return [...jobs, ...unread, ...(agentLine ? [agentLine] : [])].join('; ') || `${info.configurations} configuration(s) without jobs`;
}
