import assert from 'node:assert/strict';
import { allTopics } from '../../identity/knowledge/catalog';
import { cardText } from '../support/card-text';
import { invokeActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';

interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  preview?: { contentType: string; content: { title: string; text: string; tap?: { type: string; value: unknown } } };
}
interface ComposeExtension {
  type: string;
  attachmentLayout?: string;
  attachments?: Attachment[];
  text?: string;
}

const SEARCH = 'searchAnswers';
const query = (text: string | undefined, queryOptions: Record<string, unknown> = { skip: 0, count: 25 }) => ({
  commandId: SEARCH,
  parameters: text === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'question', value: text }],
  queryOptions,
});

describe('the search message extension: composeExtension/query and selectItem invokes through the real adapter', () => {
  const harness = useAppWithConnector();

  const invoke = async (name: string, value: unknown): Promise<{ status: number; extension: ComposeExtension }> => {
    const { app, connector } = harness;
    const response = await app.post(invokeActivity(connector.url, name, value));
    const body = (await response.json()) as { composeExtension?: ComposeExtension };
    assert.ok(body.composeExtension, `a composeExtension answer (${JSON.stringify(body)})`);
    return { status: response.status, extension: body.composeExtension };
  };
  const search = (value: unknown) => invoke('composeExtension/query', value);

  it('answers a search with answer previews: a title and first line, the full answer card as the content', async () => {
    const { status, extension } = await search(query('how often does password hash sync run'));
    assert.equal(status, 200);
    assert.deepEqual([extension.type, extension.attachmentLayout], ['result', 'list']);
    const [first, ...rest] = extension.attachments ?? [];
    assert.ok(rest.length >= 1, 'the answer and its close alternatives');
    assert.equal(first.preview?.contentType, 'application/vnd.microsoft.card.thumbnail');
    assert.equal(first.preview?.content.title, 'How often password hash sync runs');
    const line = first.preview?.content.text ?? '';
    assert.match(line, /^Password hash sync .* every 2 minutes/, "the answer's first sentence");
    assert.ok(line.length <= 140, `a preview line, not the whole answer (${line.length} characters)`);
    assert.equal(first.contentType, 'application/vnd.microsoft.card.adaptive');
    const text = cardText(first.content);
    assert.match(text, /How often password hash sync runs/);
    assert.match(text, /Key facts/);
    assert.match(text, /Learn more/);
    assert.equal(
      new Set(extension.attachments?.map((a) => a.preview?.content.title)).size,
      extension.attachments?.length,
      'each answer listed once',
    );
    assert.equal(connector().sent.length, 0, 'a search posts nothing to the conversation');
  });

  it('lists up to ten ranked previews for a broad search, and fewer when only a few topics come near the best', async () => {
    const titles = async (text: string): Promise<string[]> =>
      ((await search(query(text))).extension.attachments ?? []).map((a) => a.preview?.content.title ?? '');
    const broad = await titles('seamless sso');
    assert.equal(broad.length, 10, `more than an answer card's three alternatives, at most ten: ${broad.join(' | ')}`);
    assert.equal(new Set(broad).size, broad.length, 'each answer listed once');
    assert.ok(
      broad.every((title) => /seamless|single sign-on|sso/i.test(title)),
      `every preview is about seamless SSO: ${broad.join(' | ')}`,
    );
    const specific = await titles('how often does password hash sync run');
    assert.equal(specific[0], 'How often password hash sync runs');
    assert.ok(specific.length < 10, `a precise question lists only the topics near its answer: ${specific.join(' | ')}`);
  });

  it('inserts a card without buttons that message the bot: no feedback, no follow-up questions, links kept', async () => {
    const { extension } = await search(query('pta vs phs, which one should we choose?'));
    const card = JSON.stringify(extension.attachments?.[0].content);
    assert.doesNotMatch(card, /Action\.Submit/);
    assert.doesNotMatch(card, /Was this helpful/);
    assert.match(card, /learn\.microsoft\.com/);
  });

  it('answers selectItem (a preview picked) with the full answer card for insertion', async () => {
    const { extension } = await search(query('pass-through authentication agents for high availability'));
    const picked = extension.attachments?.[0];
    assert.equal(picked?.preview?.content.tap?.type, 'invoke');
    const selected = await invoke('composeExtension/selectItem', picked?.preview?.content.tap?.value);
    assert.equal(selected.status, 200);
    assert.deepEqual([selected.extension.type, selected.extension.attachments?.length], ['result', 1]);
    assert.deepEqual(selected.extension.attachments?.[0].content, picked?.content);
  });

  it('lists one answer per area when opened (initialRun) or searched with nothing, a page at a time', async () => {
    const areas = new Set(allTopics().map((t) => t.area));
    areas.delete('advisors');
    const opened = await search(query(undefined));
    assert.equal(opened.extension.type, 'result');
    assert.equal(opened.extension.attachments?.length, Math.min(25, areas.size));
    const empty = await search(query('   '));
    assert.deepEqual(
      empty.extension.attachments?.map((a) => a.preview?.content.title),
      opened.extension.attachments?.map((a) => a.preview?.content.title),
    );
    const first = await search(query('', { skip: 0, count: 5 }));
    const second = await search(query('', { skip: 5, count: 5 }));
    const titles = (e: ComposeExtension) => e.attachments?.map((a) => a.preview?.content.title) ?? [];
    assert.equal(titles(first.extension).length, 5);
    assert.deepEqual(titles(second.extension), titles(opened.extension).slice(5, 10), 'skip and count page through the same list');
    const past = await search(query('', { skip: 500, count: 5 }));
    assert.deepEqual([past.extension.type, past.extension.attachments], ['result', []], 'past the end: an empty page');
  });

  it('tells a search off the subject or of nonsense that nothing matches, in words', async () => {
    for (const text of ['will it rain in Seattle tomorrow', 'zzqx 8f7 ##@@!!', '\u0000\u0007'.repeat(300)]) {
      const { status, extension } = await search(query(text));
      assert.equal(status, 200);
      assert.equal(extension.type, 'message');
      assert.match(extension.text ?? '', /No answer about Microsoft Entra matches that search/);
    }
  });

  it('gives malformed payloads a clear message and never a 500', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /not understood/],
      ['just a string', /not understood/],
      [{ commandId: 42 }, /not understood/],
      [{ commandId: SEARCH, parameters: 'question=pta' }, /not understood/],
      [{ commandId: SEARCH, parameters: [{ name: 'question', value: 'pta' }], queryOptions: { skip: 'ten' } }, /not understood/],
      [{ commandId: 'deleteTenant', parameters: [{ name: 'question', value: 'pta' }] }, /no search command "deleteTenant"/],
    ];
    for (const [value, expected] of cases) {
      const { status, extension } = await search(value);
      assert.equal(status, 200, JSON.stringify(value));
      assert.equal(extension.type, 'message');
      assert.match(extension.text ?? '', expected);
    }
    for (const value of [undefined, { topic: 'no-such-topic' }, { topic: ['pta'] }, 'pta']) {
      const { status, extension } = await invoke('composeExtension/selectItem', value);
      assert.equal(status, 200);
      assert.match(extension.text ?? '', /no longer available/);
    }
  });

  it('takes a query without a command id or parameter name, as a client that leaves them out sends it', async () => {
    const { extension } = await search({ parameters: [{ value: 'renew the AD FS token-signing certificate' }], queryOptions: { skip: 0 } });
    assert.equal(extension.type, 'result');
    assert.match(cardText(extension.attachments?.[0].content), /certificate/i);
  });

  function connector() {
    return harness.connector;
  }
});
