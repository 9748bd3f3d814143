import assert from 'node:assert/strict';
import type { ProvisioningAgent } from '../../identity/tenant/cloud-sync';
import { AGENTS_APP_ONLY } from '../../identity/tenant/cloud-sync-agents-reader';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import type { FindingCode } from '../../identity/tenant/findings';
import { evaluateHealth } from '../../identity/tenant/rules';
import { RECOMMENDED_ACTIVE_AGENTS } from '../../identity/tenant/rules/cloud-sync-agents';
import type { Section } from '../../identity/tenant/snapshot';
import { cloudSync, cloudSyncJob } from './cloud-sync-fixtures';
import { findingsOf, healthySnapshot, NOW, ok, TENANT_ID, unavailable, unknownOf } from './tenant-fixtures';

const CODES: readonly FindingCode[] = ['cloudSync.noActiveAgent', 'cloudSync.agentRedundancy'];
const isAgentCode = (f: { code: FindingCode }): boolean => CODES.includes(f.code);

const agent = (n: number, status: string): ProvisioningAgent => ({
  id: `00000000-0000-4000-8000-0000000000a${n}`,
  machineName: `CONTOSO-SYNC0${n}.contoso.com`,
  externalIp: `203.0.113.${10 + n}`,
  status,
});
/** `active` agents then `inactive` ones, numbered from 1. */
const agents = (active: number, inactive = 0): ProvisioningAgent[] => [
  ...Array.from({ length: active }, (_, i) => agent(i + 1, 'active')),
  ...Array.from({ length: inactive }, (_, i) => agent(active + i + 1, 'inactive')),
];
const report = (section: Section<ProvisioningAgent[]>, configurations = 1) =>
  evaluateHealth(healthySnapshot({ cloudSync: { ...cloudSync([cloudSyncJob()]), configurations, agents: section }, apps: null }), NOW);
const agentFindings = (section: Section<ProvisioningAgent[]>) => report(section).findings.filter(isAgentCode);

describe(`Cloud Sync agents (cloudSync.noActiveAgent, cloudSync.agentRedundancy): critical at 0 active, warning with any inactive, info under ${RECOMMENDED_ACTIVE_AGENTS} active`, () => {
  it(`${RECOMMENDED_ACTIVE_AGENTS} active agents, and more, report nothing`, () => {
    assert.deepEqual(agentFindings(ok(agents(RECOMMENDED_ACTIVE_AGENTS))), []);
    assert.deepEqual(agentFindings(ok(agents(RECOMMENDED_ACTIVE_AGENTS + 1))), []);
  });

  it(`${RECOMMENDED_ACTIVE_AGENTS - 1} active agents, none inactive: info, Learn's recommendation of ${RECOMMENDED_ACTIVE_AGENTS} named and linked`, () => {
    const [finding, ...rest] = agentFindings(ok(agents(RECOMMENDED_ACTIVE_AGENTS - 1)));
    assert.deepEqual(rest, []);
    assert.equal(finding.code, 'cloudSync.agentRedundancy');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.subject, TENANT_ID);
    assert.equal(finding.title, 'Cloud Sync runs on 2 active provisioning agents; Microsoft recommends 3 for high availability');
    assert.match(finding.link, /cloud-sync\/how-to-prerequisites$/);
  });

  it('a single active agent is the same info finding, saying nothing syncs if it fails', () => {
    const [finding] = findingsOf('cloudSync.agentRedundancy', report(ok(agents(1))));
    assert.equal(finding.severity, 'info');
    assert.match(finding.action, /^If that agent fails, nothing syncs\. Install the provisioning agent on 2 more servers/);
  });

  it('one inactive beside active ones: a warning naming the inactive machine, whatever the number active', () => {
    for (const active of [1, RECOMMENDED_ACTIVE_AGENTS]) {
      const [finding, ...rest] = agentFindings(ok(agents(active, 1)));
      assert.deepEqual(rest, [], `${active} active`);
      assert.equal(finding.code, 'cloudSync.agentRedundancy');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.evidence.inactiveMachines, `CONTOSO-SYNC0${active + 1}.contoso.com`);
    }
    const [finding] = agentFindings(ok(agents(1, 1)));
    assert.equal(finding.title, '1 Cloud Sync provisioning agent inactive (CONTOSO-SYNC02.contoso.com); 1 of 2 agents active');
    assert.deepEqual(evidenceSentences(finding, NOW), [
      '1 of 2 registered agents active.',
      'Active: CONTOSO-SYNC01.contoso.com.',
      'Inactive: CONTOSO-SYNC02.contoso.com.',
      'Microsoft recommends 3 active agents for high availability.',
    ]);
  });

  it('every agent inactive: critical cloudSync.noActiveAgent, and no redundancy finding beside it', () => {
    const [finding, ...rest] = agentFindings(ok(agents(0, 2)));
    assert.deepEqual(rest, []);
    assert.equal(finding.code, 'cloudSync.noActiveAgent');
    assert.equal(finding.severity, 'critical');
    assert.equal(finding.title, 'Cloud Sync has no active provisioning agent (2 agents inactive): nothing syncs from Active Directory');
    assert.match(finding.action, /Microsoft Entra Provisioning Agent service runs/);
  });

  it('no agent registered at all: the same critical finding, telling to install one', () => {
    const [finding] = findingsOf('cloudSync.noActiveAgent', report(ok([])));
    assert.equal(finding.severity, 'critical');
    assert.match(finding.title, /no provisioning agent registered/);
    assert.match(finding.action, /^Install the Microsoft Entra provisioning agent/);
  });

  it('an agent state Graph does not document (neither active nor inactive) is not guessed at', () => {
    const unknown = report(ok([agent(1, 'degraded')]));
    assert.deepEqual(agentFindings(ok([agent(1, 'degraded')])), []);
    for (const code of CODES) assert.match(unknownOf(code, unknown)[0].reason, /a state this app does not know \("degraded"\)/);
  });

  it('app-only, or without the permission: "unknown, because …" for both codes, never a healthy silence', () => {
    const appOnly = report(unavailable(AGENTS_APP_ONLY, ''));
    for (const code of CODES) {
      assert.deepEqual(findingsOf(code, appOnly), []);
      assert.match(
        unknownOf(code, appOnly)[0].reason,
        /^unknown, because Graph gives Cloud Sync's provisioning agents only to a signed-in admin/,
      );
    }
    const refused = report(
      unavailable('not permitted (403 Authorization_RequestDenied): needs the delegated permission Policy.Read.HybridAuthentication'),
    );
    for (const code of CODES) assert.match(unknownOf(code, refused)[0].reason, /Policy\.Read\.HybridAuthentication/);
  });

  it('a tenant without Cloud Sync needs no agent: nothing reported, not even unknown', () => {
    for (const section of [ok<ProvisioningAgent[]>([]), unavailable(AGENTS_APP_ONLY, '')]) {
      const { findings, unknown } = report(section, 0);
      assert.deepEqual([...findings, ...unknown].filter(isAgentCode), []);
    }
  });
});
