import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import { NOW, TENANT_ID, ago, findingsOf, healthySnapshot, provisioningErrors, unavailable, unknownOf } from './tenant-fixtures';

/** What sync does to objects: sync.errors (provisioning errors) and sync.deletionPreventionOff (accidental deletes unguarded). */
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
        reason: 'unknown, because only a Global Administrator may read the sync configuration',
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
