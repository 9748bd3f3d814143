import assert from 'node:assert/strict';
import type { Finding } from '../../identity/tenant/findings';
import { byImportance, evaluateHealth } from '../../identity/tenant/rules';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
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
  unavailable,
  unknownOf,
} from './tenant-fixtures';

describe('evaluateHealth', () => {
  it('finds nothing and knows everything about a healthy hybrid tenant', () => {
    assert.deepEqual(evaluateHealth(healthySnapshot(), NOW), { findings: [], unknown: [] });
  });

  it('uses the default thresholds when none are given', () => {
    const snapshot = healthySnapshot({ organization: { lastSyncDateTime: ago({ hours: 5 }) } });
    assert.deepEqual(evaluateHealth(snapshot, NOW), evaluateHealth(snapshot, NOW, DEFAULT_THRESHOLDS));
  });

  it('takes the time from its caller, not from a clock', () => {
    const snapshot = healthySnapshot({ organization: { lastSyncDateTime: '2026-01-15T11:00:00Z' } });
    assert.deepEqual(findingsOf('sync.stale', evaluateHealth(snapshot, new Date('2026-01-15T12:00:00Z'))), []);
    assert.equal(findingsOf('sync.stale', evaluateHealth(snapshot, new Date('2026-01-15T14:00:00Z')))[0].severity, 'warning');
  });

  it('does not change the snapshot it is given', () => {
    const snapshot = healthySnapshot({
      provisioningErrors: provisioningErrors(3),
      apps: [app({ credentials: [credential({ endDateTime: ago({ days: 1 }) })] })],
    });
    const copy = structuredClone(snapshot);
    evaluateHealth(snapshot, NOW);
    assert.deepEqual(snapshot, copy);
  });

  it('sorts findings by severity (critical first), then code, then subject', () => {
    const snapshot = healthySnapshot({
      organization: { lastSyncDateTime: ago({ hours: 30 }) },
      provisioningErrors: provisioningErrors(2),
      syncSettings: { accidentalDeletionPrevention: { type: 'disabled', threshold: null } },
      domains: [
        federatedDomain('b.contoso.com', ok(federation({ signingCertificateExpiry: fromNow({ days: 20 }) }))),
        federatedDomain('a.contoso.com', ok(federation({ signingCertificateExpiry: fromNow({ days: 25 }) }))),
      ],
      serviceHealth: [serviceIssue({ id: 'MO1', classification: 'advisory' })],
    });
    const order = evaluateHealth(snapshot, NOW).findings.map((finding) => `${finding.severity} ${finding.code} ${finding.subject}`);
    assert.deepEqual(order, [
      'critical sync.stale 84841066-274d-4ec0-a5c1-276be684bdd3',
      'warning federation.certExpiring a.contoso.com',
      'warning federation.certExpiring b.contoso.com',
      'warning sync.deletionPreventionOff 84841066-274d-4ec0-a5c1-276be684bdd3',
      'warning sync.errors 84841066-274d-4ec0-a5c1-276be684bdd3',
      'info service.incident MO1',
    ]);
  });

  it('orders findings with a comparator others can reuse', () => {
    const finding = (severity: Finding['severity'], code: Finding['code'], subject: string): Finding => ({
      severity,
      code,
      subject,
      title: '',
      evidence: {},
      action: '',
      link: '',
    });
    const sorted = [
      finding('info', 'sync.errors', 'a'),
      finding('critical', 'sync.stale', 'b'),
      finding('critical', 'phs.stale', 'c'),
    ].sort(byImportance);
    assert.deepEqual(
      sorted.map((item) => item.code),
      ['phs.stale', 'sync.stale', 'sync.errors'],
    );
  });

  it('gives every finding a title, a subject, evidence, an action and a Microsoft Learn link', () => {
    const snapshot = healthySnapshot({
      organization: { lastSyncDateTime: ago({ hours: 30 }) },
      passwordSync: { lastPasswordSyncDateTime: ago({ hours: 3 }) },
      provisioningErrors: provisioningErrors(2),
      syncSettings: { accidentalDeletionPrevention: { type: 'disabled', threshold: null } },
      domains: [federatedDomain('contoso.com', ok(federation({ signingCertificateExpiry: ago({ days: 1 }) })))],
      serviceHealth: [serviceIssue()],
      apps: [
        app({
          credentials: [credential({ endDateTime: ago({ days: 1 }) }), credential({ keyId: 'k2', endDateTime: fromNow({ days: 3 }) })],
        }),
      ],
    });
    const { findings } = evaluateHealth(snapshot, NOW);
    assert.ok(findings.length >= 8);
    for (const finding of findings) {
      assert.ok(finding.title.length > 0 && !finding.title.includes('\n'), finding.code);
      assert.ok(finding.subject.length > 0, finding.code);
      assert.ok(Object.keys(finding.evidence).length > 0, finding.code);
      assert.ok(finding.action.length > 0, finding.code);
      assert.match(finding.link, /^https:\/\/learn\.microsoft\.com\/en-us\//, finding.code);
    }
  });

  it('reports unknown, never a finding, for every rule when nothing could be read', () => {
    const hidden = unavailable('the token was refused');
    const snapshot = healthySnapshot({
      organization: hidden,
      passwordSync: hidden,
      syncSettings: hidden,
      domains: hidden,
      syncedObjects: hidden,
      provisioningErrors: hidden,
      serviceHealth: hidden,
      apps: hidden,
    });
    const report = evaluateHealth(snapshot, NOW);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(
      report.unknown.map((check) => check.code),
      [
        'app.credentialExpired',
        'app.credentialExpiring',
        'app.highPrivilege',
        'federation.certExpired',
        'federation.certExpiring',
        'phs.stale',
        'service.incident',
        'sync.deletionPreventionOff',
        'sync.disabled',
        'sync.errors',
        'sync.stale',
      ],
    );
    for (const check of report.unknown) assert.equal(check.reason, 'unknown, because the token was refused');
  });
});

describe('health rule service.incident', () => {
  const issues = (...serviceHealth: ReturnType<typeof serviceIssue>[]) =>
    findingsOf('service.incident', evaluateHealth(healthySnapshot({ serviceHealth }), NOW));

  it('is critical for an open incident that interrupts the service', () => {
    assert.equal(issues(serviceIssue({ status: 'serviceInterruption' }))[0].severity, 'critical');
  });

  it('warns for any other open incident', () => {
    for (const status of ['serviceDegradation', 'investigating', 'restoringService', 'extendedRecovery']) {
      assert.equal(issues(serviceIssue({ status }))[0].severity, 'warning', status);
    }
  });

  it('only informs about an advisory', () => {
    assert.equal(issues(serviceIssue({ classification: 'advisory', status: 'serviceDegradation' }))[0].severity, 'info');
  });

  it('names the issue and keeps its facts', () => {
    const [finding] = issues(serviceIssue());
    assert.equal(finding.title, 'Microsoft incident ID123456: Users may be unable to sign in');
    assert.equal(finding.subject, 'ID123456');
    assert.equal(finding.evidence.status, 'serviceDegradation');
    assert.equal(finding.evidence.startDateTime, ago({ hours: 2 }));
  });

  it('ignores resolved issues, and issues whose status says they are over', () => {
    assert.deepEqual(issues(serviceIssue({ isResolved: true })), []);
    assert.deepEqual(issues(serviceIssue({ status: 'serviceRestored' }), serviceIssue({ id: 'ID2', status: 'falsePositive' })), []);
  });

  it('reports unknown when service health cannot be read', () => {
    const report = evaluateHealth(healthySnapshot({ serviceHealth: unavailable('needs ServiceHealth.Read.All') }), NOW);
    assert.deepEqual(unknownOf('service.incident', report), [
      { code: 'service.incident', reason: 'unknown, because needs ServiceHealth.Read.All' },
    ]);
  });
});
