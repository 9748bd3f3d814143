import assert from 'node:assert/strict';
import fc from 'fast-check';
import { messageActivity } from '../support/activities';
import { json, SEED, useFuzzServer, words } from '../support/fuzz-server';

/**
 * Property-based robustness of card actions (2500 runs): adaptiveCard/action invokes and
 * Action.Submit with missing or wrong verbs and data, against the real server in demo mode.
 */

/**
 * Inputs the fuzzer found that once broke a turn (fixed; kept in the generators; the ones
 * still open are pinned in fuzz-findings.spec.ts).
 */
const KNOWN_ISSUES = {
  /** advisor-flows isAdvisorId uses `value in ADVISORS`, so "toString" etc. pass and the turn throws. */
  prototypeNames: ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'] as string[],
};
const RUNS = { cardActions: 2500 };

describe('fuzz: card actions', function () {
  this.timeout(120_000);
  const fuzz = useFuzzServer();

  const verbs = fc.oneof(
    fc.constantFrom(
      'advisor.start',
      'advisor.answer',
      'advisor.back',
      'advisor.restart',
      'advisor.cancel',
      'advisor.copy',
      'advisor.',
      'advisor.nope',
      'feedback',
      'ackSyncAlert',
      'batch.ack',
      'batch.snooze',
    ),
    fc.string({ maxLength: 20 }),
    json,
  );
  const cardData = fc.record(
    {
      advisorId: fc.oneof(fc.constantFrom('connect', 'adfs', 'setup', ...KNOWN_ISSUES.prototypeNames), json),
      questionId: fc.oneof(fc.constantFrom('q1', 'identityModel', ''), json),
      choiceId: fc.oneof(fc.constantFrom('a', 'phs', 'pta', ''), json),
      owner: fc.oneof(fc.constantFrom('29:user-1', '29:someone-else'), json),
      action: fc.oneof(fc.constant('feedback'), json),
      topic: fc.oneof(fc.constantFrom('phs-sync-interval', 'pta', '__proto__', 'nope'), json),
      helpful: fc.oneof(fc.boolean(), json),
      question: fc.oneof(fc.string({ maxLength: 100 }), json),
      advisor: fc.oneof(fc.constantFrom('connect', 'adfs', ...KNOWN_ISSUES.prototypeNames), json),
      ask: fc.oneof(words, json),
      batchId: fc.oneof(fc.constantFrom('0123456789abcdef', '', '../x'), fc.stringMatching(/^[0-9a-f]{16}$/), json),
      hours: fc.oneof(fc.constantFrom('1', '8', '168', '200', ''), json),
      reason: fc.oneof(fc.string({ maxLength: 600 }), json),
      verb: verbs,
    },
    { requiredKeys: [] },
  );

  it(`survives ${RUNS.cardActions} card actions with missing or wrong data (adaptiveCard/action invokes and Action.Submit)`, async () => {
    // Some runs start a flow first so advisor.answer/back/… meet real state.
    await fuzz.post(messageActivity(fuzz.connector.url, 'connect advisor'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('execute', 'submit', 'broken'),
        verbs,
        fc.option(cardData, { nil: undefined }),
        fc.oneof(fc.constantFrom('Action.Execute', 'Action.Submit'), json),
        async (kind, verb, data, actionType) => {
          const base = messageActivity(fuzz.connector.url, '');
          let body: Record<string, unknown>;
          if (kind === 'submit') body = { ...base, text: undefined, value: data ?? {} };
          else {
            const action = kind === 'execute' ? { type: 'Action.Execute', verb, data } : { type: actionType, verb, data };
            body = {
              ...base,
              type: 'invoke',
              name: 'adaptiveCard/action',
              value: kind === 'broken' && typeof verb !== 'string' ? verb : { action, trigger: 'manual' },
            };
          }
          const { status, text: answer } = await fuzz.post(body);
          assert.ok([200, 400].includes(status), `status ${status}: ${answer.slice(0, 200)}`);
          if (kind === 'execute' && status === 200) {
            const invokeResponse = JSON.parse(answer) as { statusCode?: number; type?: string };
            // 200, or a catalogue error naming what is wrong with the click (400 bad, 403 another chat's, 404 unknown, 413 too large): never a 500.
            const code = invokeResponse.statusCode ?? 0;
            assert.ok(code === 200 || [400, 403, 404, 413].includes(code), answer.slice(0, 200));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.cardActions },
    );
  });
});
