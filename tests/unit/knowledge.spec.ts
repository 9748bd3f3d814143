import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Analyser } from '../../identity/knowledge/analyser';
import { allTopics, TOPIC_FILES } from '../../identity/knowledge/catalog';
import { KnowledgeBase } from '../../identity/knowledge/engine';
import { Retriever } from '../../identity/knowledge/retriever';
import { validateTopics, type Topic } from '../../identity/knowledge/topic';

const topics = allTopics();
const kb = new KnowledgeBase(topics);

/** A made-up topic asked by its title alone, for the ranking and band specs. */
const topic = (id: string, title: string, answer = 'Filler text.'): Topic => ({
  id,
  title,
  questions: [title],
  keywords: [],
  answer,
  facts: [],
  links: [{ title: 't', url: 'https://learn.microsoft.com/x' }],
  followUps: [],
  checked: '2026-12-01',
});

describe('knowledge base content', () => {
  it('has at least 60 valid topics, each citing a public Microsoft page', () => {
    assert.ok(topics.length >= 60, `${topics.length} topics`);
    for (const topic of topics) {
      for (const link of topic.links)
        assert.match(link.url, /^https:\/\/(learn\.microsoft\.com|aka\.ms|go\.microsoft\.com)\//, `${topic.id}: ${link.url}`);
    }
  });

  it('loads every file in identity/knowledge/topics', () => {
    const dir = fileURLToPath(new URL('../../identity/knowledge/topics/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    assert.deepEqual(Object.keys(TOPIC_FILES).sort(), files.sort());
  });

  it('refuses a topic set with a dangling follow-up or a duplicate id', () => {
    const base: Topic = {
      id: 'a',
      title: 'A',
      questions: ['q'],
      keywords: [],
      answer: 'x',
      facts: [],
      links: [{ title: 't', url: 'https://learn.microsoft.com/x' }],
      followUps: [],
      checked: '2026-12-01',
    };
    assert.throws(() => validateTopics([{ ...base, followUps: ['missing'] }]), /follow-up "missing" does not exist/);
    assert.throws(() => validateTopics([base, base]), /duplicate id/);
    assert.throws(() => validateTopics([{ ...base, links: [] }]), /needs at least one link/);
    assert.throws(() => validateTopics([{ ...base, checked: '' }]), /checked must say when its facts were last checked/);
    assert.throws(() => validateTopics([{ ...base, links: [{ ...base.links[0], updated: '1 May' }] }]), /not YYYY-MM-DD/);
  });
});

describe('analyser', () => {
  const analyser = new Analyser(topics.map((t) => `${t.title} ${t.answer}`));

  it('folds abbreviations and spelled-out names onto one token', () => {
    assert.deepEqual(analyser.analyse('PTA vs PHS').tokens, ['pta', 'compare', 'phs']);
    assert.deepEqual(analyser.analyse('pass-through authentication versus password hash synchronization').tokens, [
      'pta',
      'compare',
      'phs',
    ]);
    assert.deepEqual(analyser.analyse('AADC').tokens, analyser.analyse('Azure AD Connect').tokens);
    assert.deepEqual(analyser.analyse('CA policies need MFA').tokens, ['conditionalaccess', 'mfa']);
  });

  it("folds the field's paraphrases: set up / configure, PCs / devices, hybrid joined / hybrid join, app / application", () => {
    assert.deepEqual(
      analyser.analyse('set up hybrid join for our PCs').tokens,
      analyser.analyse('configure hybrid Azure AD joined devices').tokens,
    );
    assert.deepEqual(analyser.analyse('application permissions').tokens, analyser.analyse('app permission').tokens);
    assert.deepEqual(analyser.analyse('turn on seamless SSO').tokens, analyser.analyse('enable seamless single sign-on').tokens);
  });

  it('does not read a short abbreviation with a plural ending into an ordinary word ("has" is not HA)', () => {
    assert.deepEqual(analyser.analyse('the server has HA').tokens, ['server', 'highavailability']);
  });

  it('corrects typos of long words towards the knowledge base, and leaves short words alone', () => {
    const { tokens, corrections } = analyser.analyse('federaton certificat expiring');
    assert.deepEqual(
      corrections.map((c) => c.from),
      ['federaton'],
      '"certificat" already has the stem of "certificate"',
    );
    assert.ok(tokens.includes('federation'));
    assert.deepEqual(analyser.analyse('rain').corrections, []);
    assert.deepEqual(
      analyser
        .analyse('print spooler keeps stopping')
        .corrections.map((c) => c.from)
        .includes('stopping'),
      false,
      'a known word in another form is not a typo',
    );
  });
});

describe('retriever ranking', () => {
  const ids = (retriever: Retriever, question: string, limit?: number): string[] =>
    retriever.search(question, limit).hits.map((hit) => hit.topic.id);

  it('returns at most `limit` topics, best score first, and only topics sharing a word with the question', () => {
    const retriever = new Retriever([
      topic('body', 'Staging server', 'The scheduler pauses on a staging server.'),
      topic('other', 'Device join'),
      topic('title', 'Scheduler intervals'),
    ]);
    assert.deepEqual(ids(retriever, 'scheduler'), ['title', 'body']);
    assert.deepEqual(ids(retriever, 'scheduler', 1), ['title']);
    assert.deepEqual(ids(retriever, 'scheduler', 0), []);
  });

  it("weighs a neighbouring product's name as the scene, not the subject", () => {
    const topics = [
      topic('mailboxes', 'Exchange Online mailbox access for apps'),
      topic('licence', 'Licence for guest users'),
      // Licences and guests are common subjects, the product's name a rare one.
      ...['the scheduler', 'devices', 'admins', 'the wizard', 'a trial'].map((what, i) => topic(`licence-${i}`, `Licence for ${what}`)),
      ...['invitations', 'sign-in', 'expiry'].map((what, i) => topic(`guest-${i}`, `Guest ${what}`)),
    ];
    const question = 'which licence do guests need in Exchange Online';
    assert.equal(ids(new Retriever(topics), question)[0], 'mailboxes', 'without a scene, the rare product name wins');
    assert.equal(ids(new Retriever(topics, { scene: ['Exchange Online'] }), question)[0], 'licence');
  });

  it('counts a small number in the question as a parameter, not its subject, even where a topic prints it', () => {
    const retriever = new Retriever([
      topic('count', 'How many Global Administrators to have'),
      topic('steps', 'Nine steps of the Connect wizard', 'Step 9 asks for the account.'),
    ]);
    const coverage = (question: string, id: string) => retriever.search(question).hits.find((hit) => hit.topic.id === id)?.coverage ?? 0;
    // Weighed by its rarity, "9" would be half of what the question says.
    assert.ok(coverage('how many global admins, we have 9', 'count') > 0.6, 'the topic about the question covers most of it');
    const ports = new Retriever([topic('wap', 'Web Application Proxy ports'), topic('other', 'Other', 'Port 49443.')]);
    assert.ok(ports.search('wap port 49443').hits[0].coverage < 0.75, 'a long number names a thing: lacking it costs its full weight');
  });

  it('drops chat filler about time ("right now") as it drops "now"', () => {
    const analyser = new Analyser([]);
    assert.deepEqual(analyser.tokens('we have 9 global admins right now'), analyser.tokens('we have 9 global admins'));
  });

  it('settles a near tie for the title that says least beyond the question', () => {
    const retriever = new Retriever([
      topic('reset', 'Reset or enable the scheduler with PowerShell'),
      topic('enable', 'Enable the scheduler'),
    ]);
    assert.equal(ids(retriever, 'turn on the scheduler')[0], 'enable');
  });

  it('breaks a tie in favour of the topic listed first', () => {
    const retriever = new Retriever(['a', 'b', 'c', 'd'].map((id) => topic(id, 'Scheduler intervals')));
    assert.deepEqual(ids(retriever, 'scheduler', 3), ['a', 'b', 'c']);
  });
});

describe('KnowledgeBase.ask confidence bands', () => {
  it('answers a clear question with the topic that holds the answer', () => {
    const answer = kb.ask('How often does password hash sync run?');
    assert.equal(answer.band, 'answer');
    assert.equal(answer.best?.id, 'phs-frequency');
    assert.ok(answer.confidence >= 0.9);
  });

  it('lets the named subject outweigh a rare side word', () => {
    assert.equal(kb.ask('can I use PHS and PTA together').best?.id, 'auth-method-pta-vs-phs');
  });

  it('understands terse keywords and typos', () => {
    assert.equal(kb.ask('pta vs phs').best?.id, 'auth-method-pta-vs-phs');
    assert.equal(kb.ask('how do I turn on seemless sso').best?.id, 'seamless-sso-enable');
  });

  it('asks "did you mean" with three topics when one common word is all it has', () => {
    const answer = kb.ask('sync');
    assert.equal(answer.band, 'clarify');
    assert.equal(answer.alternatives.length, 3);
  });

  it('below the answer threshold, still answers or offers the topic about the question', () => {
    const strict = new KnowledgeBase(topics, { answer: 0.99, clarify: 0.2, minInformation: 2 });
    const answer = strict.ask('we deleted a big OU by mistake, will entra connect delete the users too?');
    assert.notEqual(answer.band, 'decline');
    const offered = answer.band === 'answer' ? [answer.best] : answer.alternatives;
    assert.ok(offered.some((t) => t?.id === 'connect-sync-accidental-deletes'));
  });

  for (const question of [
    "What's the formula to sum a column in Excel?",
    'will it rain in Seattle tomorrow',
    'write me a poem about cats',
    "what's the score of the football game",
    'How do I reset my iPhone to factory settings?',
    'hi',
    '',
  ]) {
    it(`declines an off-topic question: "${question}"`, () => {
      const answer = kb.ask(question);
      assert.equal(answer.band, 'decline');
      assert.equal(answer.best, undefined);
      assert.deepEqual(answer.alternatives, []);
    });
  }

  it('counts a word of our field as typed even when a synonym folds it into an everyday word', () => {
    // "duplicate attribute" folds onto the everyday token "duplicate"; "attribute" is still a word only our field uses.
    const small = new KnowledgeBase([
      topic('resiliency', 'Duplicate attribute resiliency is always on'),
      topic('invoices', 'Printing invoices'),
    ]);
    assert.equal(small.ask('can duplicate attribute resiliency be turned off').best?.id, 'resiliency');
    assert.equal(small.ask('can duplicate invoice resiliency be turned off').band, 'decline', 'without the word it is not ours');
  });

  it('offers the matching advisor when asked for a recommendation', () => {
    assert.equal(
      kb.ask('we have 3000 users, on-prem AD, no special requirements. which sign-in method should we use?').recommendAdvisor,
      'connect',
    );
    assert.equal(kb.ask('we want to keep AD FS because of our third party MFA server, which is best').recommendAdvisor, 'adfs');
    assert.equal(kb.ask('How often does password hash sync run?').recommendAdvisor, undefined);
  });
});

describe('KnowledgeBase.ask: "Did you mean" only when two or more subjects fit', () => {
  const topics = [
    topic('ga-count', 'How many Global Administrators to have', 'Fewer than five.'),
    topic('connect-accounts', 'Entra Connect service accounts', 'Installing needs a Global Administrator once.'),
    topic('break-glass', 'Emergency access accounts', 'Two cloud-only accounts that hold Global Administrator.'),
    topic('ca-licence', 'Which licence Conditional Access needs', 'P1.'),
    topic('ca-or-defaults', 'Conditional Access or security defaults', 'Defaults are free.'),
  ];
  // Every question lands in the clarify band here: the rule decides between answer and "Did you mean".
  const kb = new KnowledgeBase(topics, { answer: 0.99, clarify: 0.1, minInformation: 0 });

  it("answers when only one guess's title says what the question asks", () => {
    const answer = kb.ask('how many global admins, we have eleven of them in three regions');
    assert.equal(answer.band, 'answer');
    assert.equal(answer.best?.id, 'ga-count');
  });

  it('answers when one title covers clearly more of the question (1.5 times) than any other', () => {
    const answer = kb.ask('which licence does conditional access need for our regions');
    assert.equal(answer.band, 'answer');
    assert.equal(answer.best?.id, 'ca-licence');
  });

  it('asks "Did you mean" when two titles fit the question about equally, and offers both', () => {
    const answer = kb.ask('conditional access for our regions');
    assert.equal(answer.band, 'clarify');
    assert.deepEqual(
      answer.alternatives
        .map((t) => t.id)
        .slice(0, 2)
        .sort(),
      ['ca-licence', 'ca-or-defaults'],
    );
  });
});

describe('KnowledgeBase.ask definitions', () => {
  it('answers "what is X" with the topic that defines X, even when X is a common word of the field', () => {
    const answer = kb.ask('What is Microsoft Entra ID?');
    assert.equal(answer.band, 'answer');
    assert.equal(answer.best?.id, 'fundamentals-what-is-entra-id');
    assert.equal(kb.ask('entra').band, 'clarify', 'the bare word still asks which topic');
  });
});
