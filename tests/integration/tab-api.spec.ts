import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { createGraphPort } from '../../platform/graph/client';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import type { AppsResponse, StatusResponse } from '../../contract/tab';
import { MemoryStore } from '../../storage/memory';
import { tabNotificationsPort } from '../../notifications/tab-port';
import { startTabApiServer, type TabApiServer } from '../support/tab-api-server';
import { issuerOf, OTHER_TENANT, TabTokens, TEST_TENANT } from '../support/tab-tokens';

describe('tab API: tokens, roles, tenant isolation, views (real routes over HTTP)', () => {
  let tokens: TabTokens;
  let devTenant: RunningDevTenant;
  let app: TabApiServer;
  const tenantsRead: string[] = [];

  const get = async (path: string, token?: string): Promise<Response> =>
    fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  before(async () => {
    tokens = await TabTokens.create();
    devTenant = await startDevTenant({ scenario: 'sync-errors', port: 0 });
    const port = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
    app = await startTabApiServer(tokens, {
      snapshots: new CachedSnapshots(() => port),
      graph: async (principal) => {
        tenantsRead.push(principal.tenantId);
        return port;
      },
    });
  });
  after(async () => {
    await app.close();
    await devTenant.close();
  });

  describe('every token failure gets the right status', () => {
    const cases: Array<[string, () => Promise<string | undefined>, number, string]> = [
      ['missing token', async () => undefined, 401, 'unauthenticated'],
      ['not a JWT', async () => 'abc.def', 401, 'invalid_token'],
      ['forged signature', () => tokens.mint({}, { forge: true }), 401, 'invalid_token'],
      ['wrong audience', () => tokens.mint({ aud: 'api://someone-else' }), 401, 'invalid_token'],
      ["wrong issuer (another tenant's issuer)", () => tokens.mint({ iss: issuerOf(OTHER_TENANT) }), 401, 'invalid_token'],
      ['expired', () => tokens.mint({ expiresIn: -3600 }), 401, 'invalid_token'],
      ['missing access_as_user scope', () => tokens.mint({ scp: 'User.Read' }), 403, 'insufficient_scope'],
      ['no admin role', () => tokens.mint({ wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'] }), 403, 'role_required'],
    ];
    for (const [name, token, status, code] of cases) {
      it(`${name} → ${status} ${code}`, async () => {
        const response = await get('/api/tab/status', await token());
        assert.equal(response.status, status);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, code);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        // RFC 6750: a request without a token gets the bare challenge, a bad token says invalid_token.
        if (status === 401) {
          const challenge = code === 'unauthenticated' ? 'Bearer' : 'Bearer error="invalid_token"';
          assert.equal(response.headers.get('www-authenticate'), challenge);
        }
      });
    }

    it('a non-admin learns which roles would be allowed', async () => {
      const response = await get('/api/tab/apps', await tokens.mint({ wids: [] }));
      const body = (await response.json()) as { error: { allowedRoles: string[] } };
      assert.ok(body.error.allowedRoles.includes('Global Reader'));
      assert.ok(body.error.allowedRoles.includes('Hybrid Identity Administrator'));
    });
  });

  it("serves the status of the token's own tenant with findings and nothing cached across tenants", async () => {
    tenantsRead.length = 0;
    const response = await get('/api/tab/status', await tokens.mint());
    assert.equal(response.status, 200);
    const status = (await response.json()) as StatusResponse;
    assert.equal(status.organization, 'Contoso');
    assert.ok(status.findings.some((f) => f.code === 'sync.errors'));
    await get('/api/tab/status', await tokens.mint({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) }));
    assert.deepEqual(tenantsRead, [TEST_TENANT, OTHER_TENANT], "each tenant is read with its own access, never from the other's cache");
  });

  it('pages, searches, filters and sorts integrated apps', async () => {
    const token = await tokens.mint();
    const first = (await (await get('/api/tab/apps?limit=2&sort=name', token)).json()) as AppsResponse;
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = (await (await get(`/api/tab/apps?limit=2&sort=name&cursor=${first.nextCursor}`, token)).json()) as AppsResponse;
    assert.notDeepEqual(
      second.items.map((a) => a.id),
      first.items.map((a) => a.id),
    );
    const risky = (await (await get('/api/tab/apps?highPrivilege=true', token)).json()) as AppsResponse;
    assert.deepEqual(
      risky.items.map((a) => a.displayName),
      ['Acme Directory Manager'],
    );
    const permission = risky.items[0].permissions.find((p) => p.permission === 'Directory.ReadWrite.All');
    assert.equal(permission?.highPrivilege, true);
    assert.match(permission?.description ?? '', /read and change everything in the directory, as the app/i);
    const expiring = (await (await get('/api/tab/apps?expiring=true&sort=expiry', token)).json()) as AppsResponse;
    assert.ok(expiring.items.length >= 2);
  });

  it('exports the filtered apps as CSV', async () => {
    const response = await get('/api/tab/apps.csv?highPrivilege=true', await tokens.mint());
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1], /^Acme Directory Manager,/);
  });

  it('answers bad query parameters with 400 and says which', async () => {
    const token = await tokens.mint();
    for (const query of ['limit=0', 'limit=5000', 'sort=evil', 'consent=maybe', 'cursor=%00%00', 'verified=yes']) {
      const response = await get(`/api/tab/apps?${query}`, token);
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'bad_request');
    }
  });

  it('shows settings read-only when notifications are not running, and refuses changes by non-admins', async () => {
    const settings = (await (await get('/api/tab/settings', await tokens.mint())).json()) as {
      canEdit: boolean;
      thresholds: { syncWarningHours: number };
    };
    assert.equal(settings.canEdit, false);
    assert.equal(settings.thresholds.syncWarningHours, 3);
    const reader = await tokens.mint({ wids: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'] });
    const put = await fetch(`${app.url}/api/tab/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(put.status, 403);
  });
});

describe("tab API: one tenant's settings and history never reach another", () => {
  it("keeps thresholds saved by tenant A out of tenant B's settings, and refuses nonsense with 400", async () => {
    const tokens = await TabTokens.create();
    const app = await startTabApiServer(tokens, {
      graph: async () => {
        throw new Error('settings and history never read Graph');
      },
      notifications: tabNotificationsPort(new MemoryStore()),
    });
    try {
      const adminA = await tokens.mint();
      const adminB = await tokens.mint({ tid: OTHER_TENANT, iss: issuerOf(OTHER_TENANT) });
      const settingsOf = async (token: string) =>
        (await (await fetch(`${app.url}/api/tab/settings`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          thresholds: { syncWarningHours: number };
        };
      const put = (token: string, body: unknown) =>
        fetch(`${app.url}/api/tab/settings`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const thresholds = {
        syncWarningHours: 5,
        syncCriticalHours: 30,
        passwordSyncWarningMinutes: 180,
        certificateWarningDays: 40,
        credentialWarningDays: 20,
      };
      assert.equal((await put(adminA, { subscriptions: [], thresholds })).status, 200);
      assert.equal((await settingsOf(adminA)).thresholds.syncWarningHours, 5);
      assert.equal((await settingsOf(adminB)).thresholds.syncWarningHours, 3, 'tenant B still has the defaults');
      const backwards = await put(adminA, { subscriptions: [], thresholds: { ...thresholds, syncWarningHours: 40 } });
      assert.equal(backwards.status, 400, 'a warning after its critical level is refused');
      const unknownChat = await put(adminB, {
        subscriptions: [
          {
            conversationId: 'a:nope',
            label: 'x',
            kind: 'personal',
            minimumSeverity: 'warning',
            categories: ['sync'],
            reminderHours: 4,
            digest: false,
            digestHour: 8,
            timeZone: 'UTC',
          },
        ],
        thresholds,
      });
      assert.equal(unknownChat.status, 404);
      const history = (await (await fetch(`${app.url}/api/tab/history`, { headers: { authorization: `Bearer ${adminB}` } })).json()) as {
        observations: unknown[];
      };
      assert.deepEqual(history.observations, []);
    } finally {
      await app.close();
    }
  });
});
