import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { CATALOGUE, COMMANDS } from '../../bot/commands';
import { routeOf, type CommandServices } from '../../bot/commands/command';
import { readUserInput } from '../../bot/input';
import { ADVISORS, OFFICIAL_ADVISORS, type AdvisorId } from '../../identity/advisors';

/** A plain typed message as the bot reads it. */
const typed = (text: string) => readUserInput({ type: 'message', text });

/** The command the router picks for what the user typed, or undefined (the question goes to the knowledge base). */
function commandFor(text: string, services = {} as CommandServices) {
  return COMMANDS.map((command) => routeOf(command, services)).find((route) => route.matches(typed(text)));
}

describe('bot commands: one list for the router, the help card and the manifest', () => {
  it('lists help, status, apps, advisor, subscribe and unsubscribe, each with its description', () => {
    assert.deepEqual(
      CATALOGUE.map((c) => c.name),
      ['help', 'status', 'apps', 'advisor', 'subscribe', 'unsubscribe'],
    );
    for (const { name, description } of CATALOGUE) assert.ok(description.length > 10, name);
  });

  it('gives no alias to two commands', () => {
    const names = COMMANDS.flatMap((command) => command.names.map((name) => name.toLowerCase()));
    assert.deepEqual(
      names.filter((name, i) => names.indexOf(name) !== i),
      [],
    );
  });

  it('answers a command whatever its case, with or without a trailing "?", "." or "!"', () => {
    for (const text of ['help', 'Help!', 'HELP?', '?', 'commands', 'menu.', 'start']) assert.equal(commandFor(text)?.name, 'help', text);
    for (const text of ['Status', 'status refresh', 'sync status', 'health?']) assert.equal(commandFor(text)?.name, 'status', text);
    for (const text of ['apps', 'list apps', 'Integrated apps']) assert.equal(commandFor(text)?.name, 'apps', text);
  });

  it('leaves a question that starts with a command word to the knowledge base', () => {
    for (const text of ['help me with pta', 'status of password hash sync', 'which apps need consent?'])
      assert.equal(commandFor(text), undefined, text);
  });

  it("starts each advisor from the command its answer cards' button sends", async () => {
    const started: Array<AdvisorId | undefined> = [];
    const services = {
      advisors: { startFromCommand: async (_context: TurnContext, id?: AdvisorId) => void started.push(id) },
    } as unknown as CommandServices;
    for (const id of Object.keys(ADVISORS) as AdvisorId[]) {
      await commandFor(OFFICIAL_ADVISORS[id].command, services)?.handle({} as TurnContext, typed(''));
    }
    await commandFor('deployment advisors', services)?.handle({} as TurnContext, typed(''));
    assert.deepEqual(started, [...Object.keys(ADVISORS), undefined]);
  });
});

describe('"subscribe [severity]": sync-health alerts at that severity or worse', () => {
  /** Runs what the user typed in a channel of tenant-a against a notifications port that records the request. */
  async function subscribe(text: string, outcome: 'subscribed' | 'forbidden' = 'subscribed') {
    const requests: Array<Record<string, unknown>> = [];
    const replies: string[] = [];
    const notifications = {
      subscribe: async (request: Record<string, unknown>) => {
        requests.push(request);
        return outcome === 'forbidden'
          ? { outcome, reason: 'you hold no admin role in tenant-a' }
          : {
              outcome,
              subscription: { kind: 'channel', minimumSeverity: request.minimumSeverity ?? 'warning', reminderHours: 0, digest: false },
            };
      },
    };
    const turn = {
      activity: {
        from: { id: '29:user-1', name: 'Adele Vance' },
        conversation: { id: '19:channel-1@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: 'tenant-a' },
        channelData: { channel: { id: '19:channel-1@thread.tacv2' } },
      },
      sendActivity: async (reply: string) => void replies.push(reply),
    } as unknown as TurnContext;
    const route = commandFor(text, { notifications } as unknown as CommandServices);
    await route?.handle(turn, typed(text));
    return { route: route?.name, request: requests[0], replies };
  }

  it('reads the severity in the words people use ("warnings and up", "to critical", "info or worse")', async () => {
    for (const [text, severity] of [
      ['subscribe', undefined],
      ['subscribe critical', 'critical'],
      ['Subscribe to warnings and up', 'warning'],
      ['subscribe info or worse', 'info'],
    ] as const) {
      const { request } = await subscribe(text);
      assert.equal(request.minimumSeverity, severity, text);
    }
  });

  it('subscribes the channel itself, not the reply thread it was typed in, and says what it will send', async () => {
    const { request, replies } = await subscribe('subscribe critical');
    assert.deepEqual(
      { tenantId: request.tenantId, conversationId: request.conversationId, kind: request.kind },
      { tenantId: 'tenant-a', conversationId: '19:channel-1@thread.tacv2', kind: 'channel' },
    );
    assert.match(replies[0], /^Subscribed: this channel gets sync-health alerts at critical or worse\./);
  });

  it('tells a non-admin in a channel why not', async () => {
    const { replies } = await subscribe('subscribe', 'forbidden');
    assert.deepEqual(replies, ['Only an admin can change sync-health alerts in a channel: you hold no admin role in tenant-a.']);
  });

  it('leaves other sentences that start with "subscribe" to the knowledge base', async () => {
    assert.equal((await subscribe('subscribe me to the newsletter')).route, undefined);
  });
});
