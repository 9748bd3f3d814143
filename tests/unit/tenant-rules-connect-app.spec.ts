import assert from 'node:assert/strict';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import { evaluateHealth } from '../../identity/tenant/rules';
import type { IntegratedApp } from '../../identity/tenant/snapshot';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
import { ago, app, credential, findingsOf, fromNow, healthySnapshot, NOW } from './tenant-fixtures';

const warningDays = DEFAULT_THRESHOLDS.apps.credential.warningDaysBeforeExpiry;

/** Entra Connect Sync's own application (Connect 2.5.3.0+): it holds ADSynchronization.ReadWrite.All on the AD Synchronization Service. */
function connectSyncApp(overrides: Partial<IntegratedApp> = {}): IntegratedApp {
  return app({
    appId: 'c5a10000-0000-4000-8000-00000000a0d1',
    displayName: 'Entra Connect Sync (AADC01)',
    delegatedGrants: [],
    applicationPermissions: [
      {
        resourceId: 'sync-svc',
        resourceName: 'Microsoft Entra AD Synchronization Service',
        appRoleId: 'r',
        permission: 'ADSynchronization.ReadWrite.All',
      },
    ],
    ...overrides,
  });
}

const findings = (subject: IntegratedApp) => evaluateHealth(healthySnapshot({ apps: [subject] }), NOW);

describe(`Entra Connect Sync's own application: its credential expiry is a sync-outage risk (app.credential*, warning from ${warningDays} days)`, () => {
  it('an expiring certificate not yet rotated is a warning that says sync stops, with the Connect rotation steps', () => {
    const report = findings(
      connectSyncApp({
        credentials: [credential({ kind: 'certificate', displayName: 'CN=AADC01', endDateTime: fromNow({ days: 20, hours: 1 }) })],
      }),
    );
    const [finding] = findingsOf('app.credentialExpiring', report);
    assert.equal(finding.severity, 'warning');
    assert.match(
      finding.title,
      /^Entra Connect Sync \(AADC01\): certificate "CN=AADC01" expires in 20 days: a sync-outage risk \(Entra Connect Sync signs in with it\)$/,
    );
    assert.equal(finding.evidence.usedBy, 'Microsoft Entra Connect Sync');
    assert.match(finding.action, /sync stops/);
    assert.match(finding.action, /Rotate application certificate/);
    assert.match(finding.link, /connect\/authenticate-application-id$/);
    assert.ok(
      evidenceSentences(finding, NOW).includes(
        'Microsoft Entra Connect Sync signs in to Entra ID with this app: sync stops when it no longer can.',
      ),
    );
  });

  it('an expired certificate with none valid is critical: sync has stopped', () => {
    const report = findings(connectSyncApp({ credentials: [credential({ kind: 'certificate', endDateTime: ago({ days: 1 }) })] }));
    const [finding] = findingsOf('app.credentialExpired', report);
    assert.equal(finding.severity, 'critical');
    assert.match(finding.action, /sync to Entra ID has stopped/);
  });

  it('once Connect has rotated it (a newer certificate is valid), the old one is info with the usual tidy-up action', () => {
    const report = findings(
      connectSyncApp({
        credentials: [
          credential({ kind: 'certificate', keyId: 'old', endDateTime: ago({ days: 1 }) }),
          credential({ kind: 'certificate', keyId: 'new', endDateTime: fromNow({ days: 300 }) }),
        ],
      }),
    );
    const [finding] = findingsOf('app.credentialExpired', report);
    assert.equal(finding.severity, 'info');
    assert.equal(finding.evidence.usedBy, undefined);
    assert.match(finding.action, /delete the expired one/);
  });

  it('any other app keeps the ordinary severities and actions', () => {
    const report = findings(app({ credentials: [credential({ kind: 'certificate', endDateTime: ago({ days: 1 }) })] }));
    const [finding] = findingsOf('app.credentialExpired', report);
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.evidence.usedBy, undefined);
  });
});
