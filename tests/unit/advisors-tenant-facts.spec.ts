import assert from 'node:assert/strict';
import { answer, current, start } from '../../identity/advisors/engine';
import { ADVISORS, knownFromTenant } from '../../identity/advisors/index';
import { outcomeOf, questionOf, TOY } from '../support/toy-advisor';

/** Answers known from the tenant (sync, federation, edition): skipped, counted, and reported as the tenant's. */
describe('advisor answers known from the tenant', () => {
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
