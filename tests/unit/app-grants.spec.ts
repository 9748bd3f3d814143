import assert from 'node:assert/strict';
import { grantChanges, NEW_GRANT_DAYS, type GrantLedger } from '../../identity/tenant/app-grants';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import type { IntegratedApp, TenantSnapshot } from '../../identity/tenant/snapshot';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
import { NOW, app, healthySnapshot, microsoftApp, unavailable } from './tenant-fixtures';

const HOUR = 3_600_000;
const later = (hours: number): Date => new Date(NOW.getTime() + hours * HOUR);

const ARCHIVER = app({
  id: 'sp-archiver',
  appId: '7b0f5a7e-0000-4000-8000-00000000a001',
  displayName: 'Fabrikam Mail Archiver',
  publisherName: 'Fabrikam',
  ownedByThisTenant: false,
  delegatedGrants: [],
  applicationPermissions: [],
});

const withMailRead = (a: IntegratedApp): IntegratedApp => ({
  ...a,
  applicationPermissions: [{ resourceId: 'graph', resourceName: 'Microsoft Graph', appRoleId: 'r-mail', permission: 'Mail.ReadWrite' }],
});

const consented = (a: IntegratedApp, scopes: string[]): IntegratedApp => ({
  ...a,
  delegatedGrants: [{ resourceId: 'graph', resourceName: 'Microsoft Graph', consentType: 'AllPrincipals', principalCount: 0, scopes }],
});

const snapshotWith = (...apps: IntegratedApp[]): TenantSnapshot => healthySnapshot({ apps: [app(), microsoftApp(), ...apps] });

/** Reads the snapshots in turn, each `hours` after the first, carrying the ledger as the watcher stores it. */
function readInTurn(...reads: Array<[hours: number, snapshot: TenantSnapshot]>) {
  let ledger: GrantLedger | undefined;
  return reads.map(([hours, snapshot]) => {
    const result = grantChanges(ledger, snapshot, later(hours), DEFAULT_THRESHOLDS);
    ledger = result.ledger;
    return result;
  });
}

