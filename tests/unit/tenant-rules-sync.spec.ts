import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
import { NOW, TENANT_ID, ago, findingsOf, healthySnapshot, provisioningErrors, unavailable, unknownOf } from './tenant-fixtures';

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

describe('health rule phs.stale (warning after 120 minutes, critical after 24 hours)', () => {
  const lastPasswordSyncAgo = (offset: Parameters<typeof ago>[0]) =>
    findingsOf('phs.stale', evaluateHealth(healthySnapshot({ passwordSync: { lastPasswordSyncDateTime: ago(offset) } }), NOW));

  it('stays quiet just below 120 minutes', () => {
    assert.deepEqual(lastPasswordSyncAgo({ minutes: 119, seconds: 59 }), []);
  });

  it('warns at exactly 120 minutes and just above', () => {
    assert.equal(lastPasswordSyncAgo({ minutes: 120 })[0].severity, 'warning');
    assert.equal(lastPasswordSyncAgo({ minutes: 120, ...SECOND })[0].severity, 'warning');
  });

  it('is still a warning just below 24 hours, critical at exactly 24 hours and above', () => {
    assert.equal(lastPasswordSyncAgo({ hours: 23, minutes: 59, seconds: 59 })[0].severity, 'warning');
    assert.equal(lastPasswordSyncAgo({ hours: 24 })[0].severity, 'critical');
    assert.equal(lastPasswordSyncAgo({ hours: 24, ...SECOND })[0].severity, 'critical');
  });

  it('names the age and the evidence', () => {
    const [finding] = lastPasswordSyncAgo({ hours: 5 });
    assert.equal(finding.title, 'Password hash sync last ran 5 hours ago');
    assert.equal(finding.evidence.passwordHashSyncEnabled, true);
    assert.equal(finding.evidence.minutesSinceLastPasswordSync, 300);
    assert.equal(finding.subject, TENANT_ID);
  });

  it('says nothing when the sync settings say password hash sync is off', () => {
    const report = evaluateHealth(
      healthySnapshot({
        syncSettings: { passwordHashSyncEnabled: false },
        passwordSync: { lastPasswordSyncDateTime: ago({ days: 90 }) },
      }),
      NOW,
    );
    assert.deepEqual(findingsOf('phs.stale', report), []);
    assert.deepEqual(unknownOf('phs.stale', report), []);
  });

  it('warns when password hash sync is on but no password sync was ever recorded', () => {
    const [finding] = findingsOf('phs.stale', evaluateHealth(healthySnapshot({ passwordSync: { lastPasswordSyncDateTime: null } }), NOW));
    assert.equal(finding.severity, 'warning');
  });

  it('without readable sync settings, still judges a recorded password sync, without claiming PHS is on', () => {
    const report = evaluateHealth(
      healthySnapshot({
        syncSettings: unavailable('needs a Global Administrator'),
        passwordSync: { lastPasswordSyncDateTime: ago({ hours: 3 }) },
      }),
      NOW,
    );
    const [finding] = findingsOf('phs.stale', report);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.evidence.passwordHashSyncEnabled, null);
    assert.equal(finding.evidence.passwordHashSyncKnownFrom, 'recordedPasswordSync');
  });

  it('without readable sync settings and no recorded password sync, reports unknown — never "PHS is off"', () => {
    const report = evaluateHealth(
      healthySnapshot({ syncSettings: unavailable('needs a Global Administrator'), passwordSync: { lastPasswordSyncDateTime: null } }),
      NOW,
    );
    assert.deepEqual(findingsOf('phs.stale', report), []);
    assert.deepEqual(unknownOf('phs.stale', report), [{ code: 'phs.stale', reason: 'unknown, because needs a Global Administrator' }]);
  });

  it('reports unknown when the last password sync time cannot be read', () => {
    const report = evaluateHealth(healthySnapshot({ passwordSync: unavailable('the beta endpoint failed (503)') }), NOW);
    assert.deepEqual(findingsOf('phs.stale', report), []);
    assert.deepEqual(unknownOf('phs.stale', report), [{ code: 'phs.stale', reason: 'unknown, because the beta endpoint failed (503)' }]);
  });

  it('says nothing when directory sync is off', () => {
    const report = evaluateHealth(
      healthySnapshot({ organization: { onPremisesSyncEnabled: false }, passwordSync: { lastPasswordSyncDateTime: ago({ days: 9 }) } }),
      NOW,
    );
    assert.deepEqual(findingsOf('phs.stale', report), []);
  });
});

