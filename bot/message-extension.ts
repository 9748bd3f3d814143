import type { MessagingExtensionAttachment, MessagingExtensionResponse } from 'botbuilder';
import { z } from 'zod';
import { answerCard } from '../cards/answer';
import type { KnowledgeBase } from '../identity/knowledge/engine';
import type { Topic } from '../identity/knowledge/topic';
import { MAX_QUESTION_LENGTH } from './qa';

/** The search command as appPackage/manifest.json declares it (composeExtensions[0].commands[0]). */
export const SEARCH_COMMAND = { id: 'searchAnswers', parameter: 'question' } as const;

/** Most results in one page: what Teams asks for (queryOptions.count 25) and the most we send. */
export const MAX_RESULTS_PER_PAGE = 25;

/**
 * Most answers a search lists. Teams pages with queryOptions (skip, count; it asks for 25, see
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search),
 * so this is our choice, not its limit: ten ranked previews above the relevance floor are enough to
 * pick from while typing, and past the tenth a topic shares little more than a word with the question.
 */
export const MAX_SEARCH_RESULTS = 10;

/** Longest preview line; Teams cuts a list item's text to about two lines anyway. */
const PREVIEW_LENGTH = 140;

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

/** composeExtension/query's value as Teams (and Copilot) send it; every field checked, none trusted. */
const QueryValue = z.object({
  commandId: z.string().max(64).optional(),
  parameters: z
    .array(z.object({ name: z.string().max(64).optional(), value: z.unknown().optional() }))
    .max(5)
    .optional(),
  queryOptions: z.object({ skip: z.number().optional(), count: z.number().optional() }).optional(),
});

/** composeExtension/selectItem's value: what our own preview's tap carried. */
const SelectValue = z.object({ topic: z.string().max(100) });

/** A search that cannot be answered: a plain text message in the compose box's results, never an error. */
function message(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

function result(attachments: MessagingExtensionAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** The first sentence of an answer, cut to a preview line. */
export function firstLine(answer: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(answer.trim())?.[0] ?? answer.trim();
  return sentence.length <= PREVIEW_LENGTH ? sentence : `${sentence.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`;
}

function whole(value: number | undefined, fallback: number, min: number, max: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(min, Math.trunc(value)));
}

/**
 * The search-based message extension: an admin (or Microsoft 365 Copilot, calling it as a plugin)
 * searches the knowledge base from the compose box and inserts an answer card into the conversation.
 * Pure over the knowledge base: no tenant data goes into a card that everyone in the chat will see.
 */
export class AnswerSearch {
  /** What an empty search (or Teams' initialRun) lists: the first topic of each area, as a table of contents. */
  private readonly starters: readonly Topic[];

  constructor(
    private readonly knowledge: KnowledgeBase,
    topics: readonly (Topic & { area?: string })[],
  ) {
    const seen = new Set<string>();
    this.starters = topics.filter((topic) => {
      const area = topic.area ?? topic.id;
      if (seen.has(area) || area === 'advisors') return false;
      seen.add(area);
      return true;
    });
  }

  /** Answers composeExtension/query: answer previews, a page at a time. */
  query(value: unknown): MessagingExtensionResponse {
    const parsed = QueryValue.safeParse(value);
    if (!parsed.success) {
      return message('That search request was not understood (it needs commandId, parameters and queryOptions as Teams sends them).');
    }
    const { commandId, parameters = [], queryOptions = {} } = parsed.data;
    if (commandId !== undefined && commandId !== SEARCH_COMMAND.id) {
      return message(`This app has no search command "${commandId.slice(0, 64)}"; search with "${SEARCH_COMMAND.id}".`);
    }
    const initialRun = parameters.some((p) => p.name === 'initialRun' && String(p.value) === 'true');
    const named = parameters.find((p) => p.name === SEARCH_COMMAND.parameter) ?? parameters.find((p) => typeof p.value === 'string');
    const text =
      initialRun || typeof named?.value !== 'string' ? '' : named.value.replace(/\s+/g, ' ').trim().slice(0, MAX_QUESTION_LENGTH);
    const topics = text ? this.search(text) : this.starters;
    if (topics.length === 0) {
      return message(
        'No answer about Microsoft Entra matches that search. Try the subject in a few words, such as "password hash sync", "pass-through authentication agents" or "Entra ID P1".',
      );
    }
    const skip = whole(queryOptions.skip, 0, 0, Number.MAX_SAFE_INTEGER);
    const count = whole(queryOptions.count, MAX_RESULTS_PER_PAGE, 1, MAX_RESULTS_PER_PAGE);
    return result(topics.slice(skip, skip + count).map((topic) => this.attachment(topic, text)));
  }

  /** Answers composeExtension/selectItem (a preview was picked): the full answer card, for insertion. */
  selectItem(value: unknown): MessagingExtensionResponse {
    const parsed = SelectValue.safeParse(value);
    const topic = parsed.success ? this.knowledge.topic(parsed.data.topic) : undefined;
    if (!topic) return message('That answer is no longer available. Search again to find it.');
    return result([{ contentType: ADAPTIVE, content: this.card(topic, '') }]);
  }

  /** The topics a search finds, ranked, above the knowledge base's relevance floor; none when off the subject. */
  private search(text: string): Topic[] {
    return this.knowledge.search(text, MAX_SEARCH_RESULTS);
  }

  private attachment(topic: Topic, question: string): MessagingExtensionAttachment {
    return {
      contentType: ADAPTIVE,
      content: this.card(topic, question),
      preview: {
        contentType: THUMBNAIL,
        content: { title: topic.title, text: firstLine(topic.answer), tap: { type: 'invoke', value: { topic: topic.id } } },
      },
    };
  }

  private card(topic: Topic, question: string): Record<string, unknown> {
    return answerCard(this.knowledge, topic, { question, shared: true });
  }
}
