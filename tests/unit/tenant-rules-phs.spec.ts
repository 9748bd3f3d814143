import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import { NOW, TENANT_ID, ago, findingsOf, healthySnapshot, unavailable, unknownOf } from './tenant-fixtures';

/** Whether password hash sync keeps up: phs.stale, judged only where PHS is on or a password sync was recorded. */

const SECOND = { seconds: 1 };

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
