import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { CATALOGUE, COMMANDS } from '../../bot/commands';
import { routeOf, type CommandServices } from '../../bot/commands/command';
import { ADVISORS, OFFICIAL_ADVISORS, type AdvisorId } from '../../identity/advisors';

/** The command the router picks for what the user typed, or undefined (the question goes to the knowledge base). */
function commandFor(text: string, services = {} as CommandServices) {
  return COMMANDS.map((command) => routeOf(command, services)).find((route) => route.matches({ text, source: 'text' }));
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
      await commandFor(OFFICIAL_ADVISORS[id].command, services)?.handle({} as TurnContext, { text: '', source: 'text' });
    }
    await commandFor('deployment advisors', services)?.handle({} as TurnContext, { text: '', source: 'text' });
    assert.deepEqual(started, [...Object.keys(ADVISORS), undefined]);
  });
});
