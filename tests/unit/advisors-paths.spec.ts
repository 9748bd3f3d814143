import assert from 'node:assert/strict';
import { answer, current, start } from '../../identity/advisors/engine';
import { ADVISORS, knownFromTenant, validateAdvisor } from '../../identity/advisors/index';
import type { Advisor, AdvisorState, KnownAnswers, ResolvedOutcome } from '../../identity/advisors/model';

interface WalkedPath {
  /** questionId=choiceId of the user's answers, in order. */
  choices: Record<string, string>;
  outcome: ResolvedOutcome;
}

/**
 * Depth-first over every choice of every question asked. Asserts on the way that each path ends
 * in an outcome within as many steps as there are questions, and that the step estimate shown at
 * each question never undercounts the path actually taken.
 */
function walkEveryPath(advisor: Advisor, known: KnownAnswers = {}): WalkedPath[] {
  const paths: WalkedPath[] = [];
  const visit = (state: AdvisorState, estimates: number[]): void => {
    assert.ok(state.steps.length <= advisor.questions.length, `${advisor.id}: path longer than the questions`);
    const view = current(advisor, state);
    if (view.kind === 'outcome') {
      for (const estimate of estimates)
        assert.ok(estimate >= state.steps.length, `${advisor.id}: estimated ${estimate} steps, took ${state.steps.length}`);
      paths.push({ choices: Object.fromEntries(state.steps.map((s) => [s.questionId, s.choiceId])), outcome: view.outcome });
      return;
    }
    assert.equal(view.step, state.steps.length + 1);
    assert.ok(view.totalSteps >= view.step, `${advisor.id}: total ${view.totalSteps} below step ${view.step}`);
    for (const choice of view.question.choices) visit(answer(advisor, state, view.question.id, choice.id), [...estimates, view.totalSteps]);
  };
  visit(start(advisor, known), []);
  return paths;
}

const text = (outcome: ResolvedOutcome) =>
  [outcome.recommendation, ...outcome.why, ...outcome.prerequisites, ...outcome.checklist].join('\n');

/** Walks one path: answers each question from `choices`, which must cover every question asked. */
function decide(advisor: Advisor, choices: Record<string, string>, known: KnownAnswers = {}): ResolvedOutcome {
  let state = start(advisor, known);
  for (;;) {
    const view = current(advisor, state);
    if (view.kind === 'outcome') return view.outcome;
    const choice = choices[view.question.id];
    assert.ok(choice, `no answer given for "${view.question.id}"`);
    state = answer(advisor, state, view.question.id, choice);
  }
}

const EXPECTED_PATHS = { connect: 1297, adfs: 386, setup: 288 };

