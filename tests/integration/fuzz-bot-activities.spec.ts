import assert from 'node:assert/strict';
import fc from 'fast-check';
import { messageActivity } from '../support/activities';
import { json, SEED, useFuzzServer, words } from '../support/fuzz-server';

/**
 * Property-based robustness of /api/messages against the real server in demo mode: random and
 * mutated activities (3000 runs) and garbled, truncated and non-JSON bodies (200 runs). No crash,
 * no 5xx, clear 400s.
 */
const RUNS = { activities: 3000 };

describe('fuzz: bot activities on /api/messages', function () {
  this.timeout(120_000);
  const fuzz = useFuzzServer();

  const text = fc.oneof(
    words,
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.constant('x'.repeat(20_000)),
  );
  const id = fc.oneof(fc.constantFrom('29:user-1', '28:bot-id', '', 'a:personal-1', '19:x@thread.v2'), fc.string({ maxLength: 40 }));
  const account = fc.oneof(
    fc.record({ id, name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }, { requiredKeys: ['id'] }),
    json,
  );
  const activityType = fc.oneof(
    fc.constantFrom(
      'message',
      'invoke',
      'conversationUpdate',
      'installationUpdate',
      'messageReaction',
      'event',
      'typing',
      'endOfConversation',
      'messageUpdate',
      'messageDelete',
    ),
    fc.string({ minLength: 1, maxLength: 20 }),
  );
  const overrides = fc.record(
    {
      type: fc.oneof(activityType, json),
      text: fc.oneof(text, json),
      value: json,
      name: fc.oneof(
        fc.constantFrom('adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'signin/verifyState', 'fileConsent/invoke'),
        fc.string({ maxLength: 30 }),
      ),
      from: account,
      recipient: account,
      conversation: fc.oneof(
        fc.record(
          {
            id: fc.string({ minLength: 1, maxLength: 60 }),
            tenantId: fc.string({ maxLength: 36 }),
            conversationType: fc.constantFrom('personal', 'groupChat', 'channel', 'x'),
          },
          { requiredKeys: ['id'] },
        ),
        json,
      ),
      membersAdded: fc.oneof(fc.array(account, { maxLength: 3 }), json),
      membersRemoved: fc.oneof(fc.array(account, { maxLength: 3 }), json),
      entities: fc.oneof(
        fc.array(
          fc.record(
            { type: fc.constantFrom('mention', 'clientInfo', 'x'), mentioned: account, text: fc.string({ maxLength: 40 }) },
            { requiredKeys: ['type'] },
          ),
          { maxLength: 3 },
        ),
        json,
      ),
      attachments: fc.oneof(
        fc.array(fc.record({ contentType: fc.string({ maxLength: 40 }), content: json }, { requiredKeys: ['contentType'] }), {
          maxLength: 2,
        }),
        json,
      ),
      channelData: json,
      replyToId: fc.string({ maxLength: 20 }),
      channelId: fc.constantFrom('msteams', 'webchat', 'emulator', ''),
      locale: fc.string({ maxLength: 10 }),
      timestamp: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 10 }),
      ),
    },
    { requiredKeys: [] },
  );
  // serviceUrl and conversation stay (see the pending test below): without them the turn cannot
  // answer, and without serviceUrl botbuilder would reply to api.botframework.com, off loopback.
  const dropKeys = fc.subarray(['id', 'from', 'recipient', 'channelId', 'text', 'channelData', 'entities']);

  it(`survives ${RUNS.activities} random and mutated activities on /api/messages`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 8, arbitrary: fc.tuple(overrides, dropKeys) }, { weight: 1, arbitrary: json.map((j) => [j, []] as const) }),
        async ([change, drop]) => {
          const body: unknown =
            change && typeof change === 'object' && !Array.isArray(change) && Object.keys(change).every((k) => k in overridesShape)
              ? (() => {
                  const activity: Record<string, unknown> = {
                    ...messageActivity(fuzz.connector.url, 'help'),
                    ...(change as Record<string, unknown>),
                  };
                  for (const key of drop) delete activity[key];
                  // Replies may only ever go to the connector double: keep the serviceUrl pinned to it.
                  activity.serviceUrl = fuzz.connector.url;
                  return activity;
                })()
              : change;
          const { status, text: answer } = await fuzz.post(body);
          assert.ok(status < 500 || (status === 501 && isUnknownInvoke(body)), `status ${status}: ${answer.slice(0, 200)}`);
          if (status === 400) assert.ok(answer.length > 0, '400 says why');
        },
      ),
      { seed: SEED, numRuns: RUNS.activities },
    );
  });

  it('answers garbled, truncated and non-JSON bodies with 4xx', async () => {
    const valid = JSON.stringify(messageActivity(fuzz.connector.url, 'help'));
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length - 1), fc.string({ maxLength: 10 }), async (cut, junk) => {
        const { status } = await fuzz.post(valid.slice(0, cut) + junk, true);
        assert.ok(status < 500, `status ${status}`);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('is still healthy after all that', async () => {
    const response = await fetch(`${fuzz.server.url}/healthz`);
    assert.equal(response.status, 200);
  });
});

const overridesShape = Object.fromEntries(
  [
    'type',
    'text',
    'value',
    'name',
    'from',
    'recipient',
    'conversation',
    'membersAdded',
    'membersRemoved',
    'entities',
    'attachments',
    'channelData',
    'replyToId',
    'channelId',
    'locale',
    'timestamp',
  ].map((k) => [k, true]),
);

/** Invokes the bot does not implement get the SDK's 501 Not Implemented, as Teams expects. */
function isUnknownInvoke(body: unknown): boolean {
  const activity = body as { type?: unknown; name?: unknown };
  return activity?.type === 'invoke' && activity.name !== 'adaptiveCard/action';
}
