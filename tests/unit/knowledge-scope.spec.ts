import assert from 'node:assert/strict';
import { Analyser } from '../../identity/knowledge/analyser';
import { allTopics } from '../../identity/knowledge/catalog';
import { KnowledgeBase } from '../../identity/knowledge/engine';
import { IN_SCOPE_SIGNALS, NEIGHBOURS, type Neighbour } from '../../identity/knowledge/neighbours';
import { ScopeGuard } from '../../identity/knowledge/scope';
import { fieldVocabulary, usesFieldVocabulary } from '../../identity/knowledge/field-vocabulary';
import { normalise } from '../../identity/knowledge/text';
import { CANONICAL_TOKENS } from '../../identity/knowledge/synonyms';

const kb = new KnowledgeBase(allTopics());

describe('scope: questions about neighbouring products are declined with where to go', () => {
  for (const [question, product] of [
    ['How do I set up a mail flow rule in Exchange Online?', 'exchange-online'],
    ['what is the size limit of a shared mailbox', 'exchange-online'],
    ['increase the storage quota of a SharePoint site', 'sharepoint-online'],
    ['OneDrive files are not syncing on my laptop', 'onedrive'],
    ['set up a calling policy for the sales team in Microsoft Teams', 'teams'],
    ['create a device compliance policy in Intune', 'intune'],
    ['resize an Azure virtual machine', 'azure'],
    ['onboard servers to Defender for Endpoint', 'defender'],
    ['create a retention label in Purview', 'purview'],
    ['how much does Microsoft 365 E5 cost per user', 'm365-pricing'],
    // The on-premises directory's own administration, not its integration with Entra ID.
    ['seize the RID master role after the old DC died', 'ad-ds'],
    ['set up a conditional forwarder for the partner DNS zone', 'ad-ds'],
    ['logon script to map printers via group policy', 'ad-ds'],
    ['how do I raise the forest functional level to 2016', 'ad-ds'],
    ['check AD replication health with repadmin', 'ad-ds'],
    // Exchange's own features, on-premises, hybrid or online.
    ['move mailboxes from Exchange 2016 to Exchange Online with a migration batch', 'exchange-hybrid'],
    ['the HCW fails at the OAuth step', 'exchange-hybrid'],
    ['set up a sharing policy so users can share calendars with an external domain', 'exchange-online'],
    ['set up federated sharing with a partner organization', 'exchange-online'],
    ['teams app permission policy to block a third-party app for everyone', 'teams'],
    ['how do I change the billing frequency of our subscription from monthly to annual', 'm365-pricing'],
    // Azure storage and networking.
    ['configure cloud tiering on an Azure File Sync server endpoint', 'azure'],
    ['is there a charge for data transfer between peered virtual networks', 'azure'],
  ] as const) {
    it(`"${question}" goes to ${product}`, () => {
      const answer = kb.ask(question);
      assert.equal(answer.band, 'decline');
      assert.equal(answer.neighbour?.id, product);
      assert.equal(answer.best, undefined);
    });
  }

  for (const question of [
    'How do I set up single sign-on to SharePoint Online?',
    'Conditional Access policy that blocks Exchange Online from unmanaged devices',
    'grant admin consent to an app that reads users mail',
    'our app has Mail.Read but should only see a few mailboxes in Exchange Online',
    'which licence do we need for Conditional Access on Teams and Exchange?',
    'Is Entra ID P1 included in Microsoft 365 E3?',
    'What does the Exchange Administrator role allow?',
    'require a compliant device with Conditional Access',
    // Where a neighbour meets identity integration: Exchange hybrid writeback, what Connect needs of AD DS.
    'Exchange hybrid writeback in Entra Connect: which attributes does it write back?',
    'Does Cloud Sync support Exchange hybrid writeback?',
    'minimum forest functional level for Entra Connect Sync',
    'which GPO setting puts the seamless SSO URL in the intranet zone',
    'consent for an app that reads calendars in Exchange Online',
    'we run Exchange 2019 on-prem and want to sync users to Entra. Connect or Cloud Sync?',
    'which admin role lets our CSP partner manage users?',
    'consent to a Teams app that reads channel messages',
    // Connect Health for AD DS monitors replication: naming it keeps the question ours.
    'connect health for AD DS replication errors',
  ]) {
    it(`keeps an identity question about a neighbour: "${question}"`, () => {
      const answer = kb.ask(question);
      assert.equal(answer.neighbour, undefined);
      assert.notEqual(answer.band, 'decline');
    });
  }
});

