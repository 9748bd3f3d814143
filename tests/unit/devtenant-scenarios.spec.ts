import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { materialise } from '../../devtenant/materialise';
import { isErrorEntry, loadScenario, SCENARIO_DIR, type Scenario } from '../../devtenant/scenario';
import { count, values, type Item } from '../support/served-scenario';

/** Every shipped scenario: present, described, and consistent across keys as Graph would be. */
const names = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('dev tenant scenarios', () => {
  const served = new Map<string, Scenario>();
  const now = new Date();
  before(function () {
    this.timeout(60_000);
    for (const name of names) served.set(name, materialise(loadScenario(name), now));
  });

  it('ships the six scenarios of the design next to healthy-hybrid', () => {
    for (const name of ['healthy-hybrid', 'stale-sync', 'federated-cert-expiring', 'cloud-only', 'sync-errors', 'large', 'throttled'])
      assert.ok(names.includes(name), name);
  });

  it("each is listed in the README's scenario table, where the demo's user picks one", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const listed = new Set([...readme.matchAll(/^\| `([a-z0-9-]+)`(?: \(default\))? \|/gm)].map((m) => m[1]));
    assert.deepEqual(
      names.filter((name) => !listed.has(name)),
      [],
    );
  });

  it('each loads with its own name, a now and a description, and materialises without forms left', () => {
    for (const name of names) {
      const scenario = loadScenario(name);
      assert.equal(scenario.meta.name, name);
      assert.ok(scenario.meta.description && scenario.meta.description.length > 40, `${name} describes itself`);
      const out = served.get(name)!;
      assert.equal(out.meta.now, now.toISOString());
      assert.equal(out.meta.generate, undefined);
      for (const [key, entry] of out.entries) assert.ok(!JSON.stringify(entry).includes('"@certificate"'), `${name} ${key}`);
    }
  });

  it('each is consistent across keys, as Graph would be', () => {
    for (const [name, s] of served) {
      const org = values(s, 'organization')[0];
      const beta = values(s, 'beta/organization')[0];
      assert.equal(beta.id, org.id, `${name}: beta organization is the same tenant`);
      assert.equal(beta.onPremisesLastSyncDateTime, org.onPremisesLastSyncDateTime, `${name}: same last sync in v1.0 and beta`);
      const domains = new Map(values(s, 'domains').map((d) => [d.id, d]));
      for (const verified of org.verifiedDomains as Item[]) {
        assert.equal(
          domains.get(verified.name)?.authenticationType,
          verified.type,
          `${name}: ${String(verified.name)} type in organization and domains`,
        );
        const federation = s.entries.get(`domains/${String(verified.name)}/federationConfiguration`);
        // A subdomain (isRoot false) inherits its root's federation and has none of its own (Graph answers 404).
        if (verified.type === 'Federated' && domains.get(verified.name)?.isRoot !== false)
          assert.ok(federation && !isErrorEntry(federation), `${name}: federated ${String(verified.name)} has a federationConfiguration`);
        if (domains.get(verified.name)?.isRoot === false)
          assert.equal(federation, undefined, `${name}: subdomain ${String(verified.name)} has no federationConfiguration of its own`);
      }
      const sps = new Map(values(s, 'servicePrincipals').map((sp) => [sp.id, sp]));
      assert.equal(sps.size, values(s, 'servicePrincipals').length, `${name}: service principal ids are unique`);
      const appIds = new Set([...sps.values()].map((sp) => sp.appId));
      for (const app of values(s, 'applications'))
        assert.ok(appIds.has(app.appId), `${name}: application ${String(app.displayName)} has its service principal`);
      const users = new Set(values(s, 'users').map((u) => u.id));
      // A scenario may stand for a caller who may not list grants (an error entry, as Graph's 403).
      const grantsEntry = s.entries.get('oauth2PermissionGrants');
      const grants = grantsEntry && isErrorEntry(grantsEntry) ? [] : values(s, 'oauth2PermissionGrants');
      for (const grant of grants) {
        assert.ok(sps.has(grant.clientId) && sps.has(grant.resourceId), `${name}: grant ${String(grant.id)} refers to service principals`);
        assert.equal(
          grant.principalId === null,
          grant.consentType === 'AllPrincipals',
          `${name}: grant ${String(grant.id)} principal matches its consent type`,
        );
        if (grant.principalId !== null) assert.ok(users.has(grant.principalId), `${name}: grant ${String(grant.id)} is a user's`);
      }
      for (const [key, entry] of s.entries) {
        const match = /^servicePrincipals\/([^/]+)\/appRoleAssignments$/.exec(key);
        if (!match) continue;
        assert.ok(sps.has(match[1]), `${name}: ${key} belongs to a service principal`);
        for (const assignment of (entry as { value: Item[] }).value) {
          assert.equal(assignment.principalId, match[1]);
          const resource = sps.get(assignment.resourceId);
          assert.ok(resource, `${name}: ${key} resource exists`);
          assert.ok(
            (resource.appRoles as Item[]).some((role) => role.id === assignment.appRoleId),
            `${name}: ${key} role ${String(assignment.appRoleId)} resolves to a name`,
          );
        }
      }
      assert.ok(Array.isArray(values(s, 'admin/serviceAnnouncement/issues')));
      assert.ok(
        values(s, 'admin/serviceAnnouncement/healthOverviews').some((o) => o.id === 'OrgLiveID'),
        `${name}: Entra (OrgLiveID) health`,
      );
    }
  });

  it('each counts synced users and groups with $count and the onPremisesSyncEnabled filter', () => {
    for (const [name, s] of served) {
      const users = count(s, 'users/$count?$filter=onPremisesSyncEnabled eq true');
      const synced = values(s, 'organization')[0].onPremisesSyncEnabled === true;
      assert.equal(users > 0, synced, `${name}: synced users exactly when the tenant syncs`);
      // A tenant may have no groups at all: Graph answers an empty collection (200, no items).
      if (values(s, 'groups').length > 0)
        assert.equal(count(s, 'groups/$count?$filter=onPremisesSyncEnabled eq true') > 0, synced, `${name}: synced groups`);
      if (synced) assert.equal(values(s, 'beta/directory/onPremisesSynchronization').length, 1, `${name}: sync settings where sync exists`);
    }
  });
});
