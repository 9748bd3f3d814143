import { AppError } from '../../platform/errors';
/** One answerable topic of the knowledge base, written in our own words from Microsoft Learn. */
export type AdvisorId = 'connect' | 'adfs' | 'setup';

/**
 * What of a tenant's configuration bears on a topic, for answers grounded in the tenant
 * (identity/grounding): how each domain signs in, directory sync, password sync, the Entra edition.
 */
export type TenantFactKind = 'signIn' | 'sync' | 'passwordSync' | 'edition';

export const TENANT_FACT_KINDS: readonly TenantFactKind[] = ['signIn', 'sync', 'passwordSync', 'edition'];

export interface TopicLink {
  title: string;
  url: string;
  /** The page's own date (its `ms.date`, YYYY-MM-DD) when its facts were checked. */
  updated?: string;
}

export interface Topic {
  id: string;
  title: string;
  /** Ways admins ask it; used for retrieval, never shown. */
  questions: string[];
  keywords: string[];
  answer: string;
  facts: string[];
  links: TopicLink[];
  /** Ids of related topics offered as next questions. */
  followUps: string[];
  /** When the facts were last checked against the pages (YYYY-MM-DD). */
  checked: string;
  /** The deployment advisor that helps with this decision, if any. */
  advisor?: AdvisorId;
  /**
   * The tenant facts a grounded answer adds, where the topic's area does not say it (AREA_FACTS in
   * identity/grounding/tenant-facts.ts); an empty list for none.
   */
  tenantFacts?: TenantFactKind[];
}

export class TopicError extends AppError {
  constructor(message: string) {
    super('invalid_data', message);
  }
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks a set of topics: shapes, unique ids, follow-ups that exist, https links. Throws on the first problem. */
export function validateTopics(topics: readonly Topic[]): void {
  const ids = new Set<string>();
  for (const topic of topics) {
    const where = `topic "${topic.id}"`;
    if (!ID.test(topic.id)) throw new TopicError(`${where}: id must be kebab-case`);
    if (ids.has(topic.id)) throw new TopicError(`${where}: duplicate id`);
    ids.add(topic.id);
    if (!topic.title?.trim()) throw new TopicError(`${where}: title is empty`);
    if (!topic.answer?.trim()) throw new TopicError(`${where}: answer is empty`);
    if (!Array.isArray(topic.questions) || topic.questions.length === 0) throw new TopicError(`${where}: needs at least one question`);
    if (!Array.isArray(topic.links) || topic.links.length === 0)
      throw new TopicError(`${where}: needs at least one link to the page it rests on`);
    for (const link of topic.links) {
      if (!/^https:\/\//.test(link.url)) throw new TopicError(`${where}: link ${link.url} is not https`);
      if (link.updated !== undefined && !DATE.test(link.updated))
        throw new TopicError(`${where}: link ${link.url} has updated "${link.updated}", not YYYY-MM-DD`);
    }
    if (typeof topic.checked !== 'string' || !DATE.test(topic.checked))
      throw new TopicError(`${where}: checked must say when its facts were last checked against the pages (YYYY-MM-DD)`);
    if (topic.advisor && !['connect', 'adfs', 'setup'].includes(topic.advisor))
      throw new TopicError(`${where}: unknown advisor ${topic.advisor}`);
    for (const kind of topic.tenantFacts ?? []) {
      if (!TENANT_FACT_KINDS.includes(kind)) throw new TopicError(`${where}: unknown tenant fact "${String(kind)}"`);
    }
  }
  for (const topic of topics) {
    for (const next of topic.followUps ?? []) {
      if (!ids.has(next)) throw new TopicError(`topic "${topic.id}": follow-up "${next}" does not exist`);
    }
  }
}
