import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { relativeTime } from '../../identity/tenant/age';

/**
 * The dev tenant shifts a scenario's times to one instant per second, the start of that second,
 * whichever millisecond of it asked first: times written with Graph's seven fractional digits keep
 * their exact distance from it, and a reader that noted its `now` early in the second reads the
 * same whole-minute age as one that renders later.
 */
describe('dev tenant: one instant per second for every scenario time', () => {
  const second = Math.floor(Date.now() / 1000) * 1000;
  let clock = second + 900;
  let tenant: RunningDevTenant;
  let auth: Record<string, string>;
  before(async () => {
    tenant = await startDevTenant({ scenario: 'consented-apps', port: 0, now: () => new Date(clock) });
    auth = { authorization: `Bearer ${await tenant.token().getToken()}` };
  });
  after(() => tenant.close());

  /** consented-apps' Workday SAML certificate: written to end 2026-02-04T13:00:00.1234567Z, its scenario now 2026-01-15T12:00:00Z. */
  const workdayCertificateEnd = async (): Promise<string> => {
    const response = await fetch(`${tenant.url}/v1.0/servicePrincipals?$select=displayName,keyCredentials`, { headers: auth });
    assert.equal(response.status, 200);
    const { value } = (await response.json()) as { value: Array<{ displayName: string; keyCredentials: Array<{ endDateTime: string }> }> };
    const workday = value.find((sp) => sp.displayName === 'Workday');
    assert.ok(workday, 'Workday is served');
    return workday.keyCredentials[0].endDateTime;
  };
  const writtenDistance = Date.parse('2026-02-04T13:00:00.123Z') - Date.parse('2026-01-15T12:00:00Z');

  it('serves a seven-digit time at its written distance from the start of the second, at any millisecond of it', async () => {
    clock = second + 900;
    const first = await workdayCertificateEnd();
    assert.equal(Date.parse(first) - second, writtenDistance);
    assert.match(first, /\.1234567Z$/, 'its seven digits as written');
    clock = second + 100;
    assert.equal(await workdayCertificateEnd(), first, 'the same second serves the same time');
  });

  it('reads "in 20 days" both at a takenAt noted early in the next second and at a render later in it', async () => {
    clock = second + 1000 + 950;
    const iso = await workdayCertificateEnd();
    assert.equal(Date.parse(iso) - (second + 1000), writtenDistance);
    assert.equal(relativeTime(iso, new Date(second + 1000 + 10)), 'in 20 days');
    assert.equal(relativeTime(iso, new Date(second + 1000 + 990)), 'in 20 days');
  });
});
