import assert from 'node:assert/strict';
import { all, is } from '../../identity/advisors/conditions';
import { answer, back, current, restart, start } from '../../identity/advisors/engine';
import { ADVISORS, knownFromTenant, outcomeAsText, validateAdvisor } from '../../identity/advisors/index';
import { AdvisorError, type Advisor, type AdvisorState, type AdvisorView } from '../../identity/advisors/model';

const LINK = [{ title: 'Learn', url: 'https://learn.microsoft.com/en-us/entra/fundamentals/licensing' }];

/** A tiny advisor: "detail" is asked only when kind = a. */
const TOY: Advisor = {
  id: 'setup',
  name: 'Toy',
  intro: 'A toy advisor for engine specs.',
  questions: [
    {
      id: 'kind',
      text: 'Kind?',
      choices: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      tenantFact: { key: 'edition', choices: { p1: 'b' } },
    },
    {
      id: 'detail',
      text: 'Detail?',
      when: is('kind', 'a'),
      choices: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ],
    },
    {
      id: 'size',
      text: 'Size?',
      choices: [
        { id: 's', label: 'Small' },
        { id: 'l', label: 'Large' },
      ],
    },
  ],
  outcomes: [
    {
      id: 'ax',
      title: 'AX',
      recommendation: 'Do AX.',
      when: is('detail', 'x'),
      why: ['x chosen'],
      prerequisites: [],
      checklist: ['step ax'],
      links: LINK,
    },
    {
      id: 'big',
      title: 'Big',
      recommendation: 'Go big.',
      when: is('size', 'l'),
      why: ['large'],
      prerequisites: [],
      checklist: ['step big'],
      links: LINK,
      addenda: [{ when: all(is('kind', 'b'), is('size', 'l')), why: ['b and large'], checklist: ['extra step'] }],
    },
    {
      id: 'other',
      title: 'Other',
      recommendation: 'Do the rest.',
      why: ['fallback'],
      prerequisites: [],
      checklist: ['step other'],
      links: LINK,
    },
  ],
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function questionOf(view: AdvisorView) {
  assert.equal(view.kind, 'question');
  return view;
}

function outcomeOf(view: AdvisorView) {
  assert.equal(view.kind, 'outcome');
  return view;
}

function throwsCode(fn: () => unknown, code: string) {
  assert.throws(fn, (error: unknown) => error instanceof AdvisorError && error.problem === code);
}