for (const advisor of Object.values(ADVISORS)) {
  describe(`${advisor.name}: every path`, () => {
    const paths = walkEveryPath(advisor);

    it('is valid data', () => validateAdvisor(advisor));

    it(`has ${EXPECTED_PATHS[advisor.id]} paths, each ending in an outcome (no dead ends)`, () => {
      assert.equal(paths.length, EXPECTED_PATHS[advisor.id]);
    });

    it('reaches every outcome on at least one path', () => {
      const reached = new Set(paths.map((p) => p.outcome.id));
      assert.deepEqual([...reached].sort(), advisor.outcomes.map((o) => o.id).sort());
    });

    it('asks every question on at least one path', () => {
      const asked = new Set(paths.flatMap((p) => Object.keys(p.choices)));
      assert.deepEqual([...asked].sort(), advisor.questions.map((q) => q.id).sort());
    });

    it('gives every outcome a rationale, steps and one to three Microsoft Learn links', () => {
      for (const { outcome } of paths) {
        assert.ok(outcome.why.length > 0 && outcome.checklist.length > 0, outcome.id);
        assert.ok(outcome.links.length >= 1 && outcome.links.length <= 3, outcome.id);
        for (const link of outcome.links) assert.match(link.url, /^https:\/\/learn\.microsoft\.com\//);
      }
    });

    it('still ends every path in an outcome when tenant facts answer some questions', () => {
      for (const facts of [
        { syncEnabled: true, federatedDomains: ['contoso.com'], edition: 'P1' as const },
        { syncEnabled: null, federatedDomains: [], edition: 'Free' as const },
      ]) {
        const known = knownFromTenant(advisor, facts);
        const withFacts = walkEveryPath(advisor, known);
        assert.ok(withFacts.length > 0 && withFacts.length <= paths.length);
        for (const path of withFacts)
          for (const questionId of Object.keys(known)) assert.ok(!(questionId in path.choices), `${questionId} was asked although known`);
      }
    });
  });
}

describe('Entra Connect advisor guidance', () => {
  const connect = ADVISORS.connect;
  const plain = {
    'on-prem-ad': 'yes',
    forests: 'one',
    'federation-need': 'none',
    'federated-today': 'no',
    'policy-at-sign-in': 'no',
    'hash-sync-allowed': 'yes',
    'sync-features': 'none',
    'domain-size': 'small',
    'sync-today': 'none',
  };
  const paths = walkEveryPath(connect);

  it('recommends password hash sync when nothing special is needed', () => {
    const outcome = decide(connect, plain);
    assert.equal(outcome.id, 'phs-cloud-sync');
    assert.match(outcome.recommendation, /password hash sync/);
    assert.match(outcome.recommendation, /seamless single sign-on/);
  });

  it('recommends pass-through authentication when on-premises policies must apply at sign-in, with PHS as backup', () => {
    const outcome = decide(connect, { ...plain, 'policy-at-sign-in': 'yes' });
    assert.equal(outcome.id, 'pta');
    assert.match(text(outcome), /password hash sync.*backup/i);
    assert.match(outcome.recommendation, /Connect Sync/);
  });

  it('recommends pass-through authentication without a PHS backup when hashes must stay on-premises', () => {
    const outcome = decide(connect, { ...plain, 'hash-sync-allowed': 'no' });
    assert.equal(outcome.id, 'pta');
    assert.doesNotMatch(outcome.checklist.join('\n'), /Turn on password hash sync/);
    assert.match(outcome.why.join('\n'), /no cloud backup/);
  });

  it('recommends federation for a third-party MFA that needs it, and mentions PHS as backup', () => {
    const outcome = decide(connect, { ...plain, 'federation-need': 'third-party-mfa' });
    assert.equal(outcome.id, 'federation');
    assert.match(text(outcome), /password hash sync as the backup/i);
  });

  it('recommends federation for every requirement cloud authentication cannot meet, and only for those', () => {
    for (const path of paths) {
      const needsFederation = path.choices['federation-need'] !== undefined && path.choices['federation-need'] !== 'none';
      assert.equal(path.outcome.id === 'federation', needsFederation, JSON.stringify(path.choices));
    }
  });

  it('recommends Cloud Sync for disconnected forests', () => {
    const outcome = decide(connect, { ...plain, forests: 'disconnected' });
    assert.equal(outcome.id, 'phs-cloud-sync');
    assert.match(outcome.why.join('\n'), /disconnected forests/);
  });

  it('recommends Connect Sync when devices must sync for hybrid join, for custom rules, large domains or a happy Connect install', () => {
    for (const change of [
      { 'sync-features': 'devices' },
      { 'sync-features': 'rules' },
      { 'domain-size': 'large' },
      { 'sync-today': 'connect-sync' },
    ]) {
      assert.equal(decide(connect, { ...plain, ...change }).id, 'phs-connect-sync', JSON.stringify(change));
    }
  });

  it('never pairs pass-through authentication with Cloud Sync, which does not configure it', () => {
    for (const path of paths.filter((p) => p.outcome.id === 'pta')) assert.match(path.outcome.recommendation, /Connect Sync/);
  });

  it('mentions password hash sync as the backup on every PTA or federation path where hashes may be synced', () => {
    for (const path of paths.filter((p) => ['pta', 'federation'].includes(p.outcome.id) && p.choices['hash-sync-allowed'] === 'yes')) {
      assert.match(path.outcome.checklist.join('\n'), /password hash sync as (the|a) backup/i, JSON.stringify(path.choices));
    }
  });

  it('explains that PTA needs forest trusts when forests are disconnected', () => {
    assert.equal(decide(connect, { ...plain, forests: 'disconnected', 'policy-at-sign-in': 'yes' }).id, 'pta-needs-trusts');
  });

  it('plans a staged rollout off AD FS when users federate today without needing to', () => {
    const outcome = decide(connect, { ...plain, 'federated-today': 'yes' });
    assert.equal(outcome.id, 'phs-cloud-sync');
    assert.match(outcome.checklist.join('\n'), /staged rollout/);
  });

  it('needs no sync tool for cloud-only users', () => {
    assert.equal(decide(connect, { 'on-prem-ad': 'no' }).id, 'cloud-only');
  });

  it('takes the answers the tenant already gives', () => {
    const known = knownFromTenant(connect, { syncEnabled: true, federatedDomains: [] });
    const { ['on-prem-ad']: _hybrid, ['federated-today']: _federated, ...rest } = plain;
    assert.equal(decide(connect, rest, known).id, 'phs-cloud-sync');
  });
});

describe('AD FS deployment advisor guidance', () => {
  const adfs = ADVISORS.adfs;
  const farm = {
    'federation-need': 'third-party-mfa',
    'federated-today': 'no',
    users: 'small',
    sites: 'one',
    'sql-features': 'no',
    mfa: 'entra',
    'hash-sync-allowed': 'yes',
  };
  const paths = walkEveryPath(adfs);

  it('recommends cloud authentication and the Connect advisor when federation is not needed', () => {
    for (const federated of ['yes', 'no']) {
      const outcome = decide(adfs, { 'federation-need': 'none', 'federated-today': federated });
      assert.equal(outcome.id, 'cloud-auth-instead');
      assert.match(outcome.recommendation, /password hash sync/);
      assert.match(outcome.recommendation, /Entra Connect advisor/);
    }
    assert.match(decide(adfs, { 'federation-need': 'none', 'federated-today': 'yes' }).checklist.join('\n'), /staged rollout/);
  });

  it('plans a farm on the Windows Internal Database when no SQL-only feature is needed', () => {
    assert.equal(decide(adfs, farm).id, 'wid-farm');
  });

  it('plans a farm on SQL Server for more than 100 trusts, artifact resolution or token replay detection', () => {
    assert.equal(decide(adfs, { ...farm, 'sql-features': 'yes' }).id, 'sql-farm');
  });

  it('asks for at least two AD FS and two proxy servers, a public TLS certificate and certificate rollover on every farm', () => {
    for (const path of paths.filter((p) => p.outcome.id !== 'cloud-auth-instead')) {
      const all = text(path.outcome);
      assert.match(all, /At least two AD FS servers .* two Web Application Proxy servers/);
      assert.match(all, /public certificate authority/);
      assert.match(all, /AutoCertificateRollover/);
      assert.match(all, /staged rollout/);
    }
  });

  it('keeps password hash sync as a backup on every farm where hashes may be synced', () => {
    for (const path of paths.filter((p) => p.choices['hash-sync-allowed'] === 'yes')) {
      assert.match(path.outcome.checklist.join('\n'), /password hash sync .*backup/i);
    }
  });
});

describe('Entra setup guide guidance', () => {
  const setup = ADVISORS.setup;
  const small = {
    'identity-model': 'cloud-only',
    protection: 'baseline',
    sspr: 'no',
    edition: 'free',
    'global-admins': 'two-to-four',
    'saas-apps': 'no',
  };
  const paths = walkEveryPath(setup);

  it('recommends P1 when Conditional Access is needed', () => {
    assert.equal(decide(setup, { ...small, protection: 'conditional-access' }).id, 'p1');
  });

  it('recommends P2 for risk-based policies or PIM', () => {
    assert.equal(decide(setup, { ...small, protection: 'risk-pim' }).id, 'p2');
  });

  it('recommends P1 for self-service password reset with writeback in a hybrid tenant', () => {
    const outcome = decide(setup, { ...small, 'identity-model': 'hybrid', sspr: 'yes' });
    assert.equal(outcome.id, 'p1');
    assert.match(outcome.checklist.join('\n'), /password writeback/);
    assert.match(outcome.checklist.join('\n'), /Entra Connect advisor/);
  });

  it('recommends security defaults when Free covers the needs', () => {
    const outcome = decide(setup, small);
    assert.equal(outcome.id, 'free');
    assert.match(outcome.recommendation, /security defaults/);
  });

  it('secures admins on every path: emergency accounts, fewer than five Global Administrators, consent settings', () => {
    for (const path of paths) {
      const steps = path.outcome.checklist.join('\n');
      assert.match(steps, /two cloud-only emergency access accounts/);
      assert.match(steps, /fewer than five Global Administrators/);
      assert.match(steps, /admin consent workflow/);
    }
  });

  it('adds gallery single sign-on only when SaaS apps are in scope', () => {
    for (const path of paths) assert.equal(/app gallery/.test(path.outcome.checklist.join('\n')), path.choices['saas-apps'] === 'yes');
  });

  it('asks to buy the licence only when the tenant lacks it', () => {
    const known = knownFromTenant(setup, { edition: 'P1' });
    const { edition: _edition, ...rest } = small;
    const outcome = decide(setup, { ...rest, protection: 'conditional-access' }, known);
    assert.equal(outcome.id, 'p1');
    assert.doesNotMatch(outcome.prerequisites.join('\n'), /Buy P1/);
    assert.match(decide(setup, { ...small, protection: 'conditional-access' }).prerequisites.join('\n'), /Buy P1/);
  });
});
