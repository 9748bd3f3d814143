import assert from 'node:assert/strict';
import { answer, start } from '../../identity/advisors/engine';
import { outcomeAsText } from '../../identity/advisors/index';
import { throwsCode, TOY } from '../support/toy-advisor';

/** An advisor's outcome as a plan in plain text, to copy out of Teams. */
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