describe('advisor engine', () => {
  it('starts at the first question, step 1 of an estimate that counts every question that may be asked', () => {
    const view = questionOf(current(TOY, start(TOY)));
    assert.equal(view.question.id, 'kind');
    assert.equal(view.step, 1);
    assert.equal(view.totalSteps, 3);
    assert.equal(view.canGoBack, false);
    assert.deepEqual(view.prefilled, []);
  });

  it('skips a question whose condition does not hold and tightens the estimate', () => {
    const state = answer(TOY, start(TOY), 'kind', 'b');
    const view = questionOf(current(TOY, state));
    assert.equal(view.question.id, 'size');
    assert.equal(view.step, 2);
    assert.equal(view.totalSteps, 2);
  });

  it('reaches the first matching outcome, with matching addenda folded in', () => {
    let state = answer(TOY, start(TOY), 'kind', 'b');
    state = answer(TOY, state, 'size', 'l');
    const view = outcomeOf(current(TOY, state));
    assert.equal(view.outcome.id, 'big');
    assert.deepEqual(view.outcome.why, ['large', 'b and large']);
    assert.deepEqual(view.outcome.checklist, ['step big', 'extra step']);
    assert.deepEqual(
      view.answers.map((a) => [a.questionId, a.choiceId, a.source]),
      [
        ['kind', 'b', 'you'],
        ['size', 'l', 'you'],
      ],
    );
  });

  it('falls back to the last outcome when nothing else matches', () => {
    let state = answer(TOY, start(TOY), 'kind', 'a');
    state = answer(TOY, state, 'detail', 'y');
    state = answer(TOY, state, 'size', 's');
    assert.equal(outcomeOf(current(TOY, state)).outcome.id, 'other');
  });

  it('never mutates the state it is given', () => {
    const first = deepFreeze(start(TOY));
    const second = deepFreeze(answer(TOY, first, 'kind', 'a'));
    assert.deepEqual(first.steps, []);
    assert.equal(back(second).steps.length, 0);
    assert.equal(second.steps.length, 1);
  });

  it('keeps state as plain JSON that survives a round trip through storage', () => {
    let state = start(TOY, { kind: { choiceId: 'a', because: 'the tenant says so' } });
    state = answer(TOY, state, 'detail', 'x');
    const stored = JSON.parse(JSON.stringify(state)) as AdvisorState;
    assert.deepEqual(stored, state);
    assert.equal(stored.version, 1);
    assert.equal(stored.advisorId, 'setup');
    assert.equal(questionOf(current(TOY, stored)).question.id, 'size');
  });

  describe('back and restart', () => {
    it('back undoes the last answer and lets the user choose differently', () => {
      const a = answer(TOY, start(TOY), 'kind', 'a');
      const undone = back(a);
      assert.equal(questionOf(current(TOY, undone)).question.id, 'kind');
      const b = answer(TOY, undone, 'kind', 'b');
      assert.equal(questionOf(current(TOY, b)).question.id, 'size');
    });

    it('back at the start changes nothing, and the view says so', () => {
      const state = start(TOY);
      assert.deepEqual(back(state), state);
      assert.equal(current(TOY, state).canGoBack, false);
      assert.equal(current(TOY, answer(TOY, state, 'kind', 'a')).canGoBack, true);
    });

    it('back from an outcome returns to its last question', () => {
      let state = answer(TOY, start(TOY), 'kind', 'b');
      state = answer(TOY, state, 'size', 's');
      assert.equal(current(TOY, state).kind, 'outcome');
      assert.equal(questionOf(current(TOY, back(state))).question.id, 'size');
    });

    it('restart forgets the answers and keeps the tenant facts', () => {
      const known = { kind: { choiceId: 'b', because: 'fact' } };
      const state = answer(TOY, start(TOY, known), 'size', 'l');
      const again = restart(state);
      assert.deepEqual(again.steps, []);
      assert.deepEqual(again.known, known);
      assert.equal(questionOf(current(TOY, again)).question.id, 'size');
    });
  });

  describe('invalid answers are typed errors', () => {
    it('rejects an unknown question', () => throwsCode(() => answer(TOY, start(TOY), 'nope', 'a'), 'unknown-question'));
    it('rejects an unknown choice', () => throwsCode(() => answer(TOY, start(TOY), 'kind', 'z'), 'unknown-choice'));
    it('rejects a question that is not being asked now', () => throwsCode(() => answer(TOY, start(TOY), 'size', 's'), 'not-asked'));
    it('rejects a question the path skipped', () =>
      throwsCode(() => answer(TOY, answer(TOY, start(TOY), 'kind', 'b'), 'detail', 'x'), 'not-asked'));
    it('rejects answering the same question twice', () =>
      throwsCode(() => answer(TOY, answer(TOY, start(TOY), 'kind', 'a'), 'kind', 'b'), 'not-asked'));
    it('rejects answers after the outcome', () => {
      let state = answer(TOY, start(TOY), 'kind', 'b');
      state = answer(TOY, state, 'size', 's');
      throwsCode(() => answer(TOY, state, 'size', 'l'), 'finished');
    });
    it('rejects a state of another advisor', () => throwsCode(() => current(ADVISORS.connect, start(TOY)), 'wrong-advisor'));
    it('rejects a tampered or outdated state', () => {
      throwsCode(() => current(TOY, { ...start(TOY), version: 2 } as unknown as AdvisorState), 'bad-state');
      throwsCode(() => current(TOY, { ...start(TOY), steps: [{ questionId: 'size', choiceId: 's' }] }), 'bad-state');
      throwsCode(() => current(TOY, { ...start(TOY), steps: [{ questionId: 'kind', choiceId: 'zz' }] }), 'unknown-choice');
    });
    it('rejects prefilled answers that do not exist', () => {
      throwsCode(() => start(TOY, { nope: { choiceId: 'a', because: 'x' } }), 'unknown-question');
      throwsCode(() => start(TOY, { kind: { choiceId: 'z', because: 'x' } }), 'unknown-choice');
    });
  });

  describe('answers known from the tenant', () => {
    const known = { kind: { choiceId: 'b', because: 'your licences include Microsoft Entra ID P1' } };

    it('skips the question and reports it as answered from the tenant', () => {
      const view = questionOf(current(TOY, start(TOY, known)));
      assert.equal(view.question.id, 'size');
      assert.equal(view.step, 1);
      assert.equal(view.totalSteps, 1);
      assert.deepEqual(
        view.prefilled.map((p) => [p.questionId, p.source, p.because]),
        [['kind', 'tenant', 'your licences include Microsoft Entra ID P1']],
      );
    });

    it('counts the fact in the outcome and lists it among the answers', () => {
      const view = outcomeOf(current(TOY, answer(TOY, start(TOY, known), 'size', 'l')));
      assert.deepEqual(view.outcome.why, ['large', 'b and large']);
      assert.equal(view.answers[0].source, 'tenant');
    });

    it('ignores a fact about a question that the path does not ask', () => {
      const state = answer(TOY, start(TOY, { detail: { choiceId: 'x', because: 'fact' } }), 'kind', 'b');
      const view = outcomeOf(current(TOY, answer(TOY, state, 'size', 's')));
      assert.equal(view.outcome.id, 'other');
      assert.ok(!view.answers.some((a) => a.questionId === 'detail'));
    });

    it('knownFromTenant maps facts to choices with a reason, and leaves unknown facts open', () => {
      assert.deepEqual(knownFromTenant(TOY, { edition: 'P1' }), {
        kind: { choiceId: 'b', because: 'your licences include Microsoft Entra ID P1' },
      });
      assert.deepEqual(knownFromTenant(TOY, { edition: 'Free' }), {});
      assert.deepEqual(knownFromTenant(TOY, {}), {});
    });

    it('knownFromTenant reads sync, federation and edition for the real advisors', () => {
      const connect = knownFromTenant(ADVISORS.connect, { syncEnabled: true, federatedDomains: ['contoso.com'] });
      assert.equal(connect['on-prem-ad']?.choiceId, 'yes');
      assert.equal(connect['federated-today']?.choiceId, 'yes');
      assert.match(connect['federated-today']?.because ?? '', /contoso\.com/);
      assert.equal(connect['sync-today'], undefined, 'sync on does not tell which tool runs');
      const never = knownFromTenant(ADVISORS.connect, { syncEnabled: null, federatedDomains: [] });
      assert.equal(never['sync-today']?.choiceId, 'none');
      assert.equal(never['federated-today']?.choiceId, 'no');
      assert.equal(never['on-prem-ad'], undefined);
      const setup = knownFromTenant(ADVISORS.setup, { syncEnabled: true, edition: 'P2' });
      assert.deepEqual([setup['identity-model']?.choiceId, setup.edition?.choiceId], ['hybrid', 'p2']);
    });
  });

  describe('outcomeAsText', () => {
    it('writes the plan with numbered steps, answers, tenant facts and links', () => {
      let state = start(TOY, { kind: { choiceId: 'b', because: 'fact from Graph' } });
      state = answer(TOY, state, 'size', 'l');
      const text = outcomeAsText(TOY, state);
      assert.match(text, /^Toy: Big\n\nGo big\./);
      assert.match(text, /\nSteps\n1\. step big\n2\. extra step/);
      assert.match(text, /Kind\? B \(answered from your tenant: fact from Graph\)/);
      assert.match(text, /Size\? Large\n/);
      assert.match(text, /Learn: https:\/\/learn\.microsoft\.com\//);
      assert.match(text, /https:\/\/aka\.ms\/aadpguidance/);
    });

    it('refuses a state that has not reached an outcome', () => throwsCode(() => outcomeAsText(TOY, start(TOY)), 'not-finished'));
  });

  describe('validateAdvisor', () => {
    const broken = (change: Partial<Advisor>): Advisor => ({ ...TOY, ...change });

    it('accepts the toy advisor', () => validateAdvisor(TOY));
    it('requires the last outcome to be an unconditional fallback', () => {
      throwsCode(() => validateAdvisor(broken({ outcomes: TOY.outcomes.slice(0, 2) })), 'invalid-advisor');
    });
    it('refuses conditions on later or unknown questions and choices', () => {
      const [kind, detail, size] = TOY.questions;
      throwsCode(() => validateAdvisor(broken({ questions: [{ ...kind, when: is('size', 's') }, detail, size] })), 'invalid-advisor');
      throwsCode(() => validateAdvisor(broken({ questions: [kind, { ...detail, when: is('kind', 'c') }, size] })), 'invalid-advisor');
    });
    it('refuses links that are not Microsoft Learn pages', () => {
      const [ax, big, other] = TOY.outcomes;
      throwsCode(
        () => validateAdvisor(broken({ outcomes: [ax, big, { ...other, links: [{ title: 'x', url: 'http://example.com' }] }] })),
        'invalid-advisor',
      );
    });
  });
});
