import assert from 'node:assert/strict';
import type { StatusResponse } from '../../contract/tab';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { startDelegatedTabApi, type TabApiServer } from '../support/tab-api-server';
import { TabTokens } from '../support/tab-tokens';

const GLOBAL_ADMIN = ENTRA_ROLES.globalAdministrator.id;
const HYBRID_ADMIN = ENTRA_ROLES.hybridIdentityAdministrator.id;

/**
 * GET /api/tab/status's "Entra Connect details" through the real routes, each admin reading the dev
 * tenant with a delegated token of their own roles and the consented scopes: the dev tenant itself
 * answers directory/onPremisesSynchronization only to a Global Administrator, as Graph does.
 */
describe('tab API: Entra Connect details, for a Global Administrator only', () => {
  let tokens: TabTokens;
  let devTenant: RunningDevTenant;
  let app: TabApiServer;

  before(async () => {
    tokens = await TabTokens.create();
    devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    app = await startDelegatedTabApi(tokens, devTenant);
  });
  after(async () => {
    await app.close();
    await devTenant.close();
  });

  const statusAs = async (wids: string[], refresh = false): Promise<StatusResponse> => {
    const response = await fetch(`${app.url}/api/tab/status${refresh ? '?refresh=1' : ''}`, {
      headers: { authorization: `Bearer ${await tokens.mint({ wids })}` },
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as StatusResponse;
  };

  it("a Global Administrator's tab: deletion prevention in words and every feature on or off, in the status view's one round trip", async () => {
    const before = devTenant.stats().requests;
    const { connect } = await statusAs([GLOBAL_ADMIN]);
    // One v1.0 $batch and, beside it, one beta $batch (the last password sync and the sync configuration).
    assert.equal(devTenant.stats().requests - before, 2, 'no call of its own');
    assert.ok(connect.state === 'read', JSON.stringify(connect));
    assert.equal(connect.deletionPrevention?.sentence, 'On: an export that would delete more than 500 objects is stopped (the default).');
    const on = connect.features.filter((f) => f.on).map((f) => f.name);
    assert.deepEqual(on.sort(), [
      'Cloud objects protected from takeover by hard match',
      'Directory extension attributes synced',
      'Password hash sync',
      'Quarantine on a duplicate proxy address',
      'Quarantine on a duplicate user principal name',
      'Soft match on user principal name',
      'Soft matching blocked',
      'User principal name changes synced for licensed managed users',
    ]);
    assert.equal(connect.features.length, 19);
    assert.equal(connect.clientVersion, '2.5.79.0');
    assert.equal(connect.interval, 'every 30 minutes');
    assert.equal(connect.requestedInterval, null);
    assert.match(connect.source, /beta API/);
  });

  it('another admin role the tab admits (Hybrid Identity Administrator): "not checked, because only a Global Administrator may …"', async () => {
    const status = await statusAs([HYBRID_ADMIN]);
    assert.deepEqual(status.connect, {
      state: 'notChecked',
      reason:
        'not checked, because only a Global Administrator may read the sync configuration, and the signed-in admin is not one (Graph answered 403 Authorization_RequestDenied)',
    });
    assert.ok(!status.findings.some((f) => f.code === 'sync.deletionPreventionOff'), 'a refusal is never a finding');
    assert.ok(status.unknown.some((u) => u.code === 'sync.deletionPreventionOff'));
  });

  it('a raised threshold reads as set, beside the default; a tenant that never synced shows no details', async () => {
    devTenant.useScenario('large');
    try {
      const large = await statusAs([GLOBAL_ADMIN], true);
      assert.ok(large.connect.state === 'read', JSON.stringify(large.connect));
      assert.equal(
        large.connect.deletionPrevention?.sentence,
        'On: an export that would delete more than 2,000 objects is stopped (the default is 500).',
      );
      assert.equal(large.connect.requestedInterval, 'every hour', 'the interval the organisation asked for, when set');
      devTenant.useScenario('cloud-only');
      const cloudOnly = await statusAs([GLOBAL_ADMIN], true);
      assert.deepEqual(cloudOnly.connect, { state: 'neverSynced' });
      assert.ok(!cloudOnly.sections.some((s) => s.section === 'syncSettings'), 'no Entra Connect: not listed among the sections read');
    } finally {
      devTenant.useScenario('healthy-hybrid');
    }
  });

  it('stale-sync runs Entra Connect 1.6.16.0: shown with its retirement, never as judged by a 2.x rule', async () => {
    devTenant.useScenario('stale-sync');
    try {
      const { connect } = await statusAs([GLOBAL_ADMIN], true);
      assert.ok(connect.state === 'read', JSON.stringify(connect));
      assert.equal(connect.clientVersion, '1.6.16.0');
      assert.equal(connect.versionNote, 'Entra Connect 1.x is retired: it stopped synchronising on 2023-10-01');
    } finally {
      devTenant.useScenario('healthy-hybrid');
    }
  });
});
