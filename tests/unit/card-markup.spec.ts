import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { answerCard } from '../../cards/answer';
/* Over 300 lines: one table of every card the app sends, kept whole so that the first test can tell it covers every template. */
import { alertCard, digestCard, resolvedCard, settingsCard, type AlertCardData } from '../../cards/alerts';
import { batchCard } from '../../cards/alert-batch';
import { renderCard, type CardName } from '../../cards/render';
import { viewCard } from '../../bot/advisors/cards';
import { appsCard } from '../../bot/commands/apps';
import { statusCard } from '../../bot/commands/status';
import { clarifyCard } from '../../bot/qa';
import { ADVISORS, type Advisor, type AdvisorState } from '../../identity/advisors';
import { KnowledgeBase } from '../../identity/knowledge/engine';
import { allTopics } from '../../identity/knowledge/catalog';
import type { Topic } from '../../identity/knowledge/topic';
import type { Finding } from '../../identity/tenant/findings';
import { DEFAULT_SUBSCRIPTION } from '../../notifications/subscriptions';
import { displayed, liveMarkup, markdownFields } from '../support/markdown';
import { app, credential, federatedDomain, healthySnapshot, managedDomain, NOW } from './tenant-fixtures';

/** What a tenant could name an app, an organisation, a channel or a user. */
const hostile = (name: string): string =>
  `[Action required: re-verify your admin account](https://evil.example/phish) **${name}** _it_ *em* \`code\` ` +
  `<https://evil.example/auto> <at>Admin</at> ~~strike~~ &#91;x&#93;\n# heading\n> quote\n- item\n+ item\n1. first\n2) second\n===\nends with!`;

/** One card the app can send, built from strings a tenant or user chose (`s`). */
interface CardCase {
  name: string;
  templates: ReadonlyArray<CardName | 'answer.ts'>;
  /** Fields the card does not show at all (e.g. a finding's evidence on the digest). */
  unshown?: string[];
  build(s: (field: string) => string): Record<string, unknown>;
}

function finding(s: (field: string) => string, code: Finding['code'] = 'app.highPrivilege'): Finding {
  return {
    code,
    severity: 'critical',
    title: s('finding title (app, domain or incident name)'),
    subject: 'sp-1',
    evidence:
      code === 'service.incident'
        ? { id: 'ID1', service: s('evidence: service'), feature: s('evidence: feature'), status: 'serviceDegradation' }
        : {
            appName: s('evidence: app name'),
            appId: 'app-1',
            publisher: s('evidence: publisher'),
            ownedByThisTenant: false,
            applicationPermissions: s('evidence: permissions'),
          },
    action: s('finding action'),
    link: 'https://learn.microsoft.com/entra/identity/enterprise-apps/manage-application-permissions',
  };
}

function alert(s: (field: string) => string): AlertCardData {
  return {
    id: 'a1',
    finding: finding(s),
    status: 'open',
    episode: 1,
    openedAt: NOW.getTime() - 3_600_000,
    snoozed: { by: s('snoozed by (user name)'), until: NOW.getTime() + 3_600_000 },
  };
}

function toyAdvisor(s: (field: string) => string): Advisor {
  const base = ADVISORS.connect;
  return { ...base, name: s('advisor name') };
}

const state = { version: 1, advisorId: 'connect', steps: [], known: {} } as unknown as AdvisorState;

function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(allStrings);
  return node && typeof node === 'object' ? Object.values(node).flatMap(allStrings) : [];
}

function topic(s: (field: string) => string): Topic {
  const real = allTopics()[0];
  return {
    ...real,
    title: s('topic title'),
    answer: s('topic answer'),
    facts: [s('topic fact')],
    links: [{ title: s('link title'), url: 'https://learn.microsoft.com/entra/' }],
  };
}

const context = { tabUrl: 'https://teams.microsoft.com/l/entity/app/tab', now: NOW.getTime() };

