import assert from 'node:assert/strict';
import { answer, back, current, restart, start } from '../../identity/advisors/engine';
import { ADVISORS } from '../../identity/advisors/index';
import type { AdvisorState } from '../../identity/advisors/model';
import { outcomeOf, questionOf, throwsCode, TOY } from '../support/toy-advisor';

/** The engine that walks an advisor: steps, outcomes, back and restart, and typed errors for invalid answers. */

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
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
});
