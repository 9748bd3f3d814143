/**
 * `npm run eval:qa -- [FILE]`: sends each question of a JSONL set through the real bot adapter
 * (a message activity POSTed to /api/messages of the real server, replies caught by a local
 * connector), reads the text of the reply cards and checks it:
 *   must      every regex (case-insensitive) matches the reply text
 *   must_not  no regex matches
 *   kind "out_of_scope"  the bot declined
 * Prints each failure and ends with "qa: N passed, N failed".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemoryFeedbackStore } from '../bot/feedback';
import { ConnectorDouble } from '../tests/support/connector';
import { cardText } from '../tests/support/card-text';
import { loadConfig } from '../platform/config';
import { silentLogger } from '../platform/logger';
import { startServer } from '../server/main';

interface EvalQuestion {
  id?: string;
  question: string;
  kind?: string;
  must?: string[];
  must_not?: string[];
}

const DEFAULT_SET = fileURLToPath(new URL('../../shared/eval/questions-public.jsonl', import.meta.url));

function readSet(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line)
    .map(({ line, index }) => {
      try {
        const parsed = JSON.parse(line) as EvalQuestion;
        if (typeof parsed.question !== 'string') throw new Error('no "question" string');
        return parsed;
      } catch (error) {
        throw new Error(`${file}:${index + 1}: ${(error as Error).message}`);
      }
    });
}

/** True when a card is the bot's decline (its first TextBlock has id "decline"). */
function isDecline(card: Record<string, unknown>): boolean {
  return JSON.stringify(card).includes('"id":"decline"');
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? DEFAULT_SET;
  const questions = readSet(file);
  const connector = await new ConnectorDouble().start();
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory' }), silentLogger, {
    feedback: new MemoryFeedbackStore(),
  });
  let passed = 0;
  let failed = 0;
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
      const problems: string[] = [];
      if (response.status !== 200) problems.push(`HTTP ${response.status}`);
      if (q.kind === 'out_of_scope') {
        if (!cards.some(isDecline)) problems.push('not declined');
      } else {
        for (const pattern of q.must ?? []) if (!new RegExp(pattern, 'i').test(text)) problems.push(`missing /${pattern}/`);
        for (const pattern of q.must_not ?? []) if (new RegExp(pattern, 'i').test(text)) problems.push(`contains /${pattern}/`);
      }
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
  process.stdout.write(`qa: ${passed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: Error) => {
  process.stderr.write(`eval:qa: ${error.message}\n`);
  process.exit(2);
});
