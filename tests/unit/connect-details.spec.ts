import assert from 'node:assert/strict';
import { connectDetails, deletionPreventionSentence, SYNC_FEATURES } from '../../identity/tenant/connect-details';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { evaluateHealth } from '../../identity/tenant/rules';
import { readSyncSettings, SYNC_SETTINGS_APP_ONLY, syncSettingsSection } from '../../identity/tenant/sync-settings-reader';
import { findingsOf, healthySnapshot, NOW, unknownOf } from './tenant-fixtures';
import { V1_SYNC_FEATURES } from '../support/graph-v1-sync-features';

const GLOBAL_ADMIN = { kind: 'user' as const, roles: [ENTRA_ROLES.globalAdministrator.id] };
const GLOBAL_READER = { kind: 'user' as const, roles: [ENTRA_ROLES.globalReader.id] };
const denied = {
  status: 403,
  body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } },
};

describe('Entra Connect details: the sync configuration read and refused', () => {
  it('reads the collection Graph answers: features, deletion prevention by count with its threshold, and the beta-only version and intervals', () => {
    const settings = readSyncSettings({
      value: [
        {
          id: 't',
          configuration: {
            accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount', alertThreshold: 2000 },
            synchronizationClientVersion: '2.4.131.0',
            synchronizationInterval: 'PT30M',
            customerRequestedSynchronizationInterval: 'PT1H',
          },
          features: { passwordSyncEnabled: true, deviceWritebackEnabled: false, ignoredBecauseNotBoolean: 'x' },
        },
      ],
    });
    assert.deepEqual(settings, {
      passwordHashSyncEnabled: true,
      features: { passwordSyncEnabled: true, deviceWritebackEnabled: false },
      accidentalDeletionPrevention: { type: 'enabledForCount', threshold: 2000 },
      clientVersion: '2.4.131.0',
      synchronizationInterval: 'PT30M',
      customerRequestedSynchronizationInterval: 'PT1H',
    });
  });

  it('a configuration Graph returns null (it is nullable) is no prevention setting, never "disabled"', () => {
    const settings = readSyncSettings({ value: [{ id: 't', configuration: null, features: { passwordSyncEnabled: false } }] });
    assert.equal(settings.accidentalDeletionPrevention, null);
    const report = evaluateHealth(healthySnapshot({ syncSettings: settings }), NOW);
    assert.deepEqual(findingsOf('sync.deletionPreventionOff', report), []);
    assert.deepEqual(unknownOf('sync.deletionPreventionOff', report), [
      { code: 'sync.deletionPreventionOff', reason: 'unknown, because Graph returned no accidental-deletion prevention configuration' },
    ]);
  });

  it('app-only: not asked, "only a Global Administrator may read the sync configuration", and where to see it', () => {
    const section = syncSettingsSection(undefined, { kind: 'app' });
    assert.deepEqual(section, { status: 'unavailable', reason: SYNC_SETTINGS_APP_ONLY });
    assert.match(SYNC_SETTINGS_APP_ONLY, /^only a Global Administrator may read the sync configuration, /);
    assert.match(SYNC_SETTINGS_APP_ONLY, /tab's Entra Connect details/);
  });

  it('a signed-in admin who is not a Global Administrator: the same words, and that they are not one', () => {
    const section = syncSettingsSection(denied, GLOBAL_READER);
    assert.equal(section.status, 'unavailable');
    assert.equal(
      section.status === 'unavailable' && section.reason,
      'only a Global Administrator may read the sync configuration, and the signed-in admin is not one (Graph answered 403 Authorization_RequestDenied)',
    );
  });

  it('a Global Administrator refused: the token lacks the scope, which the reason names', () => {
    const section = syncSettingsSection(denied, GLOBAL_ADMIN);
    assert.ok(section.status === 'unavailable');
    assert.match(
      section.reason,
      /^not permitted \(403 Authorization_RequestDenied\): needs the delegated permission OnPremDirectorySynchronization\.Read\.All/,
    );
  });

  it('the panel: not checked with the section reason, never synced, or read with every v1.0 feature by its plain name', () => {
    assert.deepEqual(connectDetails(healthySnapshot({ syncSettings: syncSettingsSection(undefined, { kind: 'app' }) })), {
      state: 'notChecked',
      reason: `not checked, because ${SYNC_SETTINGS_APP_ONLY}`,
    });
    assert.deepEqual(connectDetails(healthySnapshot({ organization: { onPremisesSyncEnabled: null } })), { state: 'neverSynced' });
    const details = connectDetails(
      healthySnapshot({
        syncSettings: { features: { passwordSyncEnabled: true, blockSoftMatchEnabled: false, passwordWritebackEnabled: true } },
      }),
    );
    assert.ok(details.state === 'read');
    assert.deepEqual(details.features.map((f) => f.key).sort(), V1_SYNC_FEATURES, 'the v1.0 list exactly: no beta-only feature');
    const by = (key: string) => details.features.find((f) => f.key === key)!;
    assert.deepEqual([by('passwordSyncEnabled').name, by('passwordSyncEnabled').on], ['Password hash sync', true]);
    assert.equal(by('blockSoftMatchEnabled').on, false);
    assert.equal(by('deviceWritebackEnabled').on, null, 'not in the answer: not reported, not "off"');
    assert.match(by('passwordWritebackEnabled').note ?? '', /not in use/);
    assert.equal(details.deletionPrevention?.sentence, 'On: an export that would delete more than 500 objects is stopped (the default).');
    assert.equal(details.clientVersion, '2.5.79.0');
    assert.match(details.versionNote ?? '', /12 months after a newer build replaces it/);
    assert.equal(details.interval, 'every 30 minutes');
    assert.equal(details.requestedInterval, null, 'none set: nothing said');
    assert.match(details.source, /beta API/);
    assert.equal(new Set(SYNC_FEATURES.map((f) => f.name)).size, SYNC_FEATURES.length, 'names are distinct');
  });

  it('says the beta-only client version and intervals in words; a 1.x client is retired; an unreadable interval is shown as Graph sent it', () => {
    const details = connectDetails(
      healthySnapshot({
        syncSettings: { clientVersion: '1.6.16.0', synchronizationInterval: 'PT1H', customerRequestedSynchronizationInterval: 'PT3H' },
      }),
    );
    assert.ok(details.state === 'read');
    assert.equal(details.versionNote, 'Entra Connect 1.x is retired: it stopped synchronising on 2023-10-01');
    assert.equal(details.interval, 'every hour');
    assert.equal(details.requestedInterval, 'every 3 hours');
    const odd = connectDetails(healthySnapshot({ syncSettings: { clientVersion: null, synchronizationInterval: 'PT0S' } }));
    assert.ok(odd.state === 'read');
    assert.equal(odd.interval, '"PT0S" (as Graph reported it)');
    assert.equal(odd.versionNote, null);
  });
});

describe('Entra Connect details: deletion prevention in words (default 500 deletions)', () => {
  it('names the default at exactly 500, and the default beside any other count', () => {
    assert.equal(
      deletionPreventionSentence({ type: 'enabledForCount', threshold: 500 }),
      'On: an export that would delete more than 500 objects is stopped (the default).',
    );
    assert.equal(
      deletionPreventionSentence({ type: 'enabledForCount', threshold: 499 }),
      'On: an export that would delete more than 499 objects is stopped (the default is 500).',
    );
    assert.equal(
      deletionPreventionSentence({ type: 'enabledForCount', threshold: 2000 }),
      'On: an export that would delete more than 2,000 objects is stopped (the default is 500).',
    );
    assert.match(deletionPreventionSentence({ type: 'enabledForCount', threshold: 1 }), /more than 1 object is stopped/);
  });

  it('percentage, off, no threshold and a value this app does not know', () => {
    assert.equal(
      deletionPreventionSentence({ type: 'enabledForPercentage', threshold: 10 }),
      'On: an export that would delete more than 10% of the synced objects is stopped.',
    );
    assert.equal(
      deletionPreventionSentence({ type: 'disabled', threshold: 0 }),
      'Off: a sync may delete any number of objects in Entra ID at once.',
    );
    assert.equal(deletionPreventionSentence({ type: 'enabledForCount', threshold: null }), 'On, with no threshold reported.');
    assert.equal(
      deletionPreventionSentence({ type: 'unknown', threshold: null }),
      'Graph reported a setting this app does not know ("unknown").',
    );
  });
});
