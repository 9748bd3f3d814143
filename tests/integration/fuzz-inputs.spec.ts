import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ConnectorDouble } from '../support/connector';
import { parseScenario, resolveScenarioFile, ScenarioError, shiftScenario } from '../../devtenant/scenario';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { loadConfig } from '../../platform/config';
import { startServer, type RunningServer } from '../../server/main';
import { blobNameOf, keyOfBlobName } from '../../storage/azure-blob';
import { messageActivity } from '../support/activities';
import { LogCapture } from '../support/log-capture';

/**
 * Property-based robustness: thousands of generated and mutated inputs against the real server in
 * demo mode (replies go to a ConnectorDouble on loopback) and the scenario parser. Seeded, so a
 * failure reproduces; fast-check prints the seed and the shrunk counterexample.
 * Runs: activities 3000 + card actions 2500 + tab queries 1000 + scenarios 3000 + storage keys 1000 = 10,500.
 */
const SEED = 20_260_115;

/**
 * Inputs the fuzzer found that once broke a turn (fixed; kept in the generators and as the
 * regression tests at the end).
 */
const KNOWN_ISSUES = {
  /** advisor-flows isAdvisorId uses `value in ADVISORS`, so "toString" etc. pass and the turn throws. */
  prototypeNames: ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'] as string[],
};
const RUNS = { activities: 3000, cardActions: 2500, tabQueries: 1000, scenarios: 3000, storageKeys: 1000 };

