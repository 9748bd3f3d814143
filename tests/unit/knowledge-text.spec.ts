import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allTopics } from '../../identity/knowledge/catalog';
import { normalise, normaliseUnicode } from '../../identity/knowledge/text';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Every text the analyser meets: the topics' fields and every question of our question sets. */
function corpus(): string[] {
  const topics = allTopics().flatMap((t) => [t.title, t.answer, ...t.questions, ...t.keywords, ...t.facts]);
  const questions = readdirSync(FIXTURES)
    .filter((file) => /^qa-.*\.jsonl$/.test(file))
    .flatMap((file) => readFileSync(FIXTURES + file, 'utf8').split('\n'))
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { question: string }).question);
  return [...topics, ...questions];
}

describe('text normalisation (identity/knowledge/text.ts)', () => {
  it('folds case, accents, apostrophes and punctuation into single-spaced words', () => {
    assert.equal(normalise("  What's   Pass-through AUTH?! "), 'whats pass through auth');
    assert.equal(normalise('Café “SSO” — ‘quoted’'), 'cafe sso quoted');
    assert.equal(
      normalise('Entra Connect 2.5.3.0. Then ms.date, .NET and @upn $var'),
      'entra connect 2.5.3.0 then ms.date net and @upn $var',
    );
    assert.equal(normalise('(.net) x . y'), 'net x y');
    assert.equal(normalise("x ' y"), 'x y');
    assert.equal(normalise(''), '');
    assert.equal(normalise('?!'), '');
  });

  it('gives the same words through its one-pass ASCII path as through the Unicode steps, on every text of the knowledge base and the question sets', () => {
    const texts = corpus();
    assert.ok(texts.length > 3000, `${texts.length} texts`);
    // Edge cases of the dot rule and of separators at either end.
    texts.push('..b', 'a ..b', 'a. .b', '.a.', ' . ', "'a'", "a' 'b", 'x.y.', '$ @ .', 'A--B__C', '\t\nx\ty\n');
    const differing = texts.filter((text) => [...text].every((c) => c.charCodeAt(0) < 128) && normalise(text) !== normaliseUnicode(text));
    assert.deepEqual(differing, []);
  });
});
