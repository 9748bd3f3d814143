/**
 * `npm run eval:qa -- [FILE…]`: sends each question of one or more JSONL sets through the real bot adapter
 * (a message activity POSTed to /api/messages of the real server, replies caught by a local
 * connector), reads the text of the reply cards and checks it:
 *   must      every regex (case-insensitive) matches the reply text
 *   must_not  no regex matches
 *   kind "out_of_scope"  the bot declined
 * Prints each failure, a breakdown by what the bot did (answered with every fact, answered but
 * missing one, asked "Did you mean", declined; for out-of-scope questions, declined or not), and
 * ends with "qa: N passed, N failed".
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryFeedbackStore } from '../bot/feedback';
import { ConnectorDouble } from '../tests/support/connector';
import { cardText } from '../tests/support/card-text';
import { loadConfig } from '../platform/config';
import { silentLogger } from '../platform/logger';
import { startServer } from '../server/main';

interface EvalQuestion {
  /** The set (file) the question comes from, for the per-set line. */
  set: string;
  id?: string;
  question: string;
  kind?: string;
  must?: string[];
  must_not?: string[];
}

const DEFAULT_SET = fileURLToPath(new URL('../../shared/eval/questions-public.jsonl', import.meta.url));

function readSet(file: string): EvalQuestion[] {
  const set = basename(file, '.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line)
    .map(({ line, index }) => {
      try {
        const parsed = JSON.parse(line) as EvalQuestion;
        if (typeof parsed.question !== 'string') throw new Error('no "question" string');
        return { ...parsed, set };
      } catch (error) {
        throw new Error(`${file}:${index + 1}: ${(error as Error).message}`);
      }
    });
}

/** What the bot did with a question, read from the ids of its reply cards' first TextBlocks. */
type Reply = 'answer' | 'clarify' | 'decline' | 'other';

function replyKind(cards: readonly Record<string, unknown>[]): Reply {
  const json = cards.map((card) => JSON.stringify(card)).join('');
  if (json.includes('"id":"decline"')) return 'decline';
  if (json.includes('"id":"clarify"')) return 'clarify';
  if (json.includes('"id":"answer-title"')) return 'answer';
  return 'other';
}

/** The breakdown's rows: in-scope questions by reply and verdict, out-of-scope ones by reply. */
const ROWS = {
  answered: 'in scope, answered with every required fact',
  wrong: 'in scope, answered but missing a fact (wrong)',
  clarified: 'in scope, asked "Did you mean" instead',
  declined: 'in scope, declined',
  other: 'in scope, another reply',
  outDeclined: 'out of scope, declined',
  outAnswered: 'out of scope, answered (wrong)',
  outClarified: 'out of scope, asked "Did you mean" (wrong)',
} as const;
type Row = keyof typeof ROWS;

function rowOf(q: EvalQuestion, reply: Reply, passed: boolean): Row {
  if (q.kind === 'out_of_scope') return reply === 'decline' ? 'outDeclined' : reply === 'clarify' ? 'outClarified' : 'outAnswered';
  if (reply === 'answer') return passed ? 'answered' : 'wrong';
  if (reply === 'clarify') return 'clarified';
  return reply === 'decline' ? 'declined' : 'other';
}

async function main(): Promise<void> {
  const files = process.argv.length > 2 ? process.argv.slice(2) : [DEFAULT_SET];
  const questions = files.flatMap(readSet);
  const connector = await new ConnectorDouble().start();
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory' }), silentLogger, {
    feedback: new MemoryFeedbackStore(),
  });
  let passed = 0;
  let failed = 0;
  const counts = Object.fromEntries(Object.keys(ROWS).map((row) => [row, 0])) as Record<Row, number>;
  const bySet = new Map<string, Record<Row, number>>();
  try {
    for (const [index, q] of questions.entries()) {
      connector.clear();
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `eval-${index}`,
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: { id: '29:eval-user', name: 'Eval' },
          recipient: { id: '28:bot', name: 'Entra Companion' },
          conversation: { id: 'a:eval', conversationType: 'personal', tenantId: 'eval-tenant' },
          text: q.question,
          textFormat: 'plain',
        }),
      });
      const cards = connector.cards();
      const text = cards.map(cardText).join('\n');
      const reply = replyKind(cards);
      const problems: string[] = [];
      if (response.status !== 200) problems.push(`HTTP ${response.status}`);
      if (q.kind === 'out_of_scope') {
        if (reply !== 'decline') problems.push('not declined');
      } else {
        for (const pattern of q.must ?? []) if (!new RegExp(pattern, 'i').test(text)) problems.push(`missing /${pattern}/`);
        for (const pattern of q.must_not ?? []) if (new RegExp(pattern, 'i').test(text)) problems.push(`contains /${pattern}/`);
      }
      const row = rowOf(q, reply, problems.length === 0);
      counts[row]++;
      const setCounts = bySet.get(q.set) ?? (Object.fromEntries(Object.keys(ROWS).map((r) => [r, 0])) as Record<Row, number>);
      setCounts[row]++;
      bySet.set(q.set, setCounts);
      if (problems.length === 0) {
        passed++;
      } else {
        failed++;
        const firstLine = text.split('\n')[0] ?? '(no reply)';
        process.stdout.write(
          `FAIL ${q.id ?? index + 1} [${q.kind ?? '?'}] ${q.question}\n     ${problems.join('; ')}; reply: ${firstLine}\n`,
        );
      }
    }
  } finally {
    await server.close();
    await connector.stop();
  }
  const inScope = questions.filter((q) => q.kind !== 'out_of_scope').length;
  const share = (n: number, of: number): string => `${n}/${of}${of ? ` (${Math.round((100 * n) / of)} %)` : ''}`;
  for (const [row, label] of Object.entries(ROWS) as [Row, string][]) {
    const of = row.startsWith('out') ? questions.length - inScope : inScope;
    if (of > 0) process.stdout.write(`  ${label.padEnd(48)} ${share(counts[row], of)}\n`);
  }
  if (bySet.size > 1) {
    // One line per set: in scope answered with every fact, out of scope declined.
    for (const [set, c] of bySet) {
      const setIn = c.answered + c.wrong + c.clarified + c.declined + c.other;
      const setOut = c.outDeclined + c.outAnswered + c.outClarified;
      const parts = [
        setIn ? `in scope ${share(c.answered, setIn)}` : '',
        setOut ? `out of scope declined ${share(c.outDeclined, setOut)}` : '',
      ];
      process.stdout.write(`  ${set.padEnd(28)} ${parts.filter(Boolean).join(', ')}\n`);
    }
  }
  process.stdout.write(`qa: ${passed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: Error) => {
  process.stderr.write(`eval:qa: ${error.message}\n`);
  process.exit(2);
});
