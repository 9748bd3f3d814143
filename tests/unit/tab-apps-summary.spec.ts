import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import type { IntegratedApp } from '../../identity/tenant/snapshot';
import { appsSummary } from '../../tab/api/views';
import { viewFromQuery } from '../../tab/web/src/components/views';
import { app, credential, fromNow, healthySnapshot, NOW } from './tenant-fixtures';

const named = (n: number, overrides: Partial<IntegratedApp> = {}): IntegratedApp =>
  app({ id: `sp-${n}`, appId: `app-${n}`, displayName: `App ${n}`, ...overrides });
const writeAll = [{ resourceId: 'graph', resourceName: 'Microsoft Graph', appRoleId: 'r', permission: 'Directory.ReadWrite.All' }];

/** The overview's "N apps need attention" (tab/api/views.ts appsSummary): distinct apps with an app finding at warning or above. */
describe('overview app counts: apps with a finding at warning or above, each app once', () => {
  const summaryOf = (apps: IntegratedApp[], excluded?: Set<string>) =>
    appsSummary(apps.length, evaluateHealth(healthySnapshot({ apps }), NOW), [], excluded);

  it('counts an app with two findings once, and each kind apart', () => {
    const summary = summaryOf([
      named(1, { applicationPermissions: writeAll, credentials: [credential({ endDateTime: fromNow({ days: 10 }) })] }),
      named(2, { credentials: [credential({ endDateTime: fromNow({ days: -3 }) })] }),
      named(3),
    ]);
    assert.deepEqual(summary, {
      apps: 3,
      needAttention: 2,
      highPrivilege: 1,
      credentialsExpiring: 1,
      credentialsExpired: 1,
      excluded: 0,
      partial: [],
    });
  });

  it('leaves out info findings: an expired credential already replaced by a valid one needs no attention', () => {
    const replaced = named(4, {
      credentials: [
        credential({ keyId: 'old', endDateTime: fromNow({ days: -3 }) }),
        credential({ keyId: 'new', endDateTime: fromNow({ days: 300 }) }),
      ],
    });
    assert.equal(evaluateHealth(healthySnapshot({ apps: [replaced] }), NOW).findings[0]?.severity, 'info');
    assert.equal(summaryOf([replaced]).needAttention, 0);
  });

  it('counts an excluded app among those that need attention, and says how many are excluded', () => {
    const summary = summaryOf(
      [named(1, { applicationPermissions: writeAll }), named(2, { applicationPermissions: writeAll })],
      new Set(['app-2']),
    );
    assert.deepEqual([summary.needAttention, summary.excluded], [2, 1]);
  });
});

describe('the tab opens on the view the link names', () => {
  it('?view= first, else the sub-entity a Teams deep link opened it on, else the overview', () => {
    assert.equal(viewFromQuery('?view=history', 'apps'), 'history');
    assert.equal(viewFromQuery('', 'apps'), 'apps');
    assert.equal(viewFromQuery('', 'nonsense'), 'overview');
    assert.equal(viewFromQuery(''), 'overview');
  });
});
