/**
 * `npm run bench:qa`: retrieval latency (p50/p99) over every question of the eval sets, in
 * process, and accuracy side by side with a plain BM25 baseline (MiniSearch defaults over the
 * same topics, top hit, no synonyms, no typo tolerance, no confidence bands).
 * Accuracy = the top topic's text satisfies the question's `must` regexes (in-scope questions),
 * or nothing is answered (out-of-scope questions).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { allTopics } from '../identity/knowledge/catalog';
import { KnowledgeBase } from '../identity/knowledge/engine';
import type { Topic } from '../identity/knowledge/topic';

interface EvalQuestion {
  question: string;
  kind?: string;
  must?: string[];
}

const sets = [
  fileURLToPath(new URL('../../shared/eval/questions-public.jsonl', import.meta.url)),
  fileURLToPath(new URL('../tests/fixtures/qa-dev.jsonl', import.meta.url)),
  ...process.argv.slice(2),
].filter((file) => existsSync(file));

const questions: EvalQuestion[] = sets.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion),
);
const topics = allTopics();

const topicText = (t: Topic | undefined): string => (t ? [t.title, t.answer, ...t.facts].join('\n') : '');
const correct = (q: EvalQuestion, answered: Topic | undefined): boolean =>
  q.kind === 'out_of_scope' ? answered === undefined : (q.must ?? []).every((m) => new RegExp(m, 'i').test(topicText(answered)));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Ours
const buildStart = performance.now();
const kb = new KnowledgeBase(topics);
const buildMs = performance.now() - buildStart;
for (let i = 0; i < 200; i++) for (const q of questions) kb.ask(q.question); // warm-up
const samples: number[] = [];
const rounds = 50;
for (let round = 0; round < rounds; round++) {
  for (const q of questions) {
    const start = performance.now();
    kb.ask(q.question);
    samples.push(performance.now() - start);
  }
}
samples.sort((a, b) => a - b);
const oursCorrect = questions.filter((q) => {
  const a = kb.ask(q.question);
  return correct(q, a.band === 'answer' ? a.best : undefined);
}).length;

// Baseline: MiniSearch defaults (BM25, no boosts, no fuzzy, no prefix).
const mini = new MiniSearch<Topic & { text: string }>({
  fields: ['title', 'questions', 'keywords', 'answer', 'facts'],
  storeFields: ['id'],
});
mini.addAll(
  topics.map(
    (t) => ({ ...t, text: '', questions: t.questions.join(' '), keywords: t.keywords.join(' '), facts: t.facts.join(' ') }) as never,
  ),
);
const byId = new Map(topics.map((t) => [t.id, t]));
const baselineSamples: number[] = [];
let baselineCorrect = 0;
for (const q of questions) {
  const start = performance.now();
  const [top] = mini.search(q.question);
  baselineSamples.push(performance.now() - start);
  if (correct(q, top ? byId.get(String(top.id)) : undefined)) baselineCorrect++;
}
baselineSamples.sort((a, b) => a - b);

const pct = (n: number): string => `${((100 * n) / questions.length).toFixed(1)}%`;
console.log(
  `bench:qa  ${topics.length} topics, ${questions.length} questions from ${sets.length} set(s), ${samples.length} timed retrievals`,
);
console.log(`  index build        ${buildMs.toFixed(1)} ms`);
console.log(
  `  ours     p50 ${percentile(samples, 50).toFixed(3)} ms  p99 ${percentile(samples, 99).toFixed(3)} ms  max ${samples.at(-1)?.toFixed(3)} ms  accuracy ${pct(oursCorrect)} (${oursCorrect}/${questions.length})`,
);
console.log(
  `  baseline p50 ${percentile(baselineSamples, 50).toFixed(3)} ms  p99 ${percentile(baselineSamples, 99).toFixed(3)} ms  accuracy ${pct(baselineCorrect)} (${baselineCorrect}/${questions.length})  [MiniSearch defaults, top hit]`,
);
