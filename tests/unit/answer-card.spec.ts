import assert from 'node:assert/strict';
import { answerCard } from '../../cards/answer';
import { allTopics } from '../../identity/knowledge/catalog';
import { KnowledgeBase } from '../../identity/knowledge/engine';

const topics = allTopics();
const kb = new KnowledgeBase(topics);
const topic = topics.find((t) => t.id === 'phs-frequency')!;

/** The data of the card's Helpful action. */
function helpfulData(card: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.stringify(card);
  return JSON.parse(/"title":"Helpful","data":(\{[^}]*\})/.exec(json)![1]) as Record<string, unknown>;
}

describe('answer card', () => {
  it('carries the question as asked, quotes and backslashes included, in its feedback actions', () => {
    const question = 'how often does "PHS" run\\sync?';
    const card = answerCard(kb, topic, { question });
    assert.equal(helpfulData(card).question, question);
    assert.equal(card.version, '1.5');
  });

  it('is the same card for every question on a topic, except for the question it carries', () => {
    const first = answerCard(kb, topic, { question: 'one' });
    const second = answerCard(kb, topic, { question: 'two' });
    assert.equal(JSON.stringify(first).replaceAll('"one"', '"two"'), JSON.stringify(second));
  });

  it('shows the spelling note only when there is one', () => {
    assert.match(
      JSON.stringify(answerCard(kb, topic, { question: 'q', correction: 'pasword → password' })),
      /Showing results for: pasword → password/,
    );
    assert.doesNotMatch(JSON.stringify(answerCard(kb, topic, { question: 'q' })), /Showing results for/);
  });

  it('offers the advisor when asked for a recommendation, and thanks after feedback', () => {
    const card = JSON.stringify(answerCard(kb, topic, { question: 'q', advisor: 'connect' }));
    assert.match(card, /Start the Entra Connect advisor/);
    assert.match(JSON.stringify(answerCard(kb, topic, { question: 'q', feedback: true })), /Thanks for your feedback: helpful/);
  });
});
