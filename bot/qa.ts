import type { TurnContext } from 'botbuilder';
import { OFFICIAL_ADVISORS } from '../identity/advisors/official';
import type { KnowledgeAnswer, KnowledgeBase } from '../identity/knowledge/engine';
import type { AdvisorId, Topic } from '../identity/knowledge/topic';
import { renderCard } from '../cards/render';
import { answerCard } from '../cards/answer';
import { replaceClickedCard, sendCard } from './card-replies';
import type { FeedbackStore } from './feedback';
import type { AnswerGroundingPort } from './grounding';
import { withTenantSection } from '../cards/tenant-grounding';
import type { UserInput } from './input';
import type { Logger } from '../platform/logger';

/** Longest question we look at; anything longer is cut (a pasted log is not a question). */
export const MAX_QUESTION_LENGTH = 500;

/**
 * "Did you mean…": the user's words echoed (as data, never markup) and the closest topics as buttons.
 * Each button carries the question, so that the answer to the choice is grounded as the question's would have been.
 */
export function clarifyCard(question: string, alternatives: readonly Topic[]): Record<string, unknown> {
  return renderCard('clarify', { question, choices: alternatives.map((t) => ({ title: t.title, topicId: t.id, question })) });
}

/**
 * Answers questions from the knowledge base: an answer card, a "Did you mean" card, or a short
 * decline, depending on the confidence band. Also takes the answer cards' feedback votes.
 */
export class QuestionAnswering {
  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly feedback: FeedbackStore,
    private readonly logger: Logger,
    /** Adds the asker's tenant facts to answers about their tenant (bot/grounding.ts); none = plain answers. */
    private readonly grounding?: AnswerGroundingPort,
  ) {}

  async answer(context: TurnContext, input: UserInput): Promise<void> {
    const chosen = typeof input.data?.topic === 'string' ? this.knowledge.topic(input.data.topic) : undefined;
    // A "Did you mean" choice carries the user's own words, which say whether they asked about their tenant; a follow-up
    // button carries only its topic, asked as the topic's title.
    const asked =
      chosen && typeof input.data?.question === 'string' && input.data.question.trim()
        ? input.data.question
        : input.text || chosen?.title || '';
    const question = asked.slice(0, MAX_QUESTION_LENGTH);
    const result: KnowledgeAnswer = chosen
      ? { band: 'answer', confidence: 1, best: chosen, alternatives: [], corrections: [] }
      : this.knowledge.ask(question);
    this.logger.debug('question', { band: result.band, confidence: result.confidence, topic: result.best?.id });
    const grounding = result.best && result.band !== 'decline' ? this.tenantSection(context, question, result.best) : undefined;
    const tenant = grounding && (await grounding);
    let card: Record<string, unknown>;
    if (result.band === 'answer' && result.best) {
      const correction = result.corrections.map((c) => `${c.from} → ${c.to}`).join(', ');
      card = answerCard(this.knowledge, result.best, {
        question,
        advisor: result.recommendAdvisor,
        correction: correction || undefined,
        tenant,
      });
    } else if (result.band === 'clarify') {
      card = clarifyCard(question, result.alternatives);
      if (tenant) card = withTenantSection(card, tenant);
    } else {
      const n = result.neighbour;
      card = renderCard(
        'decline',
        n
          ? { neighbour: true, product: n.product, adminCenter: n.adminCenter, docsTitle: n.docs.title, docsUrl: n.docs.url }
          : { neighbour: false },
      );
    }
    await sendCard(context, card);
  }

  /** Records a helpful / not helpful vote and updates the card in place to say thanks. */
  async recordFeedback(context: TurnContext, input: UserInput): Promise<void> {
    const data = input.data ?? {};
    const topic = typeof data.topic === 'string' ? this.knowledge.topic(data.topic) : undefined;
    if (!topic || typeof data.helpful !== 'boolean') {
      await context.sendActivity('That feedback button was not for an answer I know; nothing was recorded.');
      return;
    }
    const question = typeof data.question === 'string' ? data.question.slice(0, MAX_QUESTION_LENGTH) : '';
    await this.feedback.record({
      at: new Date().toISOString(),
      topicId: topic.id,
      helpful: data.helpful,
      question: question || undefined,
      conversationType: context.activity.conversation?.conversationType,
      tenantId: context.activity.conversation?.tenantId,
    });
    const advisor =
      typeof data.advisor === 'string' && Object.hasOwn(OFFICIAL_ADVISORS, data.advisor) ? (data.advisor as AdvisorId) : undefined;
    const grounding = this.tenantSection(context, question, topic);
    const tenant = grounding && (await grounding);
    const updated = answerCard(this.knowledge, topic, { question, advisor, feedback: data.helpful, tenant });
    // The vote is recorded either way; a card we cannot update (too old, deleted) gets a plain thanks.
    if (!(await replaceClickedCard(context, updated))) await context.sendActivity('Thanks for your feedback.');
  }

  /** The tenant section of an answer about the asker's tenant; undefined at once for a general question, which waits for nothing. */
  private tenantSection(context: TurnContext, question: string, topic: Topic): Promise<Record<string, unknown> | undefined> | undefined {
    return this.grounding?.applies(question, topic) ? this.grounding.section(context, topic) : undefined;
  }
}
