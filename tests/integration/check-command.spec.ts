import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** `npm run check` as a pipeline runs it: the table, the JSON, the exit code. */
function check(...args: string[]): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, AAD_APP_CLIENT_ID: '', AAD_APP_CLIENT_SECRET: '', LOG_LEVEL: 'error' },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout };
}

describe('npm run check: per section, read with which access, or why not', () => {
  it('missing-permission: service health is "not checked, because …" with the permission it needs; the rest is read app-only', function () {
    this.timeout(60_000);
    const { status, stdout } = check('--scenario', 'missing-permission', '--no-apps');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /Sections \(read with the app's own access \(app-only\)\):/);
    assert.match(
      stdout,
      /Microsoft Entra service health\s+not checked, because not permitted \(403 Authorization_RequestDenied\): needs the application permission ServiceHealth\.Read\.All/,
    );
    assert.match(stdout, /Domains and federation\s+read with the app's own access \(app-only\)/);
    assert.match(
      stdout,
      /Entra Connect details \(deletion prevention, features\)\s+not checked, because only a Global Administrator may read the sync configuration/,
    );
  });

  it('cloud-only: a tenant with no directory sync lists no Entra Connect details at all, rather than "not checked"', function () {
    this.timeout(60_000);
    const { status, stdout } = check('--scenario', 'cloud-only', '--no-apps');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /Last directory sync\s+never \(cloud-only\)/);
    assert.doesNotMatch(stdout, /Entra Connect/);
    assert.match(stdout, /Domains and federation\s+read with the app's own access \(app-only\)/);
  });

  it('--json carries the same readings', function () {
    this.timeout(60_000);
    const { stdout } = check('--scenario', 'missing-permission', '--no-apps', '--json');
    const out = JSON.parse(stdout) as { sections: Array<{ section: string; state: string }>; snapshot: { readAs: { kind: string } } };
    assert.equal(out.snapshot.readAs.kind, 'app');
    assert.equal(out.sections.find((s) => s.section === 'serviceHealth')?.state, 'notChecked');
    assert.equal(out.sections.find((s) => s.section === 'organization')?.state, 'read');
  });
});