/** Every card the bot and the notifications send, with every string a tenant, Graph or a user supplies. */
const CASES: CardCase[] = [
  {
    name: 'status (organisation, domains, findings, what could not be checked)',
    templates: ['status'],
    // The chat card leaves domain names to the tab; a finding's evidence shows as sentences.
    unshown: ['federated domain name'],
    build: (s) =>
      statusCard(
        healthySnapshot({
          organization: { displayName: s('organisation name') },
          domains: [federatedDomain(s('federated domain name')), managedDomain('contoso.onmicrosoft.com')],
        }),
        { findings: [finding(s, 'service.incident')], unknown: [{ code: 'sync.errors', reason: s('unknown reason') }] },
        { tabUrl: context.tabUrl, source: 'Microsoft Graph', now: NOW },
      ),
  },
  {
    name: 'apps (organisation, app and publisher names in the findings)',
    templates: ['apps'],
    unshown: ['publisher name'],
    build: (s) =>
      appsCard(
        healthySnapshot({
          organization: { displayName: s('organisation name') },
          apps: [
            app({
              displayName: s('app display name'),
              publisherName: s('publisher name'),
              ownedByThisTenant: false,
              applicationPermissions: [
                { resourceId: 'graph', resourceName: 'Microsoft Graph', appRoleId: 'r', permission: 'Directory.ReadWrite.All' },
              ],
              credentials: [
                credential({ displayName: s('credential name'), endDateTime: new Date(NOW.getTime() - 86_400_000).toISOString() }),
              ],
            }),
          ],
        }),
        { tabUrl: context.tabUrl, now: NOW },
      ),
  },
  // The app's name is in the title; the evidence sentences do not repeat it.
  { name: 'alert', templates: ['alert'], unshown: ['evidence: app name'], build: (s) => alertCard(alert(s), 'new', context) },
  {
    name: 'alert, acknowledged',
    templates: ['alert'],
    unshown: ['evidence: app name', 'snoozed by (user name)'],
    build: (s) => alertCard({ ...alert(s), acknowledged: { by: s('acknowledged by'), at: NOW.getTime() } }, 'reminder', context),
  },
  {
    name: 'alert resolved',
    templates: ['alert-resolved'],
    unshown: ['evidence: app name', 'evidence: publisher', 'evidence: permissions', 'finding action', 'snoozed by (user name)'],
    build: (s) => resolvedCard({ ...alert(s), status: 'resolved', resolvedAt: NOW.getTime() }, context),
  },
  {
    name: 'alert digest',
    templates: ['alert-digest'],
    unshown: ['evidence: app name', 'evidence: publisher', 'evidence: permissions', 'finding action'],
    build: (s) => digestCard([alert(s)], { minimumSeverity: 'warning' }, s('organisation name'), context),
  },
  {
    name: 'consolidated alerts (app names and finding titles)',
    templates: ['alert-batch'],
    unshown: ['evidence: publisher', 'evidence: permissions', 'finding action', 'snoozed by (user name)'],
    build: (s) => batchCard({ kind: 'new', code: 'app.highPrivilegeGranted', alerts: [alert(s), alert(s)], warningDays: 30 }, context),
  },
  {
    name: 'alert settings (the chat or channel label)',
    templates: ['alert-settings'],
    build: (s) => settingsCard({ ...DEFAULT_SUBSCRIPTION, label: s('chat label') }, context.tabUrl, s('note')),
  },
  {
    name: 'advisor step (tenant-prefilled answers)',
    templates: ['advisor-step'],
    build: (s) => {
      const advisor = toyAdvisor(s);
      const question = { ...advisor.questions[0], text: s('question'), help: s('help'), choices: [{ id: 'c', label: s('choice label') }] };
      const prefilled = [
        {
          questionId: 'q0',
          question: s('prefilled question'),
          choiceId: 'x',
          answer: s('prefilled answer'),
          source: 'tenant' as const,
          because: s('because (domain names)'),
        },
      ];
      return viewCard(advisor, state, { kind: 'question', question, step: 2, totalSteps: 5, prefilled, canGoBack: true }, 'owner');
    },
  },
  {
    name: "advisor outcome, shared (the sharer's name)",
    templates: ['advisor-outcome'],
    build: (s) =>
      viewCard(
        toyAdvisor(s),
        state,
        {
          kind: 'outcome',
          outcome: {
            id: 'o',
            title: s('outcome title'),
            recommendation: s('recommendation'),
            why: [s('why')],
            prerequisites: [s('prerequisite')],
            checklist: [s('checklist item')],
            links: [{ title: s('link title'), url: 'https://learn.microsoft.com/entra/' }],
          },
          answers: [
            { questionId: 'q', question: s('answered question'), choiceId: 'c', answer: s('answer'), source: 'tenant', because: 'x' },
          ],
          canGoBack: true,
        },
        'owner',
        { shared: true, sharedBy: ` · shared by ${s('user name')}` },
      ),
  },
  {
    name: 'advisor share picker (team, channel and chat names)',
    templates: ['advisor-share'],
    build: (s) =>
      renderCard('advisor-share', {
        advisorId: 'connect',
        advisorName: s('advisor name'),
        owner: 'owner',
        title: s('plan title'),
        targets: [{ conversationId: '19:c', label: s('channel label') }],
        firstTarget: '19:c',
      }),
  },
  {
    name: 'advisor pick',
    templates: ['advisor-pick'],
    build: (s) => renderCard('advisor-pick', { advisors: [{ id: 'connect', name: s('advisor name'), intro: s('advisor intro') }] }),
  },
  {
    name: "clarify (echoes the user's words)",
    templates: ['clarify'],
    build: (s) => clarifyCard(s("the user's question"), [{ ...allTopics()[0], title: 'PHS' }]),
  },
  {
    name: "answer (the user's misspelt word in the correction; topic text)",
    templates: ['answer.ts'],
    build: (s) =>
      answerCard(new KnowledgeBase(allTopics()), topic(s), {
        question: 'q',
        correction: `${s('user word')} → password`,
        advisor: 'connect',
      }),
  },
  { name: 'text', templates: ['text'], build: (s) => renderCard('text', { title: s('title'), text: s('text') }) },
  {
    name: 'help (command names and descriptions)',
    templates: ['help'],
    build: (s) =>
      renderCard('help', { commands: [{ name: s('command'), description: s('description') }], actions: [{ title: 'Ask', ask: 'x' }] }),
  },
  {
    name: 'welcome',
    templates: ['welcome'],
    build: (s) => renderCard('welcome', { examples: [s('example question')], actions: [{ title: 'Ask', ask: 'x' }] }),
  },
  { name: 'decline', templates: ['decline'], build: () => renderCard('decline', { neighbour: false }) },
  {
    name: 'decline naming a neighbouring product (our own table, bound as data all the same)',
    templates: ['decline'],
    build: (s) =>
      renderCard('decline', {
        neighbour: true,
        product: s('product'),
        adminCenter: s('admin center'),
        docsTitle: s('docs title'),
        docsUrl: 'https://learn.microsoft.com/x',
      }),
  },
];