describe('health rule sync.errors (warning from 1 object, critical from 50)', () => {
  const withErrors = (total: number) =>
    findingsOf('sync.errors', evaluateHealth(healthySnapshot({ provisioningErrors: provisioningErrors(total) }), NOW));

  it('stays quiet with no errors (just below 1)', () => {
    assert.deepEqual(withErrors(0), []);
  });

  it('warns at exactly 1 object and just above', () => {
    assert.equal(withErrors(1)[0].severity, 'warning');
    assert.equal(withErrors(2)[0].severity, 'warning');
  });

  it('is a warning just below 50, critical at exactly 50 and just above', () => {
    assert.equal(withErrors(49)[0].severity, 'warning');
    assert.equal(withErrors(50)[0].severity, 'critical');
    assert.equal(withErrors(51)[0].severity, 'critical');
  });

  it('counts every object in the title and names up to five samples in the evidence', () => {
    const [finding] = findingsOf('sync.errors', evaluateHealth(healthySnapshot({ provisioningErrors: provisioningErrors(1234, 10) }), NOW));
    assert.equal(finding.title, '1,234 synced objects have provisioning errors');
    assert.equal(finding.evidence.objectsWithErrors, 1234);
    assert.equal(finding.evidence.samplesShown, 5);
    assert.equal(
      finding.evidence.sample1,
      `user user1@contoso.com: duplicate ProxyAddress smtp:user1@contoso.com since ${ago({ days: 1 })}`,
    );
    assert.equal(finding.evidence.sample6, undefined);
  });

  it('reads well for one object', () => {
    assert.equal(withErrors(1)[0].title, '1 synced object has provisioning errors');
  });

  it('reports unknown when the errors cannot be read', () => {
    const report = evaluateHealth(healthySnapshot({ provisioningErrors: unavailable('needs User.Read.All') }), NOW);
    assert.deepEqual(findingsOf('sync.errors', report), []);
    assert.deepEqual(unknownOf('sync.errors', report), [{ code: 'sync.errors', reason: 'unknown, because needs User.Read.All' }]);
  });
});

describe('health rule sync.deletionPreventionOff', () => {
  it('says nothing while prevention is on, by count or by percentage', () => {
    for (const type of ['enabledForCount', 'enabledForPercentage'] as const) {
      const report = evaluateHealth(healthySnapshot({ syncSettings: { accidentalDeletionPrevention: { type, threshold: 500 } } }), NOW);
      assert.deepEqual(findingsOf('sync.deletionPreventionOff', report), [], type);
    }
  });

  it('warns when prevention is disabled', () => {
    const report = evaluateHealth(
      healthySnapshot({ syncSettings: { accidentalDeletionPrevention: { type: 'disabled', threshold: null } } }),
      NOW,
    );
    const [finding] = findingsOf('sync.deletionPreventionOff', report);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.subject, TENANT_ID);
    assert.equal(finding.evidence.synchronizationPreventionType, 'disabled');
    assert.equal(
      finding.link,
      'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-feature-prevent-accidental-deletes',
    );
  });

  it('reports unknown, with the section reason, when sync settings cannot be read', () => {
    const report = evaluateHealth(
      healthySnapshot({ syncSettings: unavailable('only a Global Administrator can read sync settings') }),
      NOW,
    );
    assert.deepEqual(findingsOf('sync.deletionPreventionOff', report), []);
    assert.deepEqual(unknownOf('sync.deletionPreventionOff', report), [
      { code: 'sync.deletionPreventionOff', reason: 'unknown, because only a Global Administrator can read sync settings' },
    ]);
  });

  it('explains the Global Administrator limit when the section gives no reason', () => {
    const report = evaluateHealth(healthySnapshot({ syncSettings: unavailable('') }), NOW);
    assert.deepEqual(unknownOf('sync.deletionPreventionOff', report), [
      {
        code: 'sync.deletionPreventionOff',
        reason: "unknown, because only a Global Administrator's delegated token can read sync settings",
      },
    ]);
  });

  it('reports unknown for a prevention type it does not recognise', () => {
    const report = evaluateHealth(
      healthySnapshot({ syncSettings: { accidentalDeletionPrevention: { type: 'unknown', threshold: null } } }),
      NOW,
    );
    assert.deepEqual(findingsOf('sync.deletionPreventionOff', report), []);
    assert.equal(unknownOf('sync.deletionPreventionOff', report).length, 1);
  });

  it('says nothing for a tenant without directory sync', () => {
    const report = evaluateHealth(
      healthySnapshot({
        organization: { onPremisesSyncEnabled: null },
        syncedObjects: { users: 0 },
        syncSettings: unavailable('needs a Global Administrator'),
      }),
      NOW,
    );
    assert.deepEqual(findingsOf('sync.deletionPreventionOff', report), []);
    assert.deepEqual(unknownOf('sync.deletionPreventionOff', report), []);
  });
});
