import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import type { AppCredential, ApplicationPermission, DelegatedGrant, IntegratedApp } from '../../identity/tenant/snapshot';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
import {
  NOW,
  type Offset,
  ago,
  app,
  credential,
  findingsOf,
  fromNow,
  healthySnapshot,
  microsoftApp,
  unavailable,
  unknownOf,
} from './tenant-fixtures';

const APP_ID = app().appId;

function reportWithApps(...apps: IntegratedApp[]) {
  return evaluateHealth(healthySnapshot({ apps }), NOW);
}

function reportWithCredentials(...credentials: AppCredential[]) {
  return reportWithApps(app({ credentials }));
}

const secretEnding = (end: string, overrides: Partial<AppCredential> = {}) =>
  credential({ kind: 'password', displayName: 'prod', keyId: 'secret-1', endDateTime: end, ...overrides });

describe('health rule app.credentialExpiring (warning from 30 days before expiry)', () => {
  const expiringIn = (offset: Offset) => findingsOf('app.credentialExpiring', reportWithCredentials(secretEnding(fromNow(offset))));

  it('stays quiet just above 30 days', () => {
    assert.deepEqual(expiringIn({ days: 30, seconds: 1 }), []);
  });

  it('warns at exactly 30 days, just below, and up to the last second', () => {
    assert.equal(expiringIn({ days: 30 })[0].severity, 'warning');
    assert.equal(expiringIn({ days: 29, hours: 23 })[0].severity, 'warning');
    assert.equal(expiringIn({ seconds: 1 })[0].severity, 'warning');
  });

  it('names the app, the credential and the date', () => {
    const [finding] = expiringIn({ days: 12, hours: 1 });
    assert.equal(finding.title, 'Contoso HR: client secret "prod" expires in 12 days');
    assert.equal(finding.subject, APP_ID);
    assert.equal(finding.evidence.appName, 'Contoso HR');
    assert.equal(finding.evidence['client secret "prod" (app registration)'], fromNow({ days: 12, hours: 1 }));
    assert.equal(finding.link, 'https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials');
  });

  it('makes one finding per app, counting several expiring credentials', () => {
    const findings = findingsOf(
      'app.credentialExpiring',
      reportWithCredentials(
        secretEnding(fromNow({ days: 20 })),
        secretEnding(fromNow({ days: 5 }), { displayName: 'staging', keyId: 'secret-2' }),
      ),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].title, 'Contoso HR: 2 credentials expire within 30 days, the first in 5 days');
  });

  it('only informs when a credential of the same kind outlives the warning window', () => {
    const replaced = reportWithCredentials(
      secretEnding(fromNow({ days: 10 })),
      secretEnding(fromNow({ days: 400 }), { displayName: 'prod-2026', keyId: 'secret-2' }),
    );
    assert.equal(findingsOf('app.credentialExpiring', replaced)[0].severity, 'info');
  });

  it('counts a replacement only when it outlives the window: ending at its edge is no replacement, a second later is', () => {
    const withReplacementEnding = (offset: Offset) =>
      findingsOf(
        'app.credentialExpiring',
        reportWithCredentials(
          secretEnding(fromNow({ days: 10 })),
          secretEnding(fromNow(offset), { displayName: 'prod-2026', keyId: 'secret-2' }),
        ),
      ).map((f) => f.severity);
    assert.deepEqual(withReplacementEnding({ days: 30 }), ['warning']);
    assert.deepEqual(withReplacementEnding({ days: 30, seconds: 1 }), ['info']);
  });

  it('does not count a credential of another kind as a replacement', () => {
    const certificateOnly = reportWithCredentials(
      secretEnding(fromNow({ days: 10 })),
      credential({ kind: 'certificate', endDateTime: fromNow({ days: 400 }) }),
    );
    assert.equal(findingsOf('app.credentialExpiring', certificateOnly)[0].severity, 'warning');
  });

  it('follows the threshold given by the tenant', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, apps: { ...DEFAULT_THRESHOLDS.apps, credential: { warningDaysBeforeExpiry: 60 } } };
    const report = evaluateHealth(
      healthySnapshot({ apps: [app({ credentials: [secretEnding(fromNow({ days: 45 }))] })] }),
      NOW,
      thresholds,
    );
    assert.equal(findingsOf('app.credentialExpiring', report).length, 1);
  });
});

