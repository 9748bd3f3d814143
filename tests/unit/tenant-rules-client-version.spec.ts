import assert from 'node:assert/strict';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import { evaluateHealth } from '../../identity/tenant/rules';
import { NOW, findingsOf, healthySnapshot, unavailable } from './tenant-fixtures';

const withVersion = (clientVersion: string | null) =>
  findingsOf('sync.clientVersionUnsupported', evaluateHealth(healthySnapshot({ syncSettings: { clientVersion } }), NOW));

/** Learn's version release history (ms.date 2023-11-06): every 1.x is retired; 2.x builds are not judged without release dates. */
describe('rule sync.clientVersionUnsupported (Entra Connect 1.x, retired since 2023-10-01)', () => {
  it('is critical for the last 1.x build and any other 1.x, with the version and the retirement in words', () => {
    const [finding] = withVersion('1.6.16.0');
    assert.equal(finding.severity, 'critical');
    assert.equal(finding.title, 'Entra Connect Sync 1.6.16.0 is a retired version');
    assert.match(finding.link, /reference-connect-version-history$/);
    assert.deepEqual(evidenceSentences(finding, NOW), [
      'The sync client reports version 1.6.16.0 (Graph beta).',
      'Entra Connect 1.x stopped synchronising on 2023-10-01.',
    ]);
    for (const version of ['1.0.8641.0', '1.6.16', ' 1.6.16.0 ', '0.9.1.0']) assert.equal(withVersion(version).length, 1, version);
  });

  it('says nothing at the first 2.x build and after it, for an unreadable version, or when Graph gave none', () => {
    for (const version of ['2.0.3.0', '2.0.91.0', '2.5.79.0', '10.0.0.0', 'v1.6', '', null]) {
      assert.deepEqual(withVersion(version), [], String(version));
    }
  });

  it('says nothing for a tenant with sync off, or when the configuration was not read (deletion prevention reports that)', () => {
    const off = healthySnapshot({ organization: { onPremisesSyncEnabled: false }, syncSettings: { clientVersion: '1.6.16.0' } });
    assert.deepEqual(findingsOf('sync.clientVersionUnsupported', evaluateHealth(off, NOW)), []);
    const notRead = evaluateHealth(healthySnapshot({ syncSettings: unavailable('only a Global Administrator may read it') }), NOW);
    assert.deepEqual(findingsOf('sync.clientVersionUnsupported', notRead), []);
    assert.ok(!notRead.unknown.some((u) => u.code === 'sync.clientVersionUnsupported'), 'one "not checked" per reason');
  });
});
