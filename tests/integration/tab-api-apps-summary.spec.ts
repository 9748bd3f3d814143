import assert from 'node:assert/strict';
import type { AppsSummaryResponse } from '../../contract/apps-summary';
import type { AppsResponse, StatusResponse } from '../../contract/tab';
import { useSignedInApp } from '../support/app';

/**
 * The overview counts app findings too ("3 apps need attention", issue #15): GET /api/tab/apps/summary
 * over the real server in demo mode, on the consented-apps scenario (two apps holding high-privilege
 * permissions, two with a credential expiring, one of them both; a fourth with read-only access is
 * info and needs no attention). The status stays one Graph round trip: it does not read the apps.
 */
describe('tab API: the overview’s app counts, a request of their own beside the one-round-trip status', () => {
  const tab = useSignedInApp({ DEV_TENANT_SCENARIO: 'consented-apps' });
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${tab.app.server.url}${path}`, { headers: { authorization: `Bearer ${tab.token}` } });
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };

  it('the cold status reads no app: one round trip, as before', async () => {
    tab.app.devTenant.resetStats();
    const status = await get<StatusResponse>('/api/tab/status');
    assert.equal(tab.app.devTenant.stats().requests, 2, 'the v1.0 $batch and the beta password-sync read, in parallel');
    assert.ok(!status.findings.some((f) => f.code.startsWith('app.')), 'app findings are the summary’s to count');
  });

  it('counts 3 apps needing attention by kind, the same apps the apps view marks', async () => {
    const summary = await get<AppsSummaryResponse>('/api/tab/apps/summary');
    const rows = await get<AppsResponse>('/api/tab/apps?limit=200');
    assert.deepEqual(
      { ...summary, partial: undefined },
      {
        apps: rows.total,
        needAttention: 3,
        highPrivilege: 2,
        credentialsExpiring: 2,
        credentialsExpired: 0,
        excluded: 0,
        partial: undefined,
      },
    );
    const marked = rows.items.filter((r) => r.highPrivilege || (r.credentialsExpiring && r.enabled && !r.isMicrosoft));
    assert.equal(marked.length, summary.needAttention, marked.map((r) => r.displayName).join(', '));
    assert.deepEqual(summary.partial, []);
  });

  it('shares the apps read with the apps view: warm, a second count costs no Graph request', async () => {
    tab.app.devTenant.resetStats();
    await get<AppsSummaryResponse>('/api/tab/apps/summary');
    await get<AppsResponse>('/api/tab/apps');
    assert.equal(tab.app.devTenant.stats().requests, 0);
  });

  it('an app excluded from alerts still counts, and says so', async () => {
    const risky = await get<AppsResponse>('/api/tab/apps?highPrivilege=true');
    const response = await fetch(`${tab.app.server.url}/api/tab/exclusions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tab.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'app', subject: risky.items[0].appId, reason: 'vendor app, reviewed by security', expiresInDays: 30 }),
    });
    assert.equal(response.status, 201);
    const summary = await get<AppsSummaryResponse>('/api/tab/apps/summary');
    assert.equal(summary.needAttention, 3);
    assert.equal(summary.excluded, 1);
  });
});

describe('tab API: the overview’s cold load, its status and its app counts asked at once, reads the status once', () => {
  const tab = useSignedInApp({ DEV_TENANT_SCENARIO: 'consented-apps' });

  it('4 Graph requests: the status’s $batch and beta read (one round trip), then the apps’ $batch and their permissions $batch', async () => {
    tab.app.devTenant.resetStats();
    const get = (path: string) => fetch(`${tab.app.server.url}${path}`, { headers: { authorization: `Bearer ${tab.token}` } });
    const [status, summary] = await Promise.all([get('/api/tab/status'), get('/api/tab/apps/summary')]);
    assert.deepEqual([status.status, summary.status], [200, 200]);
    assert.equal(tab.app.devTenant.stats().requests, 4, 'the status is not read a second time for the apps');
    assert.equal(((await summary.json()) as AppsSummaryResponse).needAttention, 3);
    assert.ok(
      !((await status.json()) as StatusResponse).findings.some((f) => f.code.startsWith('app.')),
      'a status that did not wait for apps',
    );
  });
});
