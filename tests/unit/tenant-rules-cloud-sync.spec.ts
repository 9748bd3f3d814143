import assert from 'node:assert/strict';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import { evaluateHealth } from '../../identity/tenant/rules';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../identity/tenant/thresholds';
import { cloudSync, cloudSyncJob, execution, CLOUD_SYNC_SP } from './cloud-sync-fixtures';
import { ago, findingsOf, healthySnapshot, NOW, unavailable, unknownOf } from './tenant-fixtures';

const limits = DEFAULT_THRESHOLDS.cloudSync.lastSuccess;
const report = (...jobs: ReturnType<typeof cloudSyncJob>[]) =>
  evaluateHealth(healthySnapshot({ cloudSync: cloudSync(jobs), apps: null }), NOW);

describe(`Cloud Sync jobs (cloudSync.*): no completed run warns at ${limits.warningAfterHours} h, critical at ${limits.criticalAfterHours} h`, () => {
  it('a tenant without Cloud Sync, and an active job that ran a minute ago, report nothing', () => {
    assert.deepEqual(evaluateHealth(healthySnapshot({ apps: null }), NOW).findings, []);
    const { findings, unknown } = report(cloudSyncJob());
    assert.deepEqual(findings, []);
    assert.deepEqual(unknown, []);
  });

  describe('cloudSync.quarantined', () => {
    const quarantinedFor = (hours: number, reason = 'EncounteredEscrowProportionThreshold') =>
      cloudSyncJob({
        statusCode: 'Quarantine',
        quarantine: { reason, seriesBegan: ago({ hours }), currentBegan: ago({ minutes: 5 }), nextAttempt: null, error: null },
      });

    it(`is a warning under ${limits.criticalAfterHours} hours, with its reason, since when and the job in the evidence`, () => {
      const [finding] = findingsOf('cloudSync.quarantined', report(quarantinedFor(limits.criticalAfterHours - 0.01)));
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.subject, `${CLOUD_SYNC_SP}/AD2AADProvisioning.fc96887f36da47508c935c28a0c0b6da`);
      assert.match(
        finding.title,
        /^Cloud Sync contoso\.com \(users, groups and contacts\) is in quarantine for 23 hours \(EncounteredEscrowProportionThreshold\)$/,
      );
      assert.equal(finding.evidence.quarantineReason, 'EncounteredEscrowProportionThreshold');
      assert.equal(finding.evidence.quarantinedSince, ago({ hours: limits.criticalAfterHours - 0.01 }));
      assert.match(finding.action, /provisioning logs/);
    });

    it(`turns critical at ${limits.criticalAfterHours} hours, counted from the start of the series`, () => {
      assert.equal(findingsOf('cloudSync.quarantined', report(quarantinedFor(limits.criticalAfterHours)))[0].severity, 'critical');
    });

    it('TooManyDeletes says how to allow the deletes and links the accidental-deletes page', () => {
      const [finding] = findingsOf('cloudSync.quarantined', report(quarantinedFor(1, 'TooManyDeletes')));
      assert.match(finding.action, /ForceDeletes/);
      assert.match(finding.link, /cloud-sync\/how-to-accidental-deletes$/);
    });

    it('a quarantine without a start time is still a warning, never silent', () => {
      const job = cloudSyncJob({ statusCode: 'Quarantine', quarantine: null });
      const [finding] = findingsOf('cloudSync.quarantined', report(job));
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.evidence.quarantinedSince, null);
    });
  });

  describe('cloudSync.failing', () => {
    const lastRun = (minutes: number) => {
      const run = execution({ timeBegan: ago({ minutes: minutes + 1 }), timeEnded: ago({ minutes }) });
      return cloudSyncJob({ lastExecution: run, lastSuccessfulExecution: run });
    };

    it(`nothing while the last completed run is under ${limits.warningAfterHours} hour old`, () => {
      assert.deepEqual(findingsOf('cloudSync.failing', report(lastRun(limits.warningAfterHours * 60 - 1))), []);
    });

    it(`a warning at ${limits.warningAfterHours} hour, critical at ${limits.criticalAfterHours} hours`, () => {
      const [warning] = findingsOf('cloudSync.failing', report(lastRun(limits.warningAfterHours * 60)));
      assert.equal(warning.severity, 'warning');
      assert.match(warning.title, /has not completed a run for 60 minutes$/);
      assert.match(warning.action, /Agents/);
      assert.equal(findingsOf('cloudSync.failing', report(lastRun(limits.criticalAfterHours * 60)))[0].severity, 'critical');
      assert.equal(findingsOf('cloudSync.failing', report(lastRun(limits.criticalAfterHours * 60 - 1)))[0].severity, 'warning');
    });

    it('a failed last run is a warning at once, with its error in the evidence', () => {
      const failed = execution({ state: 'Failed', error: { code: 'NoAgents', message: 'No active provisioning agent' } });
      const [finding] = findingsOf(
        'cloudSync.failing',
        report(cloudSyncJob({ lastExecution: failed, countSuccessiveCompleteFailures: 1 })),
      );
      assert.equal(finding.severity, 'warning');
      assert.match(finding.title, /the last run failed$/);
      assert.equal(finding.evidence.lastRunError, 'No active provisioning agent');
      assert.equal(finding.evidence.successiveFailures, 1);
    });

    it('objects escrowed in a run with entry-level errors are a warning; that run still counts as a run', () => {
      const partial = execution({ state: 'EntryLevelErrors', countEscrowed: 3 });
      const job = cloudSyncJob({ lastExecution: partial, lastSuccessfulExecution: execution({ timeEnded: ago({ days: 3 }) }) });
      const [finding] = findingsOf('cloudSync.failing', report(job));
      assert.equal(finding.severity, 'warning');
      assert.match(finding.title, /3 objects could not be synced in the last run$/);
      assert.match(finding.action, /provisioning logs/);
    });

    it('an entry-level-errors run escrowing no object is quiet; one escrowed object is a warning', () => {
      const escrowing = (countEscrowed: number) =>
        findingsOf('cloudSync.failing', report(cloudSyncJob({ lastExecution: execution({ state: 'EntryLevelErrors', countEscrowed }) })));
      assert.deepEqual(escrowing(0), []);
      const [one] = escrowing(1);
      assert.equal(one.severity, 'warning');
      assert.match(one.title, /: 1 object could not be synced in the last run$/);
    });

    it('a failed last run right after a run without errors is a warning; the age thresholds still rule its severity', () => {
      const failedAfter = (minutes: number) =>
        cloudSyncJob({
          lastExecution: execution({ state: 'Failed', timeEnded: ago({ minutes: 1 }) }),
          lastSuccessfulExecution: execution({ timeEnded: ago({ minutes }) }),
        });
      const [fresh] = findingsOf('cloudSync.failing', report(failedAfter(2)));
      assert.deepEqual([fresh.severity, fresh.evidence.hoursSinceLastRun], ['warning', 0]);
      const [late] = findingsOf('cloudSync.failing', report(failedAfter(limits.criticalAfterHours * 60)));
      assert.equal(late.severity, 'critical');
      assert.match(late.title, /has not completed a run for 24 hours$/);
    });

    it('a job that never completed a run is a warning', () => {
      const [finding] = findingsOf('cloudSync.failing', report(cloudSyncJob({ lastExecution: null, lastSuccessfulExecution: null })));
      assert.equal(finding.severity, 'warning');
      assert.match(finding.title, /has never completed a run$/);
    });

    it('a tenant may move the thresholds', () => {
      const thresholds = mergeThresholds(DEFAULT_THRESHOLDS, { cloudSync: { lastSuccess: { warningAfterHours: 6 } } });
      const snapshot = healthySnapshot({ cloudSync: cloudSync([lastRun(120)]), apps: null });
      assert.deepEqual(findingsOf('cloudSync.failing', evaluateHealth(snapshot, NOW, thresholds)), []);
      assert.throws(
        () => mergeThresholds(DEFAULT_THRESHOLDS, { cloudSync: { lastSuccess: { warningAfterHours: 30 } } }),
        /warning comes first/,
      );
    });
  });

  describe('cloudSync.notRun', () => {
    it('paused and a first run not completed are warnings; a configuration never set up is info', () => {
      const severity = (statusCode: string) => findingsOf('cloudSync.notRun', report(cloudSyncJob({ statusCode })))[0]?.severity;
      assert.equal(severity('Paused'), 'warning');
      assert.equal(severity('NotRun'), 'warning');
      assert.equal(severity('NotConfigured'), 'info');
      const [paused] = findingsOf('cloudSync.notRun', report(cloudSyncJob({ statusCode: 'Paused', templateId: 'AD2AADPasswordHash' })));
      assert.equal(paused.title, 'Cloud Sync contoso.com (password hashes) is paused');
    });

    it('has no age threshold: a first run not completed for days stays a warning, and is never also cloudSync.failing', () => {
      const stuck = report(cloudSyncJob({ statusCode: 'NotRun', lastExecution: null, lastSuccessfulExecution: null }));
      assert.deepEqual(
        stuck.findings.map((f) => [f.code, f.severity, f.title]),
        [['cloudSync.notRun', 'warning', 'Cloud Sync contoso.com (users, groups and contacts) has not completed its first run']],
      );
      const days = report(
        cloudSyncJob({ statusCode: 'NotRun', lastExecution: execution({ timeEnded: ago({ days: 3 }) }), lastSuccessfulExecution: null }),
      );
      assert.deepEqual(
        days.findings.map((f) => [f.code, f.severity]),
        [['cloudSync.notRun', 'warning']],
      );
    });
  });

  describe('what could not be checked', () => {
    it('a job state Graph does not document reads "unknown, because …", never a guess', () => {
      const result = report(cloudSyncJob({ statusCode: 'Degraded' }));
      assert.deepEqual(result.findings, []);
      assert.deepEqual(unknownOf('cloudSync.failing', result), [
        {
          code: 'cloudSync.failing',
          reason:
            'unknown for Cloud Sync contoso.com (users, groups and contacts), because Graph reported the job in a state this app does not know ("Degraded")',
        },
      ]);
    });

    it('a refused read leaves every Cloud Sync check unknown with the reason', () => {
      const reason = 'not permitted (403 Authorization_RequestDenied): needs the application permission Synchronization.Read.All';
      const result = evaluateHealth(healthySnapshot({ cloudSync: unavailable(reason), apps: null }), NOW);
      for (const code of ['cloudSync.quarantined', 'cloudSync.failing', 'cloudSync.notRun'] as const)
        assert.deepEqual(unknownOf(code, result), [{ code, reason: `unknown, because ${reason}` }]);
    });

    it('a configuration whose jobs were refused is named; the others are still judged', () => {
      const snapshot = healthySnapshot({
        cloudSync: cloudSync([cloudSyncJob({ statusCode: 'Paused' })], [{ configuration: 'fabrikam.com', reason: 'not found (404)' }]),
        apps: null,
      });
      const result = evaluateHealth(snapshot, NOW);
      assert.equal(findingsOf('cloudSync.notRun', result).length, 1);
      assert.deepEqual(unknownOf('cloudSync.quarantined', result), [
        { code: 'cloudSync.quarantined', reason: 'unknown for Cloud Sync fabrikam.com, because not found (404)' },
      ]);
    });
  });
});

