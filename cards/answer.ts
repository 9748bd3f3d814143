import { OFFICIAL_ADVISORS, type OfficialAdvisor } from '../identity/advisors/official';
import type { KnowledgeBase } from '../identity/knowledge/engine';
import type { AdvisorId, Topic } from '../identity/knowledge/topic';
import { markdownList, md, type Markdown } from './markdown';

export interface AnswerCardOptions {
  question: string;
  advisor?: AdvisorId;
  correction?: string;
  /** undefined = feedback buttons shown; true/false = the vote given. */
  feedback?: boolean;
  /**
   * For a card a user inserts into a conversation (the message extension): no button that sends
   * to the bot (feedback, follow-ups, starting an advisor), since in an inserted card those reach the
   * bot as another invoke for whoever clicks; the links stay.
   */
  shared?: boolean;
  /** What this tenant has that bears on the answer (cards/tenant-grounding.ts), shown after the key facts. */
  tenant?: Record<string, unknown>;
}

type Element = Record<string, unknown>;

/** A TextBlock: its text is Markdown, so every string in it went through md`…` (cards/markdown.ts). */
function textBlock(text: Markdown, props: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...props };
}

/** The parts of a topic's card that depend on the topic alone: its text, escaped once, never per turn. */
interface TopicParts {
  title: Element;
  answer: Element;
  facts?: Element[];
  links: Element[];
  followUps?: Element[];
}

/** Per knowledge base (follow-ups resolve in it), per topic id: the topic's parts, frozen so no card can change them. */
const partsCache = new WeakMap<KnowledgeBase, Map<string, TopicParts>>();

function topicParts(knowledge: KnowledgeBase, topic: Topic): TopicParts {
  let byTopic = partsCache.get(knowledge);
  if (!byTopic) partsCache.set(knowledge, (byTopic = new Map()));
  let parts = byTopic.get(topic.id);
  if (!parts) {
    parts = deepFreeze(buildTopicParts(knowledge, topic));
    byTopic.set(topic.id, parts);
  }
  return parts;
}

function buildTopicParts(knowledge: KnowledgeBase, topic: Topic): TopicParts {
  const followUps = topic.followUps.map((id) => knowledge.topic(id)).filter((next): next is Topic => next !== undefined);
  return {
    title: textBlock(md`${topic.title}`, { id: 'answer-title', size: 'Medium', weight: 'Bolder', style: 'heading' }),
    answer: textBlock(md`${topic.answer}`),
    facts:
      topic.facts.length > 0
        ? section(
            md`Key facts`,
            topic.facts.map((fact) => md`${fact}`),
          )
        : undefined,
    links: section(
      md`Learn more`,
      topic.links.map((link) => md`[${link.title}](${link.url})`),
    ),
    followUps:
      followUps.length > 0
        ? [
            textBlock(md`Ask next`, { weight: 'Bolder', spacing: 'Medium' }),
            {
              type: 'ActionSet',
              // The topic id is all the click needs: the bot answers that topic, asked as its title.
              actions: followUps.map((next) => ({ type: 'Action.Submit', title: next.title, data: { topic: next.id } })),
            },
          ]
        : undefined,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The answer card (Adaptive Card 1.5): the topic's answer, key facts and sources, the advisor when
 * the question asks for a recommendation, follow-up questions, and the feedback buttons (or the
 * thanks once a vote is in). Built as an object: it is sent for every answered question, so what
 * depends on the topic alone is built once per topic (topicParts) and only the question, the
 * correction, the advisor and the feedback part are made per turn.
 */
export function answerCard(knowledge: KnowledgeBase, topic: Topic, options: AnswerCardOptions): Record<string, unknown> {
  const advisor = options.advisor ? OFFICIAL_ADVISORS[options.advisor] : undefined;
  const parts = topicParts(knowledge, topic);
  const body: Element[] = [parts.title];
  if (options.correction) {
    body.push(textBlock(md`Showing results for: ${options.correction}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
  }
  body.push(parts.answer);
  if (parts.facts) body.push(...parts.facts);
  if (options.tenant) body.push(options.tenant);
  if (advisor) {
    body.push({ type: 'Container', style: 'emphasis', spacing: 'Medium', items: [advisorHint(advisor)] });
  }
  body.push(...parts.links);
  if (parts.followUps && !options.shared) body.push(...parts.followUps);
  if (!options.shared) {
    body.push(options.feedback === undefined ? feedbackButtons(topic, options.question, advisor) : feedbackThanks(options.feedback));
  }
  const card: Element = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body };
  if (advisor) {
    card.actions = [
      ...(options.shared ? [] : [{ type: 'Action.Submit', title: `Start the ${advisor.name}`, data: { ask: advisor.command } }]),
      { type: 'Action.OpenUrl', title: `Microsoft's ${advisor.name}`, url: advisor.url },
    ];
  }
  return card;
}

/**
 * A bold heading over its lines: several lines are one Markdown list in one TextBlock (Teams: "- a\r- b").
 * Two TextBlocks, not a Container around them: an unstyled Container adds no padding, only bytes.
 */
function section(heading: Markdown, lines: Markdown[]): Element[] {
  return [textBlock(heading, { weight: 'Bolder', spacing: 'Medium' }), textBlock(markdownList(lines), { spacing: 'Small' })];
}

function advisorHint(advisor: OfficialAdvisor): Element {
  return textBlock(
    md`For a recommendation that fits your organisation, run the ${advisor.name}: it asks a few questions and ends in a plan.`,
  );
}

/** "Was this helpful?" with two buttons; their data brings back what recordFeedback needs to redraw the card. */
function feedbackButtons(topic: Topic, question: string, advisor: OfficialAdvisor | undefined): Element {
  const vote = (title: string, helpful: boolean): Element => ({
    type: 'Action.Submit',
    title,
    data: advisor
      ? { action: 'feedback', helpful, topic: topic.id, question, advisor: advisor.id }
      : { action: 'feedback', helpful, topic: topic.id, question },
  });
  return {
    type: 'ColumnSet',
    spacing: 'Medium',
    separator: true,
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [textBlock(md`Was this helpful?`, { isSubtle: true })],
      },
      { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [vote('Helpful', true), vote('Not helpful', false)] }] },
    ],
  };
}

function feedbackThanks(helpful: boolean): Element {
  return textBlock(md`Thanks for your feedback: ${helpful ? 'helpful' : 'not helpful'}.`, {
    id: 'feedback-thanks',
    isSubtle: true,
    separator: true,
    spacing: 'Medium',
  });
}
