import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { shiftScenario } from '../../devtenant/materialise';
import { loadScenario, parseScenario, SCENARIO_DIR, ScenarioError } from '../../devtenant/scenario';

const minimal = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    '@scenario': { name: 't', now: '2026-01-15T12:00:00Z' },
    organization: { value: [{ id: 'o', onPremisesLastSyncDateTime: '2026-01-15T06:00:00Z' }] },
    ...extra,
  });

describe('dev tenant scenario files', () => {
  it('every shipped scenario loads', () => {
    const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json'));
    assert.ok(files.includes('healthy-hybrid.json'));
    for (const file of files) assert.equal(loadScenario(file.replace(/\.json$/, '')).meta.name, file.replace(/\.json$/, ''));
  });

  it('names the file and the key of a problem', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"@scenario": ', /Scenario bad\.json: not valid JSON/],
      ['[]', /must be a JSON object/],
      [JSON.stringify({ organization: {} }), /key "@scenario": missing/],
      [
        JSON.stringify({ '@scenario': { name: 't', now: 'yesterday' } }),
        /key "@scenario.now": must be an ISO 8601 date-time, got "yesterday"/,
      ],
      [minimal({ '/domains': { value: [] } }), /key "\/domains": is not a Graph path/],
      [minimal({ domains: { value: {} } }), /key "domains": "value" must be an array of objects/],
      [
        minimal({ domains: { '@status': 200, error: { code: 'x', message: 'y' } } }),
        /key "domains": "@status" must be an HTTP error status/,
      ],
      [minimal({ domains: { '@status': 403 } }), /key "domains": an error entry needs "error"/],
      [minimal({ domains: 'none' }), /key "domains": must be an object/],
      [
        JSON.stringify({ '@scenario': { name: 't', now: '2026-01-15T12:00:00Z', faults: { throttleShare: 2 } } }),
        /key "@scenario.faults.throttleShare": must be a number between 0 and 1/,
      ],
    ];
    for (const [text, expected] of cases) {
      assert.throws(
        () => parseScenario(text, 'bad.json'),
        (error: Error) => error instanceof ScenarioError && expected.test(error.message),
        `expected ${expected}`,
      );
    }
  });

  it('says where it looked for a scenario that does not exist', () => {
    assert.throws(() => loadScenario('no-such-scenario'), /Scenario no-such-scenario: not found/);
  });

  it('shifts every timestamp by (now - scenario now), keeping its distance', () => {
    const scenario = parseScenario(
      minimal({ users: { value: [{ id: 'u', created: '2026-01-01T00:00:00.000Z', name: '2026 plans' }] } }),
      'x.json',
    );
    const shifted = shiftScenario(scenario, new Date('2026-11-26T12:00:00Z'));
    const org = (shifted.entries.get('organization') as { value: Array<Record<string, unknown>> }).value[0];
    assert.equal(org.onPremisesLastSyncDateTime, '2026-11-26T06:00:00Z');
    const user = (shifted.entries.get('users') as { value: Array<Record<string, unknown>> }).value[0];
    assert.equal(user.created, '2026-11-12T00:00:00.000Z');
    assert.equal(user.name, '2026 plans');
    const original = (scenario.entries.get('organization') as { value: Array<Record<string, unknown>> }).value[0];
    assert.equal(original.onPremisesLastSyncDateTime, '2026-01-15T06:00:00Z', 'the loaded scenario is not changed');
  });

  it("shifts a timestamp with Graph's seven fractional digits and serves it with seven", () => {
    const scenario = parseScenario(
      minimal({ applications: { value: [{ id: 'a', passwordCredentials: [{ endDateTime: '2026-01-25T12:30:00.4567891Z' }] }] } }),
      'x.json',
    );
    const shifted = shiftScenario(scenario, new Date('2026-11-26T12:00:00.250Z'));
    const app = (shifted.entries.get('applications') as { value: Array<{ passwordCredentials: Array<Record<string, unknown>> }> }).value[0];
    assert.equal(app.passwordCredentials[0].endDateTime, '2026-12-06T12:30:00.7067891Z');
  });

  it('keeps Graph\'s "never" (0001-01-01T00:00:00Z, a job that has not reached steady state) as written, not shifted', () => {
    const job = {
      id: 'j',
      status: { steadyStateLastAchievedTime: '0001-01-01T00:00:00Z', lastExecution: { timeEnded: '2026-01-15T11:00:00Z' } },
    };
    const scenario = parseScenario(minimal({ 'servicePrincipals/sp/synchronization/jobs': { value: [job] } }), 'x.json');
    const shifted = shiftScenario(scenario, new Date('2026-11-26T12:00:00Z'));
    const [served] = (shifted.entries.get('servicePrincipals/sp/synchronization/jobs') as { value: Array<typeof job> }).value;
    assert.equal(served.status.steadyStateLastAchievedTime, '0001-01-01T00:00:00Z');
    assert.equal(served.status.lastExecution.timeEnded, '2026-11-26T11:00:00Z');
  });
});
