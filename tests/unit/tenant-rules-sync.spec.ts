import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
import { NOW, TENANT_ID, ago, findingsOf, healthySnapshot, unavailable, unknownOf } from './tenant-fixtures';

/** Whether directory sync runs: sync.disabled (turned off with synced users left) and sync.stale (no recent sync). */

const SECOND = { seconds: 1 };

describe('health rule sync.disabled', () => {
  it('says nothing while sync is on', () => {
    assert.deepEqual(findingsOf('sync.disabled', evaluateHealth(healthySnapshot(), NOW)), []);
  });

  it('warns when sync was on and is now off while users are still marked as synced', () => {
    const [finding] = findingsOf('sync.disabled', evaluateHealth(healthySnapshot({ organization: { onPremisesSyncEnabled: false } }), NOW));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.title, 'Directory sync was turned off while 1,240 users are still marked as synced');
    assert.equal(finding.subject, TENANT_ID);
    assert.equal(finding.evidence.onPremisesSyncEnabled, false);
    assert.equal(finding.evidence.syncedUsers, 1240);
  });

  it('warns when sync is off and the number of synced users cannot be read', () => {
    const report = evaluateHealth(
      healthySnapshot({ organization: { onPremisesSyncEnabled: false }, syncedObjects: unavailable('403') }),
      NOW,
    );
    const [finding] = findingsOf('sync.disabled', report);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.title, 'Directory sync was on and is now turned off');
    assert.equal(finding.evidence.syncedUsers, null);
  });

  it('only informs once sync is off and no synced users remain (a finished move to the cloud)', () => {
    const report = evaluateHealth(healthySnapshot({ organization: { onPremisesSyncEnabled: false }, syncedObjects: { users: 0 } }), NOW);
    const [finding] = findingsOf('sync.disabled', report);
    assert.equal(finding.severity, 'info');
  });

  it('says nothing for a cloud-only tenant that never synced', () => {
    const report = evaluateHealth(
      healthySnapshot({ organization: { onPremisesSyncEnabled: null, lastSyncDateTime: null }, syncedObjects: { users: 0 } }),
      NOW,
    );
    assert.deepEqual(findingsOf('sync.disabled', report), []);
    assert.deepEqual(unknownOf('sync.disabled', report), []);
  });

  it('warns when users are marked as synced although the tenant never enabled sync', () => {
    const report = evaluateHealth(healthySnapshot({ organization: { onPremisesSyncEnabled: null }, syncedObjects: { users: 1 } }), NOW);
    const [finding] = findingsOf('sync.disabled', report);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.title, '1 user is marked as synced, but directory sync is not enabled');
  });

  it('reports unknown, never "off", when the organization cannot be read', () => {
    const report = evaluateHealth(healthySnapshot({ organization: unavailable('403 Authorization_RequestDenied') }), NOW);
    assert.deepEqual(findingsOf('sync.disabled', report), []);
    assert.deepEqual(unknownOf('sync.disabled', report), [
      { code: 'sync.disabled', reason: 'unknown, because 403 Authorization_RequestDenied' },
    ]);
  });
});

describe('health rule sync.stale (warning after 3 hours, critical after 24 hours)', () => {
  const lastSyncedAgo = (offset: Parameters<typeof ago>[0]) =>
    findingsOf('sync.stale', evaluateHealth(healthySnapshot({ organization: { lastSyncDateTime: ago(offset) } }), NOW));

  it('stays quiet just below 3 hours', () => {
    assert.deepEqual(lastSyncedAgo({ hours: 2, minutes: 59, seconds: 59 }), []);
  });

  it('warns at exactly 3 hours and just above', () => {
    assert.equal(lastSyncedAgo({ hours: 3 })[0].severity, 'warning');
    assert.equal(lastSyncedAgo({ hours: 3, ...SECOND })[0].severity, 'warning');
  });

  it('is still a warning just below 24 hours', () => {
    assert.equal(lastSyncedAgo({ hours: 23, minutes: 59, seconds: 59 })[0].severity, 'warning');
  });

  it('is critical at exactly 24 hours and just above', () => {
    assert.equal(lastSyncedAgo({ hours: 24 })[0].severity, 'critical');
    assert.equal(lastSyncedAgo({ hours: 24, ...SECOND })[0].severity, 'critical');
  });

  it('names the age in the title and keeps the times in the evidence', () => {
    const [finding] = lastSyncedAgo({ hours: 7, minutes: 5 });
    assert.equal(finding.title, 'Directory sync last ran 7 hours ago');
    assert.equal(finding.subject, TENANT_ID);
    assert.equal(finding.evidence.lastSyncDateTime, '2026-01-15T04:55:00.000Z');
    assert.equal(finding.evidence.checkedAt, NOW.toISOString());
    assert.equal(finding.evidence.hoursSinceLastSync, 7);
    assert.equal(finding.evidence.fullSyncNeeded, false);
    assert.match(
      finding.link,
      /^https:\/\/learn\.microsoft\.com\/en-us\/entra\/identity\/hybrid\/connect\/how-to-connect-sync-feature-scheduler$/,
    );
  });

  it('says a full sync is needed from 7 days without a delta sync', () => {
    const justBelow = lastSyncedAgo({ days: 6, hours: 23, minutes: 59 })[0];
    const atSevenDays = lastSyncedAgo({ days: 7 })[0];
    assert.equal(justBelow.evidence.fullSyncNeeded, false);
    assert.equal(atSevenDays.evidence.fullSyncNeeded, true);
    assert.equal(atSevenDays.title, 'Directory sync last ran 7 days ago');
    assert.match(atSevenDays.action, /full sync/);
  });

  it('warns when sync is enabled but no sync was ever recorded', () => {
    const [finding] = findingsOf('sync.stale', evaluateHealth(healthySnapshot({ organization: { lastSyncDateTime: null } }), NOW));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.title, 'Directory sync is enabled but has never reported a sync');
  });

  it('says nothing when sync is not enabled (sync.disabled speaks for that)', () => {
    const report = evaluateHealth(
      healthySnapshot({ organization: { onPremisesSyncEnabled: false, lastSyncDateTime: ago({ days: 30 }) } }),
      NOW,
    );
    assert.deepEqual(findingsOf('sync.stale', report), []);
  });

  it('follows thresholds given by the tenant', () => {
    const thresholds = {
      ...DEFAULT_THRESHOLDS,
      sync: { ...DEFAULT_THRESHOLDS.sync, stale: { warningAfterHours: 1, criticalAfterHours: 2 } },
    };
    const report = evaluateHealth(healthySnapshot({ organization: { lastSyncDateTime: ago({ hours: 1 }) } }), NOW, thresholds);
    assert.equal(findingsOf('sync.stale', report)[0].severity, 'warning');
  });

  it('reports unknown when the organization cannot be read, or its time cannot be parsed', () => {
    const hidden = evaluateHealth(healthySnapshot({ organization: unavailable('needs Organization.Read.All') }), NOW);
    assert.deepEqual(unknownOf('sync.stale', hidden), [{ code: 'sync.stale', reason: 'unknown, because needs Organization.Read.All' }]);
    const garbled = evaluateHealth(healthySnapshot({ organization: { lastSyncDateTime: 'yesterday' } }), NOW);
    assert.deepEqual(findingsOf('sync.stale', garbled), []);
    assert.match(unknownOf('sync.stale', garbled)[0].reason, /^unknown, because .*"yesterday"/);
  });
});