describe('fuzz: no crash, no 5xx, clear 400s', function () {
  this.timeout(120_000);
  let connector: ConnectorDouble;
  let devTenant: RunningDevTenant;
  let server: RunningServer;
  const logs = new LogCapture();
  let adminToken = '';

  before(async () => {
    connector = await new ConnectorDouble().start();
    devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      GRAPH_ENDPOINT: devTenant.url,
      TAB_STATIC_DIR: 'tests/fixtures/tab',
      STORAGE_KIND: 'memory',
    });
    server = await startServer(config, logs.logger);
    const signIn = await fetch(`${server.url}/api/tab/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"persona":"admin"}',
    });
    assert.equal(signIn.status, 200, 'the demo sign-in answers');
    adminToken = ((await signIn.json()) as { token: string }).token;
  });
  after(async () => {
    await server?.close();
    await devTenant?.close();
    await connector?.stop();
  });
  beforeEach(() => (logs.lines.length = 0));
  afterEach(function () {
    // A turn that blew up inside the SDK still answers 200 (onTurnError); the log tells.
    const failures = logs.lines.filter((line) => /turn failed|request failed/.test(line));
    assert.deepEqual(failures.slice(0, 3), [], `${this.currentTest?.title}: ${failures.length} failures logged`);
  });

  /** POSTs to /api/messages; a turn that failed inside (logged by onTurnError, answered 200) fails the property, so fast-check shrinks it. */
  const post = async (body: unknown, raw = false): Promise<{ status: number; text: string }> => {
    const before = logs.lines.length;
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ? (body as string) : JSON.stringify(body),
    });
    const result = { status: response.status, text: await response.text() };
    const failed = logs.lines.slice(before).find((line) => /turn failed|request failed/.test(line));
    if (failed) throw new Error(`the turn failed inside: ${failed}`);
    return result;
  };

  // ---- generators -------------------------------------------------------------------------------
  const json = fc.jsonValue({ maxDepth: 3 });
  const words = fc.constantFrom(
    'How often does password hash sync run?',
    'status',
    'help',
    'advisor',
    'connect advisor',
    'adfs advisor',
    'setup guide',
    'What is PTA?',
    'status refresh',
    '<at>Entra Companion</at> status',
    'seamless sso',
    'federation certificate expiring',
    '',
    ' ',
    '?',
    '&nbsp;help&nbsp;',
  );
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
                    ...messageActivity(connector.url, 'help'),
                    ...(change as Record<string, unknown>),
                  };
                  for (const key of drop) delete activity[key];
                  // Replies may only ever go to the connector double: keep the serviceUrl pinned to it.
                  activity.serviceUrl = connector.url;
                  return activity;
                })()
              : change;
          const { status, text: answer } = await post(body);
          assert.ok(status < 500 || (status === 501 && isUnknownInvoke(body)), `status ${status}: ${answer.slice(0, 200)}`);
          if (status === 400) assert.ok(answer.length > 0, '400 says why');
        },
      ),
      { seed: SEED, numRuns: RUNS.activities },
    );
  });

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
      verb: verbs,
    },
    { requiredKeys: [] },
  );

  it(`survives ${RUNS.cardActions} card actions with missing or wrong data (adaptiveCard/action invokes and Action.Submit)`, async () => {
    // Some runs start a flow first so advisor.answer/back/… meet real state.
    await post(messageActivity(connector.url, 'connect advisor'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('execute', 'submit', 'broken'),
        verbs,
        fc.option(cardData, { nil: undefined }),
        fc.oneof(fc.constantFrom('Action.Execute', 'Action.Submit'), json),
        async (kind, verb, data, actionType) => {
          const base = messageActivity(connector.url, '');
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
          const { status, text: answer } = await post(body);
          assert.ok([200, 400].includes(status), `status ${status}: ${answer.slice(0, 200)}`);
          if (kind === 'execute' && status === 200) {
            const invokeResponse = JSON.parse(answer) as { statusCode?: number; type?: string };
            assert.ok([200, 400].includes(invokeResponse.statusCode ?? 0), answer.slice(0, 200));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.cardActions },
    );
  });

  it('answers garbled, truncated and non-JSON bodies with 4xx', async () => {
    const valid = JSON.stringify(messageActivity(connector.url, 'help'));
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length - 1), fc.string({ maxLength: 10 }), async (cut, junk) => {
        const { status } = await post(valid.slice(0, cut) + junk, true);
        assert.ok(status < 500, `status ${status}`);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it(`answers ${RUNS.tabQueries} random tab API query strings with 200 or a clear 400`, async () => {
    const paths = ['/api/tab/apps', '/api/tab/apps.csv', '/api/tab/history', '/api/tab/status', '/api/tab/settings', '/api/tab/me'];
    const key = fc.oneof(
      fc.constantFrom(
        'search',
        'verified',
        'highPrivilege',
        'expiring',
        'consent',
        'sort',
        'cursor',
        'limit',
        'refresh',
        'days',
        '__proto__',
        'constructor',
        'a[b]',
        'limit[]',
      ),
      fc.string({ maxLength: 10 }),
    );
    const value = fc.oneof(
      fc.constantFrom(
        'true',
        'false',
        'admin',
        'user',
        'none',
        'name',
        'expiry',
        'risk',
        '0',
        '1',
        '-1',
        '201',
        '1e3',
        'NaN',
        'Infinity',
        '',
        '%',
        '%zz',
        '%00',
        '%E0%A4%A',
        'MA',
        '!!!',
      ),
      fc.string({ maxLength: 50 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    const pair = fc.tuple(key, value, fc.boolean());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.array(pair, { maxLength: 6 }), async (path, pairs) => {
        // Half the values go in raw (malformed percent-escapes included), half properly encoded.
        const query = pairs
          .map(([k, v, raw]) =>
            raw ? `${k.replace(/[#\s&]/g, '')}=${v.replace(/[#\s&]/g, '')}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
          )
          .join('&');
        const response = await fetch(`${server.url}${path}?${query}`, { headers: { authorization: `Bearer ${adminToken}` } });
        const answer = await response.text();
        assert.ok(response.status < 500, `${path}?${query} → ${response.status}: ${answer.slice(0, 200)}`);
        if (response.status === 400) assert.match(answer, /error|message|code/i, '400 says why');
      }),
      { seed: SEED, numRuns: RUNS.tabQueries },
    );
  });

  it('is still healthy after all that', async () => {
    const response = await fetch(`${server.url}/healthz`);
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

describe('fuzz: scenario files and storage keys', () => {
  const shipped = JSON.parse(readFileSync(resolveScenarioFile('healthy-hybrid'), 'utf8')) as Record<string, unknown>;

  it(`parseScenario throws ScenarioError or succeeds on ${RUNS.scenarios} mutated and random files, never anything else`, () => {
    const pathInto = (value: unknown): fc.Arbitrary<string[]> => {
      const keys = value && typeof value === 'object' ? Object.keys(value as object) : [];
      return keys.length
        ? fc.constantFrom(...keys).chain((k) =>
            fc.oneof(
              fc.constant<string[]>([k]),
              pathInto((value as Record<string, unknown>)[k]).map((rest) => [k, ...rest]),
            ),
          )
        : fc.constant([]);
    };
    const mutation = fc.tuple(
      pathInto(shipped),
      fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(
          '2026-01-15T06:10:00Z',
          'yesterday',
          '',
          -1,
          1e308,
          null,
          '@certificate',
          { '@status': 403 },
          { '@status': 429, error: {} },
        ),
      ),
    );
    const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
      const copy = structuredClone(shipped);
      for (const [path, value] of mutations) {
        let node = copy as Record<string, unknown>;
        for (const key of path.slice(0, -1)) node = (node?.[key] ?? {}) as Record<string, unknown>;
        const last = path.at(-1);
        if (!last || !node || typeof node !== 'object') continue;
        if (value === undefined) delete node[last];
        else node[last] = value;
      }
      return JSON.stringify(copy);
    });
    const randomKeys = fc
      .dictionary(
        fc.oneof(
          fc.constantFrom('@scenario', 'organization', 'beta/organization', 'domains', '/x', 'a//b', '$batch', '..'),
          fc.string({ maxLength: 15 }),
        ),
        fc.jsonValue({ maxDepth: 3 }),
        { maxKeys: 5 },
      )
      .map((o) => JSON.stringify(o));
    const truncated = fc.nat(4000).map((n) => JSON.stringify(shipped).slice(0, n));
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 5, arbitrary: mutated },
          { weight: 2, arbitrary: randomKeys },
          { weight: 1, arbitrary: truncated },
          { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
        ),
        (text) => {
          try {
            const scenario = parseScenario(text, 'fuzz.json');
            shiftScenario(scenario, new Date());
          } catch (error) {
            if (!(error instanceof ScenarioError))
              throw new Error(`not a ScenarioError: ${(error as Error)?.name}: ${(error as Error)?.message}`);
            assert.match(error.message, /fuzz\.json/);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.scenarios },
    );
  });

  it(`blob names round-trip for ${RUNS.storageKeys} keys, keep prefixes, and never end in "." or "/"`, () => {
    const keyChars = fc.string({
      unit: fc.oneof(
        fc.constantFrom('/', '.', '~', '%', ' ', 'a', 'Z', '0', '-', '_', ':', '@'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(keyChars, fc.nat(60), (key, cut) => {
        const name = blobNameOf(key);
        assert.equal(keyOfBlobName(name), key);
        assert.doesNotMatch(name, /[./]$|^\/|\/\/|(^|\/)\.\.?(\/|$)/);
        const prefix = key.slice(0, Math.min(cut, key.length)).replace(/\/+$/, '');
        assert.ok(name.startsWith(blobNameOf(prefix)), `${JSON.stringify(prefix)} is a prefix of ${JSON.stringify(key)}`);
      }),
      { seed: SEED, numRuns: RUNS.storageKeys },
    );
  });
});

/**
 * What the fuzzer found outside storage/ and the server edge, pinned as tests to enable once fixed
 * (each is a one-line change in the named file).
 */
describe('fuzz findings awaiting fixes elsewhere', () => {
  let connector: ConnectorDouble;
  let devTenant: RunningDevTenant;
  let server: RunningServer;
  const logs = new LogCapture();
  before(async () => {
    connector = await new ConnectorDouble().start();
    devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    server = await startServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        GRAPH_ENDPOINT: devTenant.url,
        TAB_STATIC_DIR: 'tests/fixtures/tab',
        STORAGE_KIND: 'memory',
      }),
      logs.logger,
    );
  });
  after(async () => {
    await server?.close();
    await devTenant?.close();
    await connector?.stop();
  });
  const post = (body: unknown): Promise<Response> =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  // bot/activity-shape.ts: `conversation` optional → the turn throws reading conversation.id (logged "turn failed", answered 200).
  it('answers a message without a conversation with 400 (make conversation required in activity-shape)', async () => {
    const activity = messageActivity(connector.url, 'help');
    delete activity.conversation;
    assert.equal((await post(activity)).status, 400);
  });

  // bot/activity-shape.ts: `serviceUrl` optional → botbuilder replies to https://api.botframework.com (off loopback; fails).
  it('answers a message without a serviceUrl with 400 (make serviceUrl required in activity-shape)', async () => {
    const activity = messageActivity(connector.url, 'help');
    delete activity.serviceUrl;
    assert.equal((await post(activity)).status, 400);
  });

  // bot/advisor-flows.ts isAdvisorId: `value in ADVISORS` accepts "toString"/"constructor" → "advisor.questions is not iterable".
  // bot/qa.ts recordFeedback has the same `in OFFICIAL_ADVISORS` pattern. Use Object.hasOwn.
  it('answers advisor.start for advisorId "toString" with "That advisor does not exist"', async () => {
    const before = logs.lines.length;
    const activity = {
      ...messageActivity(connector.url, ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'advisor.start', data: { advisorId: 'toString' } } },
    };
    const response = await post(activity);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /does not exist/);
    assert.equal(logs.lines.slice(before).filter((l) => /turn failed/.test(l)).length, 0);
  });
});
