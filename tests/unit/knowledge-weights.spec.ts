import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Analyser } from '../../identity/knowledge/analyser';
import { allTopics } from '../../identity/knowledge/catalog';
import { KnowledgeBase, type KnowledgeAnswer } from '../../identity/knowledge/engine';
import { REFERENCE_TOPICS, UNKNOWN_WORD_WEIGHT, wordWeight } from '../../identity/knowledge/retriever';
import type { Topic } from '../../identity/knowledge/topic';

const topics = allTopics();

/**
 * A made-up word for each token: consonants only, after "qz", so no stemmer ending, synonym, stopword or
 * typo of an English word can reach it.
 */
function madeUpWords(): (token: string) => string {
  const letters = 'bcdfghjklmnprtvwx';
  const words = new Map<string, string>();
  return (token) => {
    let word = words.get(token);
    if (!word) {
      let n = words.size;
      word = 'qz';
      do {
        word += letters[n % letters.length];
        n = Math.floor(n / letters.length);
      } while (n > 0);
      words.set(token, (word = word.padEnd(6, 'x')));
    }
    return word;
  };
}

/**
 * Topics on a subject of their own: each real topic again, field by field, with every token replaced by a
 * made-up word, so they are as long as the real ones (BM25's length norms stay as they were) and share no
 * word with any question.
 */
function unrelatedTopics(real: readonly Topic[]): Topic[] {
  const analyser = new Analyser([]);
  const word = madeUpWords();
  const rewrite = (text: string): string => analyser.tokens(text).map(word).join(' ');
  return real.map((topic) => ({
    ...topic,
    id: `unrelated-${topic.id}`,
    title: rewrite(topic.title),
    questions: topic.questions.map(rewrite),
    keywords: topic.keywords.map(rewrite),
    answer: rewrite(topic.answer),
    facts: topic.facts.map(rewrite),
    followUps: [],
  }));
}

const decision = (answer: KnowledgeAnswer) => ({
  band: answer.band,
  confidence: answer.confidence,
  best: answer.best?.id,
  alternatives: answer.alternatives.map((t) => t.id),
});

const questionsOf = (file: string): string[] =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { question: string }).question);

describe('knowledge weights: a word weighs by how many topics use it, not by how many topics there are', () => {
  it('weighs a rarer word more, a word more than REFERENCE_TOPICS topics use nothing, and an unknown word a fixed amount', () => {
    assert.ok(wordWeight(1) > wordWeight(10) && wordWeight(10) > wordWeight(100) && wordWeight(100) > 0);
    assert.equal(wordWeight(REFERENCE_TOPICS + 1), 0);
    assert.equal(UNKNOWN_WORD_WEIGHT, 0.6 * wordWeight(1));
  });

  it('gives every question the same answer, band and confidence when as many topics again on another subject are added', () => {
    const grown = [...topics, ...unrelatedTopics(topics)];
    const before = new KnowledgeBase(topics);
    const after = new KnowledgeBase(grown);
    assert.equal(grown.length, 2 * topics.length);
    // Dev and held-out questions of every kind (answered, declined, near the thresholds and far from them), and words
    // too common to answer, which are asked back.
    const questions = [
      ...questionsOf('qa-dev.jsonl'),
      ...questionsOf('qa-holdout.jsonl'),
      ...questionsOf('qa-unseen-2026-12c.jsonl'),
      'sync',
      'apps',
      'entra',
    ];
    const bands = new Set<string>();
    for (const question of questions) {
      const was = before.ask(question);
      bands.add(was.band);
      assert.deepEqual(decision(after.ask(question)), decision(was), question);
    }
    assert.deepEqual([...bands].sort(), ['answer', 'clarify', 'decline'], 'the questions meet every band');
  });
});
