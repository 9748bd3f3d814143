import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Rehearsal, TAB_ID, TENANT } from './rehearsal';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run check` with AAD_APP_* set: client credentials through MSAL against the local authority, Graph through the front. */
describe('production rehearsal: npm run check against a tenant, app-only', () => {
  let r: Rehearsal;

  const check = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const env = r.serverEnv();
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check.ts', ...args], {
        env: {
          PATH: env.PATH,
          HOME: env.HOME,
          NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS,
          AAD_APP_CLIENT_ID: env.AAD_APP_CLIENT_ID,
          AAD_APP_CLIENT_SECRET: env.AAD_APP_CLIENT_SECRET,
          AAD_APP_TENANT_ID: env.AAD_APP_TENANT_ID,
          AAD_APP_OAUTH_AUTHORITY_HOST: env.AAD_APP_OAUTH_AUTHORITY_HOST,
          GRAPH_ENDPOINT: env.GRAPH_ENDPOINT,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  before(async () => {
    r = await Rehearsal.cloud('stale-sync');
  });
  after(async () => r?.stop());

  it('reads the tenant with one client-credentials token and exits as the findings say (directory sync 7 hours old: a warning, exit 1)', async () => {
    const before = r.counts();
    const run = await check('--json');
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { target: string; findings: Array<{ code: string }> };
    assert.match(report.target, /app-only/);
    assert.ok(report.findings.some((f) => f.code === 'sync.stale'));
    assert.deepEqual(
      r.platform.tokenRequests.slice(before.tokens).map((t) => [t.tenant, t.clientId, t.grant, t.status]),
      [[TENANT, TAB_ID, 'client_credentials', 200]],
    );
    assert.ok(r.graph.calls.slice(before.graph).every((c) => c.kind === 'app' && c.status !== 401));
    r.report('npm run check (stale sync)', r.since(before));
  });

  it('an expired client secret (AADSTS7000222): exit 3, "could not run", naming the code — never a clean bill of health', async () => {
    r.platform.expireSecret(TAB_ID);
    const run = await check();
    assert.equal(run.code, 3, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /AADSTS7000222/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'a message, not a stack trace');
  });
});
