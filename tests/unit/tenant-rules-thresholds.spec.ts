import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, ThresholdsError, type ThresholdOverrides, mergeThresholds } from '../../identity/tenant/thresholds';

function problemsOf(overrides: unknown): string[] {
  try {
    mergeThresholds(DEFAULT_THRESHOLDS, overrides as ThresholdOverrides);
  } catch (error) {
    assert.ok(error instanceof ThresholdsError);
    return error.problems;
  }
  assert.fail('expected mergeThresholds to refuse the overrides');
}

describe('DEFAULT_THRESHOLDS', () => {
  it('carries the documented defaults', () => {
    assert.deepEqual(DEFAULT_THRESHOLDS.sync.stale, { warningAfterHours: 3, criticalAfterHours: 24 });
    assert.deepEqual(DEFAULT_THRESHOLDS.sync.errors, { warningAtObjects: 1, criticalAtObjects: 50 });
    assert.deepEqual(DEFAULT_THRESHOLDS.phs.stale, { warningAfterMinutes: 120, criticalAfterMinutes: 1440 });
    assert.deepEqual(DEFAULT_THRESHOLDS.federation.certificate, { warningDaysBeforeExpiry: 35, criticalDaysBeforeExpiry: 15 });
    assert.deepEqual(DEFAULT_THRESHOLDS.apps.credential, { warningDaysBeforeExpiry: 30 });
  });

  it('are themselves valid', () => {
    assert.deepEqual(mergeThresholds(DEFAULT_THRESHOLDS, {}), DEFAULT_THRESHOLDS);
  });
});

describe('mergeThresholds', () => {
  it('returns the defaults when there is nothing to override', () => {
    assert.deepEqual(mergeThresholds(DEFAULT_THRESHOLDS, undefined), DEFAULT_THRESHOLDS);
  });

  it('overrides only the keys given', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, { sync: { stale: { warningAfterHours: 1 } } });
    assert.deepEqual(merged.sync.stale, { warningAfterHours: 1, criticalAfterHours: 24 });
    assert.deepEqual(merged.sync.errors, DEFAULT_THRESHOLDS.sync.errors);
    assert.deepEqual(merged.phs, DEFAULT_THRESHOLDS.phs);
  });

  it('replaces a permission list whole', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, { apps: { highPrivilege: { tenantWideDelegatedScopes: ['Mail.Send'] } } });
    assert.deepEqual(merged.apps.highPrivilege.tenantWideDelegatedScopes, ['Mail.Send']);
    assert.deepEqual(merged.apps.highPrivilege.applicationPermissions, DEFAULT_THRESHOLDS.apps.highPrivilege.applicationPermissions);
  });

  it('does not share objects with the defaults', () => {
    const merged = mergeThresholds(DEFAULT_THRESHOLDS, {});
    merged.apps.highPrivilege.tenantWideDelegatedScopes.push('Calendars.Read');
    assert.ok(!DEFAULT_THRESHOLDS.apps.highPrivilege.tenantWideDelegatedScopes.includes('Calendars.Read'));
  });

  it('refuses a number that is not positive, naming the key', () => {
    assert.deepEqual(problemsOf({ sync: { stale: { warningAfterHours: 0 } } }), [
      'sync.stale.warningAfterHours must be a positive number, got 0',
    ]);
    assert.deepEqual(problemsOf({ phs: { stale: { criticalAfterMinutes: -5 } } }), [
      'phs.stale.criticalAfterMinutes must be a positive number, got -5',
    ]);
  });

  it('refuses a value that is not a number at all', () => {
    assert.deepEqual(problemsOf({ apps: { credential: { warningDaysBeforeExpiry: '30' } } }), [
      'apps.credential.warningDaysBeforeExpiry must be a positive number, got "30"',
    ]);
    assert.deepEqual(problemsOf({ sync: { errors: { criticalAtObjects: Number.POSITIVE_INFINITY } } }), [
      'sync.errors.criticalAtObjects must be a positive number, got null',
    ]);
  });

  it('refuses a key it does not know, so a typo does not go unnoticed', () => {
    assert.deepEqual(problemsOf({ sync: { stale: { warningAfterHour: 2 } } }), ['sync.stale.warningAfterHour is not a known threshold']);
    assert.deepEqual(problemsOf({ mfa: {} }), ['mfa is not a known threshold']);
  });

  it('refuses a list of the wrong shape', () => {
    assert.deepEqual(problemsOf({ apps: { highPrivilege: { tenantWideDelegatedScopes: 'Mail.Send' } } }), [
      'apps.highPrivilege.tenantWideDelegatedScopes must be a list of non-empty strings',
    ]);
    assert.deepEqual(problemsOf({ apps: { highPrivilege: { applicationPermissions: ['Mail.Send'] } } }), [
      'apps.highPrivilege.applicationPermissions must be a list of { value, appRoleId? } permissions',
    ]);
  });

  it('refuses a section that is not an object', () => {
    assert.deepEqual(problemsOf({ sync: 3 }), ['sync must be an object']);
  });

  it('requires the warning to come before the critical level', () => {
    assert.deepEqual(problemsOf({ sync: { stale: { warningAfterHours: 24 } } }), [
      'sync.stale.warningAfterHours (24) must be less than sync.stale.criticalAfterHours (24), so the warning comes first',
    ]);
    assert.deepEqual(problemsOf({ sync: { errors: { warningAtObjects: 60 } } }), [
      'sync.errors.warningAtObjects (60) must be less than sync.errors.criticalAtObjects (50), so the warning comes first',
    ]);
    assert.deepEqual(problemsOf({ phs: { stale: { criticalAfterMinutes: 60 } } }), [
      'phs.stale.warningAfterMinutes (120) must be less than phs.stale.criticalAfterMinutes (60), so the warning comes first',
    ]);
  });

  it('requires a certificate warning to start more days before expiry than the critical level', () => {
    assert.deepEqual(problemsOf({ federation: { certificate: { warningDaysBeforeExpiry: 10 } } }), [
      'federation.certificate.warningDaysBeforeExpiry (10) must be greater than federation.certificate.criticalDaysBeforeExpiry (15), so the warning comes first',
    ]);
  });

  it('names every bad key at once in its message', () => {
    assert.throws(
      () => mergeThresholds(DEFAULT_THRESHOLDS, { sync: { stale: { warningAfterHours: -1 }, errors: { criticalAtObjects: 0 } } }),
      (error: Error) =>
        error instanceof ThresholdsError &&
        /sync\.stale\.warningAfterHours/.test(error.message) &&
        /sync\.errors\.criticalAtObjects/.test(error.message),
    );
  });
});