describe('Cloud Sync findings read as sentences (tab, status card, alert card, npm run check)', () => {
  it('each code says which job, its last run and the quarantine, with no raw evidence key and no ISO time', () => {
    const failed = execution({ state: 'Failed', error: { code: 'NoAgents', message: 'No active provisioning agent is available.' } });
    const snapshot = healthySnapshot({
      cloudSync: cloudSync([
        cloudSyncJob({
          statusCode: 'Quarantine',
          quarantine: { reason: 'TooManyDeletes', seriesBegan: ago({ hours: 5 }), currentBegan: null, nextAttempt: null, error: null },
        }),
        cloudSyncJob({ jobId: 'AD2AADPasswordHash.1', templateId: 'AD2AADPasswordHash', lastExecution: failed }),
        cloudSyncJob({ jobId: 'AD2AADProvisioning.2', configuration: 'fabrikam.com', statusCode: 'Paused' }),
      ]),
      apps: null,
    });
    const findings = evaluateHealth(snapshot, NOW).findings.filter((f) => f.code.startsWith('cloudSync.'));
    assert.deepEqual(findings.map((f) => f.code).sort(), ['cloudSync.failing', 'cloudSync.notRun', 'cloudSync.quarantined']);
    for (const finding of findings) {
      const sentences = evidenceSentences(finding, NOW);
      assert.ok(sentences.length >= 2, finding.code);
      for (const sentence of sentences) {
        assert.match(sentence, /^[A-Z].*[^.]\.$/, `${finding.code}: "${sentence}"`);
        assert.doesNotMatch(sentence, /\d{4}-\d{2}-\d{2}T/);
        for (const key of Object.keys(finding.evidence).filter((k) => /^[a-z]+[A-Z]/.test(k))) assert.ok(!sentence.includes(key), key);
      }
    }
    const quarantined = evidenceSentences(
      findings.find((f) => f.code === 'cloudSync.quarantined')!,
      NOW,
    );
    assert.ok(
      quarantined.includes('In quarantine since 5 hours ago (15 Jan 2026, 07:00 UTC), because TooManyDeletes.'),
      quarantined.join(' | '),
    );
    const failing = evidenceSentences(
      findings.find((f) => f.code === 'cloudSync.failing')!,
      NOW,
    );
    assert.ok(failing.includes('Its error: No active provisioning agent is available.'), failing.join(' | '));
    assert.deepEqual(evidenceSentences({ code: 'cloudSync.failing', evidence: {} }, NOW), []);
  });
});