describe('health rule app.credentialExpired', () => {
  it('warns at exactly the end time and after, when no valid credential of the same kind is left', () => {
    for (const end of [ago({}), ago({ seconds: 1 }), ago({ days: 400 })]) {
      const report = reportWithCredentials(secretEnding(end));
      assert.equal(findingsOf('app.credentialExpired', report)[0].severity, 'warning', end);
      assert.deepEqual(findingsOf('app.credentialExpiring', report), []);
    }
  });

  it('says how long ago it expired, with the credential in the evidence', () => {
    const [finding] = findingsOf('app.credentialExpired', reportWithCredentials(secretEnding(ago({ days: 3, hours: 4 }))));
    assert.equal(finding.title, 'Contoso HR: client secret "prod" expired 3 days ago');
    assert.equal(finding.evidence['client secret "prod" (app registration)'], ago({ days: 3, hours: 4 }));
    assert.equal(finding.subject, APP_ID);
  });

  it('only informs when another credential of the same kind is still valid', () => {
    const report = reportWithCredentials(
      secretEnding(ago({ days: 3 })),
      secretEnding(fromNow({ days: 200 }), { displayName: 'prod-new', keyId: 'secret-2' }),
    );
    assert.equal(findingsOf('app.credentialExpired', report)[0].severity, 'info');
  });

  it('counts as replaced only by a credential still valid after now: one ending at the same instant is expired too', () => {
    const withOtherEnding = (end: string) =>
      findingsOf(
        'app.credentialExpired',
        reportWithCredentials(secretEnding(ago({ days: 3 })), secretEnding(end, { displayName: 'prod-new', keyId: 'secret-2' })),
      ).map((f) => [f.severity, f.title]);
    assert.deepEqual(withOtherEnding(ago({})), [['warning', 'Contoso HR: 2 credentials have expired, the latest less than a minute ago']]);
    assert.deepEqual(withOtherEnding(fromNow({ seconds: 1 })), [['info', 'Contoso HR: client secret "prod" expired 3 days ago']]);
  });

  it('keeps two credentials with the same name apart in the evidence', () => {
    const [finding] = findingsOf(
      'app.credentialExpired',
      reportWithCredentials(secretEnding(ago({ days: 3 })), secretEnding(ago({ days: 9 }), { keyId: 'secret-2' })),
    );
    assert.equal(finding.evidence['client secret "prod" (app registration)'], ago({ days: 3 }));
    assert.equal(finding.evidence['client secret "prod" (app registration) #2'], ago({ days: 9 }));
  });

  it('ignores credentials without an end date', () => {
    assert.deepEqual(reportWithCredentials(credential({ endDateTime: null })).findings, []);
  });
});

describe('app credential rules skip what the tenant does not look after', () => {
  it('ignore disabled apps', () => {
    const report = reportWithApps(
      app({ enabled: false, credentials: [secretEnding(ago({ days: 1 })), secretEnding(fromNow({ days: 1 }))] }),
    );
    assert.deepEqual(findingsOf('app.credentialExpired', report), []);
    assert.deepEqual(findingsOf('app.credentialExpiring', report), []);
  });

  it("ignore Microsoft's own apps", () => {
    assert.deepEqual(reportWithApps(microsoftApp()).findings, []);
  });
});

describe('app rules without readable apps', () => {
  it('report unknown for every app code when apps cannot be read', () => {
    const report = evaluateHealth(healthySnapshot({ apps: unavailable('needs Application.Read.All') }), NOW);
    for (const code of ['app.credentialExpiring', 'app.credentialExpired', 'app.highPrivilege'] as const) {
      assert.deepEqual(findingsOf(code, report), []);
      assert.deepEqual(unknownOf(code, report), [{ code, reason: 'unknown, because needs Application.Read.All' }]);
    }
  });

  it('judge what was read and say which part was not checked when one part of the apps reading failed', () => {
    const snapshot = {
      ...healthySnapshot({ apps: [app({ credentials: [secretEnding(fromNow({ days: 5 }), { source: 'servicePrincipal' })] })] }),
      appParts: {
        registrations: unavailable('Microsoft Graph was unavailable (503) after retries', 'ServiceUnavailable'),
        delegatedGrants: unavailable('not permitted (403 Authorization_RequestDenied): needs Directory.Read.All'),
        applicationPermissions: { status: 'ok' as const, data: 0 },
      },
    };
    const report = evaluateHealth(snapshot, NOW);
    assert.equal(findingsOf('app.credentialExpiring', report).length, 1, 'the service principal credential is still judged');
    assert.deepEqual(unknownOf('app.credentialExpired', report), [
      {
        code: 'app.credentialExpired',
        reason: 'unknown for the credentials of app registrations, because Microsoft Graph was unavailable (503) after retries',
      },
    ]);
    assert.deepEqual(unknownOf('app.highPrivilege', report), [
      {
        code: 'app.highPrivilege',
        reason:
          'unknown for delegated grants and tenant-wide consent, because not permitted (403 Authorization_RequestDenied): needs Directory.Read.All',
      },
    ]);
  });

  it('stay silent when the snapshot was not asked to include apps', () => {
    const report = evaluateHealth(healthySnapshot({ apps: null }), NOW);
    assert.deepEqual(report.unknown, []);
    assert.deepEqual(report.findings, []);
  });
});

