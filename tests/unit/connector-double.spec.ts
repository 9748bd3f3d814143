import assert from 'node:assert/strict';
import { ConnectorDouble } from '../support/connector';

/** The Bot Connector stand-in refuses what the real connector refuses, so a test cannot lean on a lenient double. */
describe('connector double: as strict as the Bot Connector', () => {
  const connector = new ConnectorDouble();
  before(() => connector.start());
  after(() => connector.stop());

  const call = (method: string, path: string, body: unknown = { type: 'message', text: 'hi' }) =>
    fetch(`${connector.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('updates only a message it posted in that conversation', async () => {
    const posted = (await (await call('POST', '/v3/conversations/a%3A1/activities')).json()) as { id: string };
    assert.equal((await call('PUT', `/v3/conversations/a%3A1/activities/${posted.id}`)).status, 200);
    assert.equal((await call('PUT', '/v3/conversations/a%3A1/activities/made-up')).status, 404);
    assert.equal((await call('PUT', `/v3/conversations/a%3A2/activities/${posted.id}`)).status, 404, 'not in another conversation');
  });

  it('refuses other routes, methods and bodies that are not activities', async () => {
    assert.equal((await call('POST', '/v3/elsewhere')).status, 404);
    assert.equal((await call('DELETE', '/v3/conversations/a%3A1/activities')).status, 405);
    assert.equal((await call('POST', '/v3/conversations/a%3A1/activities', { text: 'no type' })).status, 400);
  });

  it('answers a member of a conversation (by Teams or Entra id) and 404 MemberNotFoundInConversation for anyone else', async () => {
    connector.addMembers('19:ops@thread.v2', { id: '29:adele', name: 'Adele Vance', aadObjectId: 'aad-adele' });
    const get = (path: string) => fetch(`${connector.url}${path}`);
    const member = await get('/v3/conversations/19%3Aops%40thread.v2/members/29%3Aadele');
    assert.equal(member.status, 200);
    assert.deepEqual(await member.json(), { id: '29:adele', name: 'Adele Vance', aadObjectId: 'aad-adele' });
    assert.equal((await get('/v3/conversations/19%3Aops%40thread.v2/members/aad-adele')).status, 200);
    const stranger = await get('/v3/conversations/19%3Aops%40thread.v2/members/29%3Amegan');
    assert.equal(stranger.status, 404);
    assert.equal(((await stranger.json()) as { error: { code: string } }).error.code, 'MemberNotFoundInConversation');
    assert.equal((await get('/v3/conversations/19%3Aother%40thread.v2/members/29%3Aadele')).status, 404, 'not in another conversation');
    assert.equal((await call('POST', '/v3/conversations/19%3Aops%40thread.v2/members/29%3Aadele')).status, 405);
  });
});
