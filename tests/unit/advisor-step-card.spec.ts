import assert from 'node:assert/strict';
import { viewCard } from '../../bot/advisors/cards';
import { ADVISORS, start, type AdvisorId } from '../../identity/advisors';
import { answerChoices } from '../support/advisor-card';
import { displayed } from '../support/markdown';

type Card = Record<string, any>;

function actionTitles(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(actionTitles);
  if (!node || typeof node !== 'object') return [];
  const element = node as Card;
  const own = typeof element.type === 'string' && element.type.startsWith('Action.') ? [String(element.title)] : [];
  return [...own, ...Object.entries(element).flatMap(([key, value]) => (key === 'fallback' ? [] : actionTitles(value)))];
}

/**
 * Teams cuts a button's title off at the button's width; a ChoiceSet's choices wrap when asked to
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/design-effective-cards#text).
 */
describe('an advisor question card shows every answer in full', () => {
  for (const id of Object.keys(ADVISORS) as AdvisorId[]) {
    const advisor = ADVISORS[id];
    it(`${advisor.name}: each question's answers are wrapping radio choices with their whole text; the buttons are short`, () => {
      const state = start(advisor, {});
      for (const question of advisor.questions) {
        const card = viewCard(advisor, state, { kind: 'question', question, step: 1, totalSteps: 1, prefilled: [], canGoBack: true }, 'u');
        const choiceSet = JSON.stringify(card).includes('"style":"expanded"') && JSON.stringify(card).includes('"wrap":true');
        assert.ok(choiceSet, `${question.id}: an expanded, wrapping choice set`);
        assert.deepEqual(
          answerChoices(card).map((c) => ({ title: displayed(c.title), value: c.value })),
          question.choices.map((c) => ({ title: c.label, value: c.id })),
        );
        assert.deepEqual(actionTitles(card), ['Next', 'Back', 'Restart', 'Cancel']);
      }
    });
  }
});
