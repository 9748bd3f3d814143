import assert from 'node:assert/strict';
import { ADVISORS, type AdvisorId } from '../../identity/advisors';
import type { ConnectorDouble } from '../support/connector';
import { cardText } from '../support/card-text';
import { messageActivity } from '../support/activities';
import { useAppWithConnector, type TestApp } from '../support/app';
import { answerClick } from '../support/advisor-card';

type Card = Record<string, any>;

/** All Action.Execute actions of a card, wherever they sit. */
function executeActions(card: Card): Card[] {
  const found: Card[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Card;
      if (obj.type === 'Action.Execute') found.push(obj);
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('advisors through the adapter (Universal Actions, refreshed in place)', () => {
  let app: TestApp;
  let connector: ConnectorDouble;

  /** Sends an Action.Execute invoke as Teams does and returns the card that replaces the clicked one. */
  const invoke = async (action: Card, user = '29:user-1'): Promise<{ status: number; body: any }> => {
    const activity = messageActivity(connector.url, '');
    delete activity.text;
    Object.assign(activity, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: { id: user, name: user },
      value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
    });
    const response = await app.post(activity);
    return { status: response.status, body: await response.json().catch(() => undefined) };
  };

  const harness = useAppWithConnector();
  beforeEach(() => ({ app, connector } = harness));

  for (const id of Object.keys(ADVISORS) as AdvisorId[]) {
    it(`runs the ${ADVISORS[id].name} from its command to an outcome, always choosing the first answer`, async () => {
      const command = { connect: 'connect advisor', adfs: 'adfs advisor', setup: 'setup guide' }[id];
      await app.post(messageActivity(connector.url, command));
      let card = connector.cards()[0];
      assert.match(cardText(card), /Step 1 of \d+/);
      for (let step = 0; step < 20 && !JSON.stringify(card).includes('advisor-outcome'); step++) {
        const choice = answerClick(card);
        assert.ok(choice, 'a question card offers choices');
        const { status, body } = await invoke(choice);
        assert.equal(status, 200);
        assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', 'the card is replaced in place');
        card = body.value;
      }
      assert.match(JSON.stringify(card), /advisor-outcome/);
      assert.match(cardText(card), /Checklist/);
      assert.match(cardText(card), /Your answers/);
    });
  }

  it('skips what the tenant already answers and says so', async () => {
    await app.post(messageActivity(connector.url, 'connect advisor'));
    const text = cardText(connector.cards()[0]);
    assert.match(text, /Answered from your tenant/);
    assert.match(text, /directory synchronisation is turned on/);
  });

  it('goes back, and gives each admin in a channel their own flow', async () => {
    await app.post(messageActivity(connector.url, 'connect advisor', { scope: 'channel', mention: true }));
    const first = connector.cards()[0];
    const firstQuestion = /"id":"advisor-question","text":"([^"]+)"/.exec(JSON.stringify(first))?.[1];
    const choice = answerClick(first)!;
    const channelInvoke = async (action: Card, user: string) => {
      const activity = messageActivity(connector.url, '', { scope: 'channel' });
      delete activity.text;
      Object.assign(activity, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: { id: user },
        value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data } },
      });
      const response = await app.post(activity);
      return (await response.json()) as { type: string; value: Card };
    };
    const someoneElse = await channelInvoke(choice, '29:user-2');
    assert.equal(someoneElse.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(someoneElse.value), /belongs to the person who started it/);
    const second = await channelInvoke(choice, '29:user-1');
    const back = executeActions(second.value).find((a) => a.verb === 'advisor.back')!;
    const again = await channelInvoke(back, '29:user-1');
    assert.equal(/"id":"advisor-question","text":"([^"]+)"/.exec(JSON.stringify(again.value))?.[1], firstQuestion);
  });

  it('works with the Action.Submit fallback too, updating the clicked message', async () => {
    await app.post(messageActivity(connector.url, 'setup guide'));
    const choice = answerClick(connector.cards()[0])!;
    const clicked = connector.sent[0].activityId;
    connector.clear();
    const submit = messageActivity(connector.url, '', { value: choice.fallback.data });
    delete submit.text;
    submit.replyToId = clicked;
    await app.post(submit);
    assert.equal(connector.sent[0].method, 'PUT');
    assert.match(cardText(connector.cards()[0]), /Step 2 of/);
  });

  it('answers a malformed card action with 400 or a clear message, never a crash', async () => {
    const missing = await invoke(
      { verb: 'advisor.answer', data: { verb: 'advisor.answer', advisorId: 'connect', questionId: 'nope', choiceId: 'x' } },
      '29:nobody',
    );
    assert.equal(missing.status, 200);
    assert.match(String(missing.body.value), /has ended/);
    const unknownVerb = await invoke({ verb: 'something.else', data: {} });
    assert.equal(unknownVerb.status, 400);
    const activity = messageActivity(connector.url, '');
    Object.assign(activity, { type: 'invoke', name: 'adaptiveCard/action', value: { nothing: true } });
    const broken = await app.post(activity);
    assert.ok(broken.status >= 400 && broken.status < 500, `status ${broken.status}`);
  });
});

