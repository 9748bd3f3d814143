import type { TenantFacts } from '../../identity/advisors';
import type { SnapshotSource } from '../../identity/tenant/snapshot-cache';
import { dataOf, summariseIdentity } from '../../identity/tenant/summary';

/** What the advisors can learn from the tenant's status (the cached snapshot), so they skip those questions. */
export async function tenantFacts(snapshots: SnapshotSource, tenantId: string): Promise<TenantFacts> {
  const snapshot = await snapshots.snapshot(tenantId);
  const org = dataOf(snapshot.organization);
  const licensing = dataOf(snapshot.licensing);
  const facts: TenantFacts = {};
  if (org) {
    facts.syncEnabled = org.onPremisesSyncEnabled;
    if (snapshot.domains.status === 'ok') facts.federatedDomains = summariseIdentity(snapshot).federatedDomains;
  }
  if (licensing) facts.edition = licensing.edition;
  return facts;
}
