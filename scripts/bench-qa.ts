/**
 * `npm run bench:qa -- [FILE…]`: retrieval latency (p50/p99) over every question of the eval sets,
 * in process, and accuracy side by side with a plain BM25 baseline (MiniSearch defaults over the
 * same topics, top hit, no synonyms, no typo tolerance, no confidence bands, no scope decision).
 * Accuracy = the top topic's text satisfies the question's `must` regexes (in-scope questions),
 * or nothing is answered (out-of-scope questions).
 *
 * Then the same at four times the catalogue: each topic plus three synthetic variants that mix
 * the title, questions, answer and facts of other topics, so posting lists and vocabulary grow as
 * a knowledge base of several hundred topics would. Only latency counts there (the variants repeat
 * real text, so accuracy would mean nothing).
 *
 * Wall time includes whatever else the machine runs (a shared or loaded machine shows it in p99);
 * CPU time (process.cpuUsage around each call) is the retrieval's own work.
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

const fixture = (name: string): string => fileURLToPath(new URL(`../tests/fixtures/${name}`, import.meta.url));
const sets = [
  fileURLToPath(new URL('../../shared/eval/questions-public.jsonl', import.meta.url)),
  fixture('qa-dev.jsonl'),
  fixture('qa-holdout.jsonl'),
  fixture('qa-neighbours.jsonl'),
  ...process.argv.slice(2),
].filter((file) => existsSync(file));

const questions: EvalQuestion[] = sets.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion),
);
const topics = allTopics();
const ROUNDS = 50;
const WARM_UP_ROUNDS = 100;

const topicText = (t: Topic | undefined): string => (t ? [t.title, t.answer, ...t.facts].join('\n') : '');
const correct = (q: EvalQuestion, answered: Topic | undefined): boolean =>
  q.kind === 'out_of_scope' ? answered === undefined : (q.must ?? []).every((m) => new RegExp(m, 'i').test(topicText(answered)));

/** `factor` times the catalogue: topic i's variant k takes its text from topics i+k, i+2k, i+3k. */
function scaled(base: readonly Topic[], factor: number): Topic[] {
  const n = base.length;
  const variants = Array.from({ length: factor - 1 }, (_, k) =>
    base.map((topic, i) => {
      const at = (step: number): Topic => base[(i + (k + 1) * step) % n];
      return {
        ...topic,
        id: `${topic.id}-variant-${k + 1}`,
        questions: [...topic.questions.slice(0, 1), ...at(1).questions.slice(1)],
        keywords: [...topic.keywords, ...at(1).keywords],
        answer: at(2).answer,
        facts: at(3).facts,
        followUps: [],
      };
    }),
  );
  return [...base, ...variants.flat()];
}

interface Timing {
  wall: number[];
  cpu: number[];
  /** Per question (in set order), its wall times over the rounds. */
  byQuestion: number[][];
}

/** Times `ask` over every question, ROUNDS times, after a warm-up; sorted samples in ms. */
function time(ask: (question: string) => unknown): Timing {
  for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const q of questions) ask(q.question);
  const wall: number[] = [];
  const cpu: number[] = [];
  const byQuestion = questions.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, q] of questions.entries()) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      ask(q.question);
      const elapsed = performance.now() - start;
      wall.push(elapsed);
      byQuestion[index].push(elapsed);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b), byQuestion };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function built<T>(build: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = build();
  return { value, ms: performance.now() - start };
}

/** MiniSearch defaults (BM25, no boosts, no fuzzy, no prefix) over the topics' fields. */
function baseline(list: readonly Topic[]): (question: string) => Topic | undefined {
  const mini = new MiniSearch<Record<string, string>>({
    fields: ['title', 'questions', 'keywords', 'answer', 'facts'],
    storeFields: ['id'],
  });
  mini.addAll(
    list.map((t) => ({
      id: t.id,
      title: t.title,
      questions: t.questions.join(' '),
      keywords: t.keywords.join(' '),
      answer: t.answer,
      facts: t.facts.join(' '),
    })),
  );
  const byId = new Map(list.map((t) => [t.id, t]));
  return (question) => {
    const [top] = mini.search(question);
    return top ? byId.get(String(top.id)) : undefined;
  };
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;
const pct = (n: number): string => `${((100 * n) / questions.length).toFixed(1)}% (${n}/${questions.length})`;
const line = (label: string, build: number, timing: Timing, accuracy?: number): string =>
  `  ${label.padEnd(14)} build ${build.toFixed(0).padStart(5)} ms  wall p50 ${ms(percentile(timing.wall, 50))}  p99 ${ms(percentile(timing.wall, 99))}` +
  `  cpu p50 ${ms(percentile(timing.cpu, 50))}  p99 ${ms(percentile(timing.cpu, 99))}${accuracy === undefined ? '' : `  accuracy ${pct(accuracy)}`}`;

console.log(`bench:qa  ${questions.length} questions from ${sets.length} set(s), ${ROUNDS} timed rounds each`);
for (const factor of [1, 4]) {
  const list = factor === 1 ? topics : scaled(topics, factor);
  const ours = built(() => new KnowledgeBase(list));
  const plain = built(() => baseline(list));
  const oursTiming = time((q) => ours.value.ask(q));
  const plainTiming = time(plain.value);
  const accuracy = (answer: (q: string) => Topic | undefined): number | undefined =>
    factor === 1 ? questions.filter((q) => correct(q, answer(q.question))).length : undefined;
  console.log(`${factor === 1 ? 'catalogue' : `x${factor} catalogue (synthetic variants)`}: ${list.length} topics`);
  console.log(
    line(
      'ours',
      ours.ms,
      oursTiming,
      accuracy((q) => {
        const a = ours.value.ask(q);
        return a.band === 'answer' ? a.best : undefined;
      }),
    ),
  );
  console.log(`${line('plain BM25', plain.ms, plainTiming, accuracy(plain.value))}  [MiniSearch defaults, top hit]`);
  if (factor === 1) slowest(oursTiming);
}

/**
 * The questions that are slow every time (by their median over the rounds, so that a pause of the
 * machine does not pick them): a p99 that stays flat as the catalogue grows comes from a few of them.
 */
function slowest(timing: Timing, count = 10): void {
  const medians = timing.byQuestion.map((samples, index) => ({
    index,
    median: percentile(
      [...samples].sort((a, b) => a - b),
      50,
    ),
  }));
  medians.sort((a, b) => b.median - a.median);
  console.log(`  slowest ${count} questions (ours, median of ${ROUNDS} rounds):`);
  for (const { index, median } of medians.slice(0, count)) console.log(`    ${ms(median)}  ${questions[index].question.slice(0, 90)}`);
}