describe('sharing an advisor plan to a channel', () => {
  const harness = useAppWithConnector();

  /** Runs the setup guide to its plan in the personal chat, always taking the first choice. */
  async function planInPersonalChat(): Promise<Card> {
    const { app, connector } = harness;
    await app.post(messageActivity(connector.url, 'setup guide'));
    let card = connector.cards().at(-1)!;
    for (let step = 0; step < 20 && !JSON.stringify(card).includes('advisor-outcome'); step++) {
      const choice = answerClick(card)!;
      const activity = messageActivity(connector.url, '');
      delete activity.text;
      Object.assign(activity, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: choice.verb, data: choice.data } },
      });
      card = ((await (await app.post(activity)).json()) as { value: Card }).value;
    }
    return card;
  }

  const invokeAs = async (action: Card, extra: Record<string, unknown> = {}) => {
    const activity = messageActivity(harness.connector.url, '');
    delete activity.text;
    Object.assign(activity, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...extra } } },
    });
    return (await (await harness.app.post(activity)).json()) as { type: string; value: Card };
  };

  it('lists the channels the bot is in and the user belongs to, and posts the plan there, without the owner-only buttons', async () => {
    // The bot learns about the channel from a message there; Adele (29:user-1) is in it.
    await harness.app.post(messageActivity(harness.connector.url, 'help', { scope: 'channel', mention: true }));
    harness.connector.addMembers('19:channel-1@thread.tacv2', { id: '29:user-1', name: 'Adele Vance' });
    const plan = await planInPersonalChat();
    const shareAction = executeActions(plan).find((a) => a.verb === 'advisor.share-pick');
    assert.ok(shareAction, 'the plan offers Share to a channel');
    const picker = await invokeAs(shareAction);
    assert.match(JSON.stringify(picker.value), /"id":"advisor-share"/);
    const choices = JSON.stringify(picker.value);
    assert.match(choices, /19:channel-1@thread.tacv2/);
    harness.connector.clear();
    const share = executeActions(picker.value).find((a) => a.verb === 'advisor.share')!;
    const result = await invokeAs(share, { target: '19:channel-1@thread.tacv2' });
    assert.equal(result.type, 'application/vnd.microsoft.card.adaptive');
    const posted = harness.connector.sent.find((s) => s.conversationId === '19:channel-1@thread.tacv2');
    assert.ok(posted, 'the plan was posted to the channel');
    const sharedCard = JSON.stringify(posted.activity);
    assert.match(sharedCard, /advisor-outcome/);
    assert.match(sharedCard, /shared by Adele Vance/);
    assert.doesNotMatch(sharedCard, /advisor\.restart|advisor\.back|advisor\.copy/);
    assert.ok(harness.connector.sent.some((s) => /Shared the plan to/.test(String(s.activity.text))));
  });

  it('names a team called with Markdown as written in the "Shared the plan" message, not as a link', async () => {
    const inChannel = messageActivity(harness.connector.url, 'help', { scope: 'channel', mention: true });
    const hostile = '[Re-verify your admin account](https://evil.example/phish)';
    (inChannel.channelData as { team: { name?: string } }).team.name = hostile;
    await harness.app.post(inChannel);
    harness.connector.addMembers('19:channel-1@thread.tacv2', { id: '29:user-1', name: 'Adele Vance' });
    const plan = await planInPersonalChat();
    const picker = await invokeAs(executeActions(plan).find((a) => a.verb === 'advisor.share-pick')!);
    harness.connector.clear();
    await invokeAs(
      executeActions(picker.value).find((a) => a.verb === 'advisor.share')!,
      { target: '19:channel-1@thread.tacv2' },
    );
    const said = harness.connector.sent.map((s) => String(s.activity.text ?? '')).find((text) => /Shared the plan to/.test(text));
    assert.ok(said, 'the clicker is told where the plan went');
    assert.ok(said.includes('Re-verify your admin account'), said);
    assert.doesNotMatch(said, /(?<!\\)\[[^\]]*(?<!\\)\]\(/, 'no live Markdown link');
  });

  it('never offers or accepts a group chat the user is not in: its name stays private', async () => {
    // Megan talks to the bot in a group chat Adele does not belong to.
    const elsewhere = messageActivity(harness.connector.url, 'help', { scope: 'groupChat', mention: true });
    Object.assign(elsewhere, { from: { id: '29:user-2', name: 'Megan Bowen' } });
    await harness.app.post(elsewhere);
    harness.connector.addMembers('19:group-1@thread.v2', { id: '29:user-2', name: 'Megan Bowen' });
    const plan = await planInPersonalChat();
    const picker = await invokeAs(executeActions(plan).find((a) => a.verb === 'advisor.share-pick')!);
    assert.doesNotMatch(JSON.stringify(picker.value), /19:group-1@thread\.v2/);
    assert.ok(
      harness.connector.memberLookups.some((l) => l.conversationId === '19:group-1@thread.v2' && l.memberId === '29:user-1'),
      'membership was asked of the connector',
    );
    harness.connector.clear();
    const share = executeActions(picker.value).find((a) => a.verb === 'advisor.share')!;
    await invokeAs(share, { target: '19:group-1@thread.v2' });
    assert.ok(!harness.connector.sent.some((s) => s.conversationId === '19:group-1@thread.v2'), 'nothing posted there');
    assert.ok(harness.connector.sent.some((s) => /Pick a channel or group chat/.test(String(s.activity.text))));
  });

  it("refuses a target that is not one of the tenant's chats", async () => {
    const plan = await planInPersonalChat();
    const shareAction = executeActions(plan).find((a) => a.verb === 'advisor.share-pick')!;
    const picker = await invokeAs(shareAction);
    const share = executeActions(picker.value).find((a) => a.verb === 'advisor.share');
    assert.ok(share, 'the channel from the first test is known');
    harness.connector.clear();
    const result = await invokeAs(share, { target: '19:somewhere-else@thread.tacv2' });
    assert.ok(!harness.connector.sent.some((s) => s.conversationId === '19:somewhere-else@thread.tacv2'));
    assert.ok(
      harness.connector.sent.some((s) => /Pick a channel or group chat/.test(String(s.activity.text))),
      JSON.stringify(result).slice(0, 200),
    );
  });
});