describe('every card the app sends shows tenant, Graph and user strings as data, never as markup', () => {
  it('covers every template in cards/', () => {
    const templates = readdirSync(new URL('../../cards/', import.meta.url))
      .filter((file) => file.endsWith('.card.json'))
      .map((file) => file.replace('.card.json', ''));
    const covered = new Set(CASES.flatMap((c) => c.templates));
    assert.deepEqual(
      templates.filter((t) => !covered.has(t as CardName)),
      [],
    );
  });

  for (const card of CASES) {
    it(`${card.name}: no link, emphasis or block from the data survives, and the data reads as written`, () => {
      const supplied: string[] = [];
      const fill = (field: string): string => {
        const value = hostile(field);
        supplied.push(value);
        return value;
      };
      const withHostile = markdownFields(card.build(fill));
      const withPlain = markdownFields(card.build((field) => `plain ${field.replace(/[^a-z ]/gi, '')}`));
      assert.equal(withHostile.length, withPlain.length, 'the same fields either way');
      withHostile.forEach((text, i) => {
        assert.deepEqual(liveMarkup(text), liveMarkup(withPlain[i]), `only the card's own markup is live in ${JSON.stringify(text)}`);
        assert.doesNotMatch(text, /(?<!\\)\]\(https:\/\/evil/);
      });
      // Shown as written: in a Markdown field once its escapes are read, or as it is in a plain-text one (a button title).
      const shown = [...withHostile.map(displayed), ...allStrings(card.build(fill))].join('\n');
      const missing = supplied.filter((value) => !shown.includes(value)).map((value) => value.split('**')[1]);
      assert.deepEqual([...new Set(missing)], card.unshown ?? [], 'every string shows, as written, except those this card leaves out');
    });
  }
});
