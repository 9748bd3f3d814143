import assert from 'node:assert/strict';
import { BOT_FRAMEWORK_RESOURCE } from '../support/identity-platform/directory';
import { answerClick } from '../support/advisor-card';
import { cardText } from '../support/card-text';
import { adminActivity, BOT_ID, eventually, Rehearsal, TENANT } from './rehearsal';

const PERSONAL = 'a:1personal-rehearsal';

const teamsActivity = (serviceUrl: string, fields: Record<string, unknown>) =>
  adminActivity(serviceUrl, PERSONAL, { locale: 'en-GB', ...fields });

describe('production rehearsal: the bot (real botbuilder, channel tokens from the local cloud, authenticated connector)', () => {
  let r: Rehearsal;

  before(async () => {
    r = await Rehearsal.cloud();
    await r.startServer();
  });
  after(async () => r?.stop());

  it('runs a turn for a signed channel activity, and its reply carries the bot’s own token for https://api.botframework.com', async () => {
    const before = r.counts();
    const response = await r.postActivity(teamsActivity(r.connector.url, { type: 'message', text: 'help' }));
    assert.equal(response.status, 200, await response.text());
    const reply = await eventually(() => r.connector.accepted().find((c) => c.method === 'POST'), 'the reply');
    assert.match(reply.path, new RegExp(`^/v3/conversations/${encodeURIComponent(PERSONAL)}/activities`));
    assert.deepEqual(
      r.connector.calls.filter((c) => c.auth !== 'ok'),
      [],
      'every connector call carried a valid bot token',
    );
    const botTokens = r.platform.requests({ clientId: BOT_ID });
    assert.deepEqual(
      botTokens.map((t) => [t.tenant, t.grant, t.resource, t.status]),
      [[TENANT, 'client_credentials', BOT_FRAMEWORK_RESOURCE, 200]],
      "one client-credentials token from the bot's own tenant (SingleTenant)",
    );
    r.report('first turn (help)', r.since(before));
  });

  it('asks for no new bot token on the next turn (botbuilder caches it until 5 minutes before expiry)', async () => {
    const before = r.counts();
    await r.postActivity(teamsActivity(r.connector.url, { type: 'message', text: 'help' }));
    await eventually(() => r.since(before).connector >= 1 && true, 'the reply');
    assert.equal(r.since(before).tokens, 0);
    r.report('next turn (help)', r.since(before));
  });

  it('refuses an activity without a channel token, or with one for another bot, and says nothing', async () => {
    const before = r.counts();
    const unsigned = await r.postActivity(teamsActivity(r.connector.url, { type: 'message', text: 'help' }), '');
    assert.equal(unsigned.status, 401);
    const otherBot = await r.postActivity(
      teamsActivity(r.connector.url, { type: 'message', text: 'help' }),
      `Bearer ${await r.platform.channelToken('another-bot', r.connector.url)}`,
    );
    assert.equal(otherBot.status, 401);
    assert.equal(r.since(before).connector, 0);
  });

  it('answers a card action (adaptiveCard/action invoke) in the invoke response, reading the tenant app-only on the way', async () => {
    const before = r.counts();
    await r.postActivity(teamsActivity(r.connector.url, { type: 'message', text: 'connect advisor' }));
    const card = await eventually(() => r.connector.inner.cards().find((c) => /Step 1 of/.test(cardText(c))), 'the advisor card');
    assert.match(cardText(card), /Answered from your tenant/, 'the advisor read the tenant through Graph, app-only');
    assert.ok(
      r.graph.calls.some((c) => c.kind === 'app' && c.tenantId === TENANT && c.status === 200),
      'Graph saw an app-only token of Contoso',
    );
    assert.ok(
      r.platform.requests({ grant: 'client_credentials', ok: true }).some((t) => t.resource === r.graph.url && t.tenant === TENANT),
    );
    const choice = answerClick(card);
    assert.ok(choice);
    const response = await r.postActivity(
      teamsActivity(r.connector.url, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: choice.verb, data: choice.data }, trigger: 'manual' },
      }),
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as { statusCode: number; type: string; value: Record<string, unknown> };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /Step 2 of/);
    r.report('advisor command + one card action', r.since(before));
  });
});