describe(`app grant changes since the watcher's last app read (new for ${NEW_GRANT_DAYS} days)`, () => {
  it('the first read only fills the ledger: what is there already was not granted newly', () => {
    const [first] = readInTurn([0, snapshotWith(consented(withMailRead(ARCHIVER), ['Mail.Send']))]);
    assert.deepEqual(first.findings, []);
    assert.ok(first.ledger?.apps[ARCHIVER.appId], 'the archiver is remembered');
    assert.equal(first.ledger?.apps[microsoftApp().appId], undefined, "Microsoft's apps are not tracked");
  });

  it('a high-privilege application permission granted since: app.highPrivilegeGranted, a warning naming it', () => {
    const [, second] = readInTurn([0, snapshotWith(ARCHIVER)], [6, snapshotWith(withMailRead(ARCHIVER))]);
    assert.equal(second.findings.length, 1);
    const [finding] = second.findings;
    assert.equal(finding.code, 'app.highPrivilegeGranted');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.subject, ARCHIVER.appId);
    assert.equal(finding.title, 'Fabrikam Mail Archiver was newly granted a high-privilege permission: Mail.ReadWrite');
    assert.deepEqual(evidenceSentences(finding, later(6)).slice(1), [
      'Newly granted: Microsoft Graph: Mail.ReadWrite.',
      "First seen by the watcher just now (15 Jan 2026, 18:00 UTC); it has read this tenant's apps since 15 Jan 2026, 12:00 UTC.",
    ]);
  });

  it('only a permission on the high-privilege list is news: a newly granted ordinary or read-only permission is not', () => {
    const granted = (permission: string) => ({
      ...ARCHIVER,
      applicationPermissions: [{ resourceId: 'graph', resourceName: 'Microsoft Graph', appRoleId: `r-${permission}`, permission }],
    });
    for (const permission of ['Calendars.Read', 'Directory.Read.All']) {
      const [, second] = readInTurn([0, snapshotWith(ARCHIVER)], [6, snapshotWith(granted(permission))]);
      assert.deepEqual(second.findings, [], permission);
    }
    const [, second] = readInTurn([0, snapshotWith(ARCHIVER)], [6, snapshotWith(granted('Directory.ReadWrite.All'))]);
    assert.deepEqual(
      second.findings.map((f) => f.title),
      ['Fabrikam Mail Archiver was newly granted a high-privilege permission: Directory.ReadWrite.All'],
    );
  });

  it('a tenant-wide consent that was not there: app.tenantWideConsent, its high-privilege scopes told with it (not a second finding)', () => {
    const [, second] = readInTurn([0, snapshotWith(ARCHIVER)], [6, snapshotWith(consented(ARCHIVER, ['User.Read', 'Mail.Send']))]);
    assert.deepEqual(
      second.findings.map((f) => [f.code, f.severity]),
      [['app.tenantWideConsent', 'warning']],
    );
    assert.equal(
      second.findings[0].title,
      'Fabrikam Mail Archiver was newly consented for every user in the tenant, with high-privilege scopes',
    );
    assert.equal(second.findings[0].evidence.consentedResources, 'Microsoft Graph (User.Read, Mail.Send)');
  });

  it('a high-privilege scope added to an existing tenant-wide consent is a newly granted permission', () => {
    const [, second] = readInTurn(
      [0, snapshotWith(consented(ARCHIVER, ['User.Read']))],
      [6, snapshotWith(consented(ARCHIVER, ['User.Read', 'Mail.Send']))],
    );
    assert.deepEqual(
      second.findings.map((f) => [f.code, f.evidence.newPermissions]),
      [['app.highPrivilegeGranted', 'Microsoft Graph: Mail.Send']],
    );
  });

  it('a newly seen app with a grant counts as newly granted; a Microsoft app or a disabled one is not reported', () => {
    const disabled = { ...withMailRead({ ...ARCHIVER, appId: 'disabled-app' }), enabled: false };
    const [, second] = readInTurn([0, snapshotWith()], [6, snapshotWith(withMailRead(ARCHIVER), disabled)]);
    assert.deepEqual(
      second.findings.map((f) => f.subject),
      [ARCHIVER.appId],
    );
  });

  it(`stays new until ${NEW_GRANT_DAYS} days after it was first seen, then is no longer news`, () => {
    const week = NEW_GRANT_DAYS * 24;
    const results = readInTurn(
      [0, snapshotWith(ARCHIVER)],
      [6, snapshotWith(withMailRead(ARCHIVER))],
      [6 + week - 1, snapshotWith(withMailRead(ARCHIVER))],
      [6 + week, snapshotWith(withMailRead(ARCHIVER))],
    );
    assert.deepEqual(
      results.map((r) => r.findings.length),
      [0, 1, 1, 0],
    );
  });

  it('revoked and granted again is new again', () => {
    const results = readInTurn(
      [0, snapshotWith(withMailRead(ARCHIVER))],
      [6, snapshotWith(ARCHIVER)],
      [12, snapshotWith(withMailRead(ARCHIVER))],
    );
    assert.deepEqual(
      results.map((r) => r.findings.length),
      [0, 0, 1],
    );
  });

  it('a part Graph refused keeps its ledger entries and says "unknown, because …"; read again later it reports no false news', () => {
    const refused: TenantSnapshot = {
      ...snapshotWith(consented(ARCHIVER, ['User.Read'])),
      appParts: {
        registrations: { status: 'ok', data: 1 },
        delegatedGrants: unavailable('403 Authorization_RequestDenied'),
        applicationPermissions: { status: 'ok', data: 1 },
      },
    };
    const results = readInTurn(
      [0, snapshotWith(consented(ARCHIVER, ['User.Read']))],
      [6, refused],
      [12, snapshotWith(consented(ARCHIVER, ['User.Read']))],
    );
    assert.deepEqual(results[1].findings, []);
    assert.deepEqual(
      results[1].unknown.map((u) => [u.code, u.reason]),
      [
        ['app.highPrivilegeGranted', 'unknown for delegated grants, because 403 Authorization_RequestDenied'],
        ['app.tenantWideConsent', 'unknown for delegated grants, because 403 Authorization_RequestDenied'],
      ],
    );
    assert.deepEqual(results[2].findings, [], 'the consent kept through the refused read is not new');
  });

  it('a part refused at the very first read has no baseline: what it shows when first read is not news', () => {
    const refused: TenantSnapshot = {
      ...snapshotWith(consented(ARCHIVER, ['Mail.Send'])),
      appParts: {
        registrations: { status: 'ok', data: 1 },
        delegatedGrants: unavailable(),
        applicationPermissions: { status: 'ok', data: 1 },
      },
    };
    const results = readInTurn(
      [0, refused],
      [6, snapshotWith(consented(ARCHIVER, ['Mail.Send']))],
      [12, snapshotWith(consented(ARCHIVER, ['Mail.Send', 'Mail.ReadWrite']))],
    );
    assert.deepEqual(
      results.map((r) => r.findings.map((f) => f.code)),
      [[], [], ['app.highPrivilegeGranted']],
    );
  });

  it('apps not read make no claim and keep the ledger; apps unavailable are unknown for both codes', () => {
    const [first] = readInTurn([0, snapshotWith(ARCHIVER)]);
    const notRead = grantChanges(first.ledger, healthySnapshot({ apps: null }), later(1), DEFAULT_THRESHOLDS);
    assert.deepEqual([notRead.findings, notRead.unknown, notRead.ledger], [[], [], first.ledger]);
    const refused = grantChanges(first.ledger, { ...healthySnapshot({ apps: null }), apps: unavailable() }, later(1), DEFAULT_THRESHOLDS);
    assert.deepEqual(
      refused.unknown.map((u) => u.code),
      ['app.highPrivilegeGranted', 'app.tenantWideConsent'],
    );
    assert.equal(refused.ledger, first.ledger);
  });
});