describe('health rule app.highPrivilege', () => {
  const graphPermission = (permission: string, appRoleId = `id-of-${permission}`): ApplicationPermission => ({
    resourceId: 'graph',
    resourceName: 'Microsoft Graph',
    appRoleId,
    permission,
  });
  const tenantWide = (...scopes: string[]): DelegatedGrant => ({
    resourceId: 'graph',
    resourceName: 'Microsoft Graph',
    consentType: 'AllPrincipals',
    principalCount: 0,
    scopes,
  });
  const privilegeOf = (overrides: Partial<IntegratedApp>) => findingsOf('app.highPrivilege', reportWithApps(app(overrides)));

  it('says nothing for an app with ordinary permissions', () => {
    assert.deepEqual(privilegeOf({}), []);
  });

  it('warns for high-privilege application permissions and lists them', () => {
    const [finding] = privilegeOf({
      applicationPermissions: [graphPermission('Directory.ReadWrite.All'), graphPermission('Mail.Send'), graphPermission('User.Read.All')],
    });
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.subject, APP_ID);
    assert.equal(finding.title, 'Contoso HR holds high-privilege permissions: Directory.ReadWrite.All, Mail.Send');
    assert.equal(finding.evidence.applicationPermissions, 'Microsoft Graph: Directory.ReadWrite.All, Mail.Send');
    assert.equal(finding.evidence.tenantWideDelegatedScopes, null);
  });

  it('recognises a permission by its app role id when its name could not be resolved', () => {
    const unresolved = graphPermission('9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8');
    const [finding] = privilegeOf({ applicationPermissions: [unresolved] });
    assert.equal(finding.evidence.applicationPermissions, 'Microsoft Graph: RoleManagement.ReadWrite.Directory');
  });

  it('warns for tenant-wide consent to powerful delegated scopes', () => {
    const [finding] = privilegeOf({ delegatedGrants: [tenantWide('openid', 'Mail.ReadWrite', 'Files.ReadWrite.All')] });
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.evidence.tenantWideDelegatedScopes, 'Microsoft Graph: Mail.ReadWrite, Files.ReadWrite.All');
  });

  it('does not count the same scopes consented by single users', () => {
    const perUser: DelegatedGrant = { ...tenantWide('Mail.ReadWrite'), consentType: 'Principal', principalCount: 3 };
    assert.deepEqual(privilegeOf({ delegatedGrants: [perUser] }), []);
  });

  it('only informs about broad directory read access', () => {
    const [finding] = privilegeOf({ applicationPermissions: [graphPermission('Directory.Read.All')] });
    assert.equal(finding.severity, 'info');
    assert.equal(finding.title, 'Contoso HR can read the whole directory: Directory.Read.All');
  });

  it('shortens a long list in the title', () => {
    const names = [
      'RoleManagement.ReadWrite.Directory',
      'AppRoleAssignment.ReadWrite.All',
      'Application.ReadWrite.All',
      'Directory.ReadWrite.All',
      'Mail.ReadWrite',
    ];
    const [finding] = privilegeOf({ applicationPermissions: names.map((name) => graphPermission(name)) });
    assert.equal(
      finding.title,
      'Contoso HR holds high-privilege permissions: RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All and 2 more',
    );
  });

  it("leaves Microsoft's own apps and disabled apps alone", () => {
    assert.deepEqual(findingsOf('app.highPrivilege', reportWithApps(microsoftApp())), []);
    assert.deepEqual(privilegeOf({ enabled: false, applicationPermissions: [graphPermission('Directory.ReadWrite.All')] }), []);
  });

  it('uses the permission lists given by the tenant', () => {
    const thresholds = {
      ...DEFAULT_THRESHOLDS,
      apps: {
        ...DEFAULT_THRESHOLDS.apps,
        highPrivilege: {
          applicationPermissions: [{ value: 'User.Read.All' }],
          broadReadApplicationPermissions: [],
          tenantWideDelegatedScopes: [],
        },
      },
    };
    const report = evaluateHealth(healthySnapshot({ apps: [app()] }), NOW, thresholds);
    assert.equal(findingsOf('app.highPrivilege', report)[0].evidence.applicationPermissions, 'Microsoft Graph: User.Read.All');
  });
});
