import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startDevTenant } from '../../devtenant/server';
import { readSnapshot } from '../../identity/tenant/reader';
import { evaluateHealth } from '../../identity/tenant/rules';
import { APP_ONLY } from '../../identity/tenant/snapshot';
import { createGraphPort } from '../../platform/graph/client';
import { checkJson, CHECK_JSON_SCHEMA_VERSION } from '../../scripts/lib/check-output';
import { CHECK_NAME } from '../../tab/web/src/components/overview/checks';

const root = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'docs/check-json.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const scenarios = readdirSync(path.join(root, 'devtenant/scenarios'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

function assertValid(output: unknown, what: string): void {
  const valid = validate(output);
  assert.ok(valid, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

/** `npm run check -- --json` is a stable schema (docs/check-json.md): every scenario's output validates against it. */
describe('npm run check --json: the schema pipelines read (docs/check-json.schema.json)', () => {
  it(`declares schemaVersion ${CHECK_JSON_SCHEMA_VERSION}, and the schema says the same`, () => {
    assert.deepEqual((schema.properties as Record<string, unknown>).schemaVersion, { const: CHECK_JSON_SCHEMA_VERSION });
  });

  for (const scenario of scenarios) {
    // `large` is read without its 20,000 apps (as `check --no-apps` does): the read alone takes most of a
    // minute on a busy machine, and its app findings have the shapes the other scenarios' have.
    const includeApps = scenario !== 'large';
    it(`${scenario}${includeApps ? '' : ' (--no-apps)'}: the output validates, each finding with its evidence as sentences, the exit code from the worst`, async function () {
      this.timeout(120_000);
      const devTenant = await startDevTenant({ scenario, port: 0 });
      try {
        const graph = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
        const now = new Date();
        const snapshot = await readSnapshot(graph, { now, includeApps, readAs: APP_ONLY });
        const output = JSON.parse(
          JSON.stringify(checkJson(snapshot, evaluateHealth(snapshot, now), `dev tenant scenario "${scenario}"`, now)),
        );
        assertValid(output, scenario);
        for (const finding of output.findings as Array<{ code: string; evidenceText: string[] }>)
          assert.ok(finding.evidenceText.length > 0, `${scenario}: ${finding.code} has evidence sentences`);
        const worst = output.worst as string;
        assert.equal(output.exitCode, { none: 0, info: 0, warning: 1, critical: 2 }[worst]);
      } finally {
        await devTenant.close();
      }
    });
  }

  it('the command itself: stdout validates and the process exits with exitCode', function () {
    this.timeout(60_000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts', '--scenario', 'sync-errors', '--json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, AAD_APP_CLIENT_ID: '', AAD_APP_CLIENT_SECRET: '', LOG_LEVEL: 'error' },
      timeout: 60_000,
    });
    const output = JSON.parse(run.stdout) as { exitCode: number; findings: Array<{ code: string; subject: string }> };
    assertValid(output, 'sync-errors via the command');
    assert.equal(run.status, output.exitCode);
    assert.ok(output.findings.some((f) => f.code === 'sync.errors'));
  });

  it('refuses what breaks the contract: a missing field, an unknown severity, a link that is not https', () => {
    const finding = {
      code: 'sync.stale',
      severity: 'warning',
      title: 't',
      subject: 's',
      evidence: {},
      evidenceText: [],
      action: 'a',
      link: 'https://x.example/',
    };
    const base = {
      schemaVersion: 1,
      checkedAt: '2026-01-15T12:00:00Z',
      target: 'x',
      tenant: { id: 't', displayName: null },
      readWith: 'x',
      worst: 'warning',
      exitCode: 1,
      findings: [finding],
      unknown: [],
      sections: [],
    };
    assert.ok(validate(base), ajv.errorsText(validate.errors));
    assert.ok(!validate({ ...base, schemaVersion: 2 }));
    assert.ok(!validate({ ...base, findings: [{ ...finding, severity: 'high' }] }));
    assert.ok(!validate({ ...base, findings: [{ ...finding, link: 'http://x.example/' }] }));
    assert.ok(!validate({ ...base, findings: [{ ...finding, evidence: { nested: { a: 1 } } }] }));
    const { subject: _subject, ...withoutSubject } = finding;
    assert.ok(!validate({ ...base, findings: [withoutSubject] }));
  });

  it('docs/check-json.md lists every finding code', () => {
    const doc = readFileSync(path.join(root, 'docs/check-json.md'), 'utf8');
    for (const code of Object.keys(CHECK_NAME)) assert.ok(doc.includes(`| \`${code}\` |`), `${code} in docs/check-json.md`);
  });
});
