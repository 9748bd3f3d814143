import assert from 'node:assert/strict';
import { allTopics } from '../../identity/knowledge/catalog';
import { validateTopics, type Topic } from '../../identity/knowledge/topic';
import { AREA_FACTS, factKindsOf, groundTopic, MAX_DOMAINS_SHOWN } from '../../identity/grounding/tenant-facts';
import { asksAboutOwnTenant } from '../../identity/grounding/tenant-question';
import { fromNow, healthySnapshot, managedDomain, NOW, ok, unavailable } from './tenant-fixtures';

const lines = (facts: { label: string; value: string }[] | undefined) => (facts ?? []).map((f) => `${f.label}: ${f.value}`);

describe("grounding: which questions ask about the asker's own tenant", () => {
  const own = [
    'are we federated?',
    'do we have P1?',
    'should we move to PTA?',
    "why doesn't password change sync?",
    'Is our directory sync running',
    'which domains in my tenant are federated',
    'do I have Entra ID P2',
    'password hash sync not working',
  ];
  const general = [
    'what is PTA?',
    'How often does password hash sync run?',
    'Entra ID P1 vs P2',
    'how to renew the AD FS token-signing certificate',
  ];
  for (const question of own) it(`"${question}" is about the tenant`, () => assert.equal(asksAboutOwnTenant(question), true));
  for (const question of general) it(`"${question}" is general`, () => assert.equal(asksAboutOwnTenant(question), false));
});

describe('grounding: the tenant facts a topic bears on', () => {
  it("come from the topic's area, and a topic's own list overrides it", () => {
    assert.deepEqual(factKindsOf({ area: 'editions' }), ['edition']);
    assert.deepEqual(factKindsOf({ area: 'roles' }), []);
    assert.deepEqual(factKindsOf({ area: 'editions', tenantFacts: [] }), []);
    assert.deepEqual(factKindsOf({ area: 'roles', tenantFacts: ['edition'] }), ['edition']);
  });

  it('name only areas the knowledge base has', () => {
    const areas = new Set(allTopics().map((t) => t.area));
    assert.deepEqual(
      Object.keys(AREA_FACTS).filter((area) => !areas.has(area)),
      [],
    );
  });

  it('a topic naming an unknown kind of fact is refused', () => {
    const topic = { ...allTopics()[0], tenantFacts: ['weather'] } as unknown as Topic;
    assert.throws(() => validateTopics([topic]), /unknown tenant fact "weather"/);
  });
});

describe('grounding: groundTopic(kinds, snapshot, now)', () => {
  it("sign-in per domain: federated first, with its sign-in host and certificate; managed by the tenant's method", () => {
    const grounding = groundTopic(['signIn'], healthySnapshot(), NOW);
    assert.deepEqual(lines(grounding?.facts), [
      `contoso.com: federated: sign-in at sts.contoso.com, token-signing certificate valid until ${grounding?.facts[0].value.slice(-10)}`,
      'contoso.onmicrosoft.com: managed: the initial onmicrosoft.com domain, cloud authentication',
    ]);
    assert.equal(grounding?.organization, 'Contoso');
    assert.equal(grounding?.age, 'just now');
  });

  it('a managed custom domain reads as the sync settings say; unread settings never read as "off"', () => {
    const domains = ok([managedDomain('fabrikam.com')]);
    assert.deepEqual(lines(groundTopic(['signIn'], healthySnapshot({ domains }), NOW)?.facts), [
      'fabrikam.com: managed: password hash sync',
    ]);
    const noSettings = healthySnapshot({ domains, syncSettings: unavailable(), passwordSync: { lastPasswordSyncDateTime: null } });
    assert.match(lines(groundTopic(['signIn'], noSettings, NOW)?.facts)[0], /could not be read/);
  });

  it('names at most a few domains and counts the rest', () => {
    const many = ok(Array.from({ length: MAX_DOMAINS_SHOWN + 3 }, (_, i) => managedDomain(`d${i}.example`)));
    const facts = lines(groundTopic(['signIn'], healthySnapshot({ domains: many }), NOW)?.facts);
    assert.equal(facts.length, MAX_DOMAINS_SHOWN + 1);
    assert.equal(facts.at(-1), 'Other domains: 3 more');
  });

  it('sync: its state and age, the synced users, and the sync findings', () => {
    const stale = healthySnapshot({ organization: { lastSyncDateTime: new Date(NOW.getTime() - 7 * 3600_000).toISOString() } });
    const grounding = groundTopic(['sync'], stale, NOW);
    assert.deepEqual(lines(grounding?.facts), ['Directory sync: on; last sync 7 hours ago', 'Synced users: 1,240']);
    assert.deepEqual(
      grounding?.findings.map((f) => f.code),
      ['sync.stale'],
    );
  });

  it('password sync: on or off from the settings, the last password sync; nothing for a cloud-only tenant', () => {
    assert.deepEqual(lines(groundTopic(['passwordSync'], healthySnapshot(), NOW)?.facts), [
      'Password hash sync: on',
      'Last password sync: 2 minutes ago',
    ]);
    const cloud = healthySnapshot({ organization: { onPremisesSyncEnabled: null, lastSyncDateTime: null } });
    assert.deepEqual(lines(groundTopic(['passwordSync'], cloud, NOW)?.facts), []);
  });

  it('edition: the edition and the subscriptions that give it', () => {
    const p1 = healthySnapshot();
    p1.licensing = ok({
      edition: 'P1',
      skus: [
        {
          skuId: 's',
          skuPartNumber: 'SPE_E3',
          capabilityStatus: 'Enabled',
          enabledUnits: 10,
          consumedUnits: 5,
          premiumPlans: ['AAD_PREMIUM'],
        },
      ],
    });
    assert.deepEqual(lines(groundTopic(['edition'], p1, NOW)?.facts), ['Edition: Microsoft Entra ID P1, through SPE_E3']);
    assert.equal(groundTopic(['edition'], p1, NOW)?.findings.length, 0);
  });

  it('says which of the sections it needed could not be read, and why', () => {
    const snapshot = healthySnapshot();
    snapshot.licensing = unavailable('not permitted (403 Authorization_RequestDenied): needs Organization.Read.All');
    const grounding = groundTopic(['edition'], snapshot, NOW);
    assert.deepEqual(grounding?.facts, []);
    assert.match(grounding?.notRead[0] ?? '', /^Licensing: not checked, because .*Organization\.Read\.All/);
  });

  it('an expiring signing certificate is a finding of a sign-in question', () => {
    const snapshot = healthySnapshot();
    const domain = (snapshot.domains as { data: Array<{ federation?: unknown }> }).data[0];
    domain.federation = ok({ ...(domain.federation as { data: object }).data, signingCertificateExpiry: fromNow({ days: 5 }) });
    assert.deepEqual(
      groundTopic(['signIn'], snapshot, NOW)?.findings.map((f) => f.code),
      ['federation.certExpiring'],
    );
  });

  it('no kinds, no grounding', () => {
    assert.equal(groundTopic([], healthySnapshot(), NOW), undefined);
  });
});