describe('ScopeGuard weighs a neighbour’s signals against ours', () => {
  const analyser = new Analyser([]);
  const mail: Neighbour = {
    id: 'mail',
    product: 'Mail',
    adminCenter: 'Mail admin center',
    docs: { title: 'Mail docs', url: 'https://learn.microsoft.com/mail' },
    names: ['mailserver'],
    subjects: ['mail flow', 'shared mailbox'],
    qualifiers: ['storage'],
  };
  const guard = new ScopeGuard((text) => analyser.tokens(text), [mail], {
    core: ['conditional access', 'mailserver administrator'],
    identity: ['permission'],
    context: ['tenant'],
  });
  const decide = (question: string) => guard.decide(analyser.analyse(question).tokens);

  it("declines on the product's name alone when nothing of ours is asked", () => {
    assert.equal(decide('what is mailserver').neighbour?.id, 'mail');
    assert.equal(decide('what is a tenant').neighbour, undefined);
  });
  it('an identity word outweighs a name; a subject with its name outweighs an identity word', () => {
    assert.equal(decide('mailserver permission').neighbour, undefined);
    assert.equal(decide('mailserver mail flow permission').neighbour?.id, 'mail');
  });
  it("one of our field's named things holds against a subject with its name: a tie stays ours", () => {
    const tie = decide('conditional access for mailserver mail flow');
    assert.equal(tie.ours, tie.theirs);
    assert.equal(tie.neighbour, undefined);
  });
  it("counts a qualifier only in the product's scene, set by a name or a subject", () => {
    assert.equal(decide('storage').neighbour, undefined);
    assert.equal(decide('mailserver storage permission').neighbour?.id, 'mail');
    assert.equal(decide('shared mailbox storage permission').neighbour?.id, 'mail');
  });
  it("takes the product's qualifiers for the setting of one of our named things, and lets only its subjects weigh against it", () => {
    const ours = decide('conditional access when the mailserver storage is full');
    assert.equal(ours.theirs, 1, 'the name sets the scene, but "storage" is where Conditional Access applies');
    assert.equal(ours.neighbour, undefined);
    assert.equal(
      decide('conditional access for mailserver mail flow on shared mailbox').neighbour?.id,
      'mail',
      'two subjects still outweigh it',
    );
    assert.equal(decide('mailserver storage permission').neighbour?.id, 'mail', 'an identity word is not one of our named things');
  });
  it('lets the longest phrase win: a role named after the product is ours', () => {
    assert.equal(decide('mailserver administrator').neighbour, undefined);
  });
  it("lets the longest phrase win the other way too: a product's feature named with one of our words is the product's", () => {
    const sharing = new ScopeGuard((text) => analyser.tokens(text), [{ ...mail, subjects: ['conditional access sharing'] }], {
      core: ['conditional access'],
      identity: [],
      context: [],
    });
    const decideSharing = (question: string) => sharing.decide(analyser.analyse(question).tokens);
    assert.equal(decideSharing('turn on conditional access sharing').neighbour?.id, 'mail');
    assert.equal(decideSharing('turn on conditional access').neighbour, undefined);
  });
  it('counts a Graph permission as pasted (Mail.Read) as ours', () => {
    assert.equal(decide('Mail.Read for mailserver').neighbour, undefined);
  });
  it("takes a subject that folds onto one of the product's qualifiers for the qualifier: 'versioning' and 'version' are one token", () => {
    const docs: Neighbour = {
      ...mail,
      id: 'docs',
      names: ['docserver'],
      subjects: ['versioning', 'document library'],
      qualifiers: ['version'],
    };
    const versions = new ScopeGuard((text) => analyser.tokens(text), [docs], { core: [], identity: [], context: ['tenant'] });
    const decideDocs = (question: string) => versions.decide(analyser.analyse(question).tokens);
    assert.equal(decideDocs('which version of the tenant tool do we need').neighbour, undefined, 'a version alone sets no scene');
    assert.equal(decideDocs('docserver versioning').neighbour?.id, 'docs', "in the product's scene it counts");
    assert.equal(decideDocs('document library version').neighbour?.id, 'docs');
  });
});

describe('scope: the field vocabulary read from the topics', () => {
  const template = allTopics()[0];
  const topic = (id: string, keywords: string[], answer = template.answer) => ({
    ...template,
    id,
    title: id,
    questions: [],
    keywords,
    answer,
    facts: [],
  });
  const analyser = new Analyser([]);
  const vocabulary = fieldVocabulary(
    [
      topic(
        'a',
        ['staged rollout', 'decision tree'],
        'Fix AttributeValueMustBeUnique in SharePoint with PowerShell; AADSTS50126 means a bad password.',
      ),
      topic('b', ['staged rollout', 'Exchange hybrid']),
      topic('c', ['Exchange hybrid']),
    ],
    (text) => analyser.tokens(text),
    new Set(analyser.tokens('Exchange')),
  );
  const uses = (question: string) => usesFieldVocabulary(vocabulary, analyser.tokens(question), normalise(question).split(' '));

  it('knows a name of several words that two topics or more use ("staged rollout"), not one topic\'s turn of phrase', () => {
    assert.equal(uses('what is staged rollout for'), true);
    assert.equal(uses('what is a decision tree'), false);
    assert.equal(uses('rollout staged'), false, 'a phrase is its words in order');
    assert.equal(uses('exchange hybrid'), false, "a neighbour's name never makes a phrase ours");
  });

  it('knows the identifiers the topics write as code, as typed in any case, but not product names with two capitals', () => {
    assert.equal(uses('attributevaluemustbeunique on a user'), true);
    assert.equal(uses('AADSTS50126'), true);
    assert.equal(uses('sharepoint powershell'), false);
  });
});

describe('the neighbours table', () => {
  const analyser = new Analyser([]);
  const phrases = [...NEIGHBOURS.flatMap((n) => [...n.names, ...n.subjects, ...n.qualifiers]), ...Object.values(IN_SCOPE_SIGNALS).flat()];

  it('keeps every phrase of several words a phrase after analysis, not one ordinary word ("send as" would be "send")', () => {
    const shrunk = phrases.filter((p) => {
      const tokens = analyser.tokens(p);
      return p.includes(' ') && tokens.length < 2 && !CANONICAL_TOKENS.has(tokens[0] ?? '');
    });
    assert.deepEqual(shrunk, []);
  });

  it('names, for each product, an admin center and a Microsoft Learn page', () => {
    for (const n of NEIGHBOURS) {
      assert.ok(n.adminCenter.trim(), n.id);
      assert.match(n.docs.url, /^https:\/\/learn\.microsoft\.com\//, n.id);
      assert.ok(n.names.length > 0 && n.subjects.length > 0, n.id);
    }
  });
});
