import assert from 'node:assert/strict';
import { evidenceSentences, whenText } from '../../identity/tenant/evidence-text';
import type { Finding, FindingCode } from '../../identity/tenant/findings';
import { evaluateHealth } from '../../identity/tenant/rules';
import {
  NOW,
  ago,
  app,
  credential,
  federatedDomain,
  federation,
  findingsOf,
  fromNow,
  healthySnapshot,
  ok,
  provisioningErrors,
  serviceIssue,
} from './tenant-fixtures';

/** One snapshot that trips every rule, so each code's evidence is read as the rules write it. */
function everyFinding(): Finding[] {
  const snapshot = healthySnapshot({
    organization: { lastSyncDateTime: ago({ hours: 7 }) },
    passwordSync: { lastPasswordSyncDateTime: ago({ hours: 7 }) },
    syncSettings: { accidentalDeletionPrevention: { type: 'disabled', threshold: 500 } },
    provisioningErrors: provisioningErrors(7, 7),
    domains: [
      federatedDomain('contoso.com', ok(federation({ signingCertificateExpiry: fromNow({ days: 12, hours: 1 }) }))),
      federatedDomain('fabrikam.com', ok(federation({ signingCertificateExpiry: ago({ days: 2 }) }))),
    ],
    serviceHealth: [serviceIssue({ status: 'serviceDegradation' })],
    apps: [
      app({
        credentials: [
          credential({ kind: 'password', displayName: 'prod', endDateTime: fromNow({ days: 9, hours: 2 }) }),
          credential({ kind: 'certificate', displayName: 'CN=old', keyId: 'k2', endDateTime: ago({ days: 3 }) }),
        ],
        applicationPermissions: [
          { resourceId: 'g', resourceName: 'Microsoft Graph', appRoleId: 'r', permission: 'Directory.ReadWrite.All' },
        ],
      }),
    ],
  });
  return evaluateHealth(snapshot, NOW).findings;
}

const sentencesOf = (code: FindingCode): string[] => {
  const finding = everyFinding().find((f) => f.code === code);
  assert.ok(finding, `a ${code} finding`);
  return evidenceSentences(finding, NOW);
};

describe('finding evidence as sentences (tab, status card, alert card, npm run check)', () => {
  it('every finding a snapshot can raise reads as sentences, none of them naming a raw evidence key', () => {
    const findings = everyFinding();
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['sync.stale', 'phs.stale', 'sync.errors', 'sync.deletionPreventionOff', 'federation.certExpiring'] as const)
      assert.ok(codes.has(code), code);
    for (const finding of findings) {
      const sentences = evidenceSentences(finding, NOW);
      assert.ok(sentences.length > 0, `${finding.code} says something`);
      for (const sentence of sentences) {
        assert.match(sentence, /^[A-Z0-9"].*[.)]$/, `${finding.code}: "${sentence}" is a sentence`);
        assert.doesNotMatch(sentence, /\d{4}-\d{2}-\d{2}T/, `${finding.code}: no ISO time in "${sentence}"`);
        for (const key of Object.keys(finding.evidence).filter((k) => /^[a-z]+[A-Z0-9]/.test(k)))
          assert.ok(!sentence.includes(key), `${finding.code}: raw key ${key} in "${sentence}"`);
      }
    }
  });

  it('sync.stale: the last sync with its age and time, and both thresholds', () => {
    assert.deepEqual(sentencesOf('sync.stale'), [
      'Last directory sync: 7 hours ago (15 Jan 2026, 05:00 UTC).',
      'A warning after 3 hours without a sync, critical after 24 hours.',
    ]);
  });

  it('phs.stale: thresholds in hours when whole, else minutes', () => {
    assert.deepEqual(sentencesOf('phs.stale'), [
      'Password hash sync is turned on in the sync settings.',
      'Last password sync: 7 hours ago (15 Jan 2026, 05:00 UTC).',
      'A warning after 2 hours without one, critical after 24 hours.',
    ]);
  });

  it('sync.errors: the count, the thresholds, each sample as a sentence and how many are not listed (no "Sample1", no "Warning at objects")', () => {
    const sentences = sentencesOf('sync.errors');
    assert.equal(sentences[0], '7 synced objects cannot sync because of provisioning errors.');
    assert.equal(sentences[1], 'A warning from 1 object, critical from 50 objects.');
    assert.equal(
      sentences[2],
      'For example, user user1@contoso.com: its ProxyAddress smtp:user1@contoso.com is already used by another object (since 14 Jan 2026, 12:00 UTC).',
    );
    assert.equal(sentences.at(-1), '2 more objects not listed here.');
  });

  it('federation certificates: expiring and expired, with the missing rollover said in words', () => {
    assert.equal(
      sentencesOf('federation.certExpiring')[0],
      'The token-signing certificate of contoso.com expires in 12 days (27 Jan 2026, 13:00 UTC).',
    );
    assert.ok(sentencesOf('federation.certExpiring').includes('No next (rollover) certificate is published.'));
    assert.equal(
      sentencesOf('federation.certExpired')[0],
      'The token-signing certificate of fabrikam.com expired 2 days ago (13 Jan 2026, 12:00 UTC).',
    );
  });

  it('app credentials: the app, then each credential with where it is registered and when it ends', () => {
    const [expiring] = sentencesOf('app.credentialExpiring').slice(-1);
    assert.equal(expiring, 'Client secret "prod" (app registration) expires in 9 days (24 Jan 2026, 14:00 UTC).');
    assert.match(sentencesOf('app.credentialExpired').at(-1)!, /^Certificate "CN=old" \(app registration\) expired 3 days ago/);
    assert.match(sentencesOf('app.credentialExpired')[0], /^The app \(application id [0-9a-f-]+\) is registered in this tenant\.$/);
  });

  it('app.highPrivilege and service.incident name what is held and what is affected', () => {
    assert.ok(
      sentencesOf('app.highPrivilege').includes(
        'Application permissions (work without a signed-in user): Microsoft Graph: Directory.ReadWrite.All.',
      ),
    );
    const incident = sentencesOf('service.incident');
    assert.ok(incident.includes("Microsoft's status: service degradation."), incident.join(' | '));
  });

  it('leaves out what it cannot read instead of showing it raw, and an empty evidence says nothing', () => {
    const finding = findingsOf(
      'sync.stale',
      evaluateHealth(healthySnapshot({ organization: { lastSyncDateTime: ago({ hours: 7 }) } }), NOW),
    )[0];
    assert.deepEqual(evidenceSentences({ code: finding.code, evidence: { lastSyncDateTime: 'not a time', extra: 'x' } }, NOW), [
      'Last directory sync: not a time.',
    ]);
    assert.deepEqual(evidenceSentences({ code: 'sync.stale', evidence: {} }, NOW), []);
    assert.equal(whenText('2026-01-15T11:15:00Z', NOW), '45 minutes ago (15 Jan 2026, 11:15 UTC)');
  });
});
