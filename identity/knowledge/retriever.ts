import { Analyser, type Correction } from './analyser';
import { SUBJECT_TOKENS } from './synonyms';
import { normalise } from './text';
import type { Topic } from './topic';

/** Field weights of BM25F: where a word appears says how much it is about the topic. */
export const FIELD_WEIGHTS = { title: 3, questions: 2, keywords: 2, answer: 1, facts: 0.6 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];
/** Fields that say what a topic is about; a word found only in the body text counts for less. */
const ABOUT_FIELDS = new Set<Field>(['title', 'questions', 'keywords']);
const BODY_CREDIT = 0.6;
const NUMBER_WEIGHT = 0.3;
/**
 * How much a word says, by how many topics use it (`df`): BM25's idf, ln(1 + (n - df + 0.5) / (df + 0.5)), with
 * the topic count n held at REFERENCE_TOPICS. With the real count, every word's idf grows as topics are added, a
 * word of the question and an unknown word alike, which moves coverage and information: a question near a
 * threshold flipped whenever the knowledge base grew, even by topics that share no word with it. Held fixed, a
 * word weighs by its own rarity only, and topics on other subjects leave every decision as it was
 * (knowledge-weights.spec.ts). 600 is about the size the thresholds were last checked at (598 topics, December 2026):
 * the weights are those BM25 gave then, and the question sets answer as they did.
 */
export const REFERENCE_TOPICS = 600;

/** The weight of a word `df` topics use; none for a word more than REFERENCE_TOPICS use (it says nothing). */
export function wordWeight(df: number): number {
  return Math.max(0, Math.log(1 + (REFERENCE_TOPICS - df + 0.5) / (df + 0.5)));
}

/**
 * Weight of a word the knowledge base never uses, fixed at 0.6 of a word one topic uses. Unknown words count
 * against coverage (another subject), but long conversational questions carry several ("this weekend", "big
 * cleanup"); the domain-word gate keeps off-topic questions out.
 */
export const UNKNOWN_WORD_WEIGHT = 0.6 * wordWeight(1);
/**
 * The field's named things (PHS, PTA, Entra Connect, Conditional Access …) say what a question is
 * about; other words qualify it. A rare qualifier ("together") must not outrank the subject.
 */
const SUBJECT_BOOST = 2;
/**
 * Names of neighbouring products ("Exchange Online", "SharePoint") set a question's scene, not its
 * subject: "Conditional Access in front of Exchange Online" asks about Conditional Access, and a
 * topic that happens to name Exchange Online in its title must not outrank the one about it.
 */
const SCENE_WEIGHT = 0.5;
/** At most this share of a score is added for a title that says nothing beyond the question: it only settles near ties. */
const TITLE_PRECISION_BONUS = 0.05;
const K1 = 1.2;
const B = 0.75;

export interface Hit {
  topic: Topic;
  /** BM25F score. */
  score: number;
  /** Share (0..1) of the question's information, by idf, that the topic contains. */
  coverage: number;
  /** Share (0..1) of the question's information found in the topic's title: what the topic answers. */
  titleCoverage: number;
}

export interface RetrievalResult {
  hits: Hit[];
  /** How much the question says, as the sum of idf of its known words: one common word ("sync") says little. */
  information: number;
  /** The question's distinct tokens. */
  tokens: string[];
  /** The question's tokens in order, repeats included (for phrase matching). */
  sequence: string[];
  corrections: Correction[];
  /** The question's words as typed (normalised, uncorrected). */
  typed: string[];
}

/**
 * A word's postings: the topics that use it, and for each its saturated term weight, its coverage
 * credit (1 where the topic is about the word, less in its body text) and whether its title has the
 * word, as flat parallel arrays. Everything a search works out per topic comes from the postings of
 * the question's words, one scan each, with no lookup in a per-topic structure.
 */
interface Postings {
  docs: Int32Array;
  weights: Float64Array;
  credits: Float64Array;
  inTitle: Uint8Array;
}

function fieldText(topic: Topic, field: Field): string {
  switch (field) {
    case 'title':
      return topic.title;
    case 'questions':
      return topic.questions.join(' . ');
    case 'keywords':
      return topic.keywords.join(' . ');
    case 'answer':
      return topic.answer;
    case 'facts':
      return topic.facts.join(' . ');
  }
}

/**
 * BM25F over the topics' fields with synonym folding and typo correction, plus a coverage score
 * (how much of what the question says is found in the topic) used for confidence.
 * Paraphrase comes from the field's synonyms (synonyms.ts), not from a learned model: the npm
 * sentence encoders we looked at (transformers.js wrappers, Chroma's default embedder) load their
 * weights from a model hub at run time, and a MiniLM-class encoder pass on a CPU takes milliseconds,
 * against a p99 goal of 2 ms for the whole retrieval.
 */
export class Retriever {
  readonly analyser: Analyser;
  private readonly postings = new Map<string, Postings>();
  private readonly idf = new Map<string, number>();
  /** Per topic: how many distinct tokens its title has. */
  private readonly titleSizes: Int32Array;
  /**
   * Per topic, for the question being searched (search is synchronous, so one set of arrays serves
   * every call): its score, the weight of the question's words it covers and that its title has,
   * and how many of the question's words its title has.
   */
  private readonly scores: Float64Array;
  private readonly covered: Float64Array;
  private readonly titled: Float64Array;
  private readonly titleMatches: Int32Array;

  /** Tokens of the scene words: they score and weigh less (SCENE_WEIGHT). */
  private readonly scene: Set<string>;

  /**
   * `vocabulary`: more words the typo corrector may correct towards, beside the topics' own;
   * `scene`: words and phrases that set a question's scene rather than its subject (neighbouring products' names).
   */
  constructor(
    private readonly topics: readonly Topic[],
    options: { vocabulary?: readonly string[]; scene?: readonly string[] } = {},
  ) {
    // Each field's text is normalised once, for the typo corrector's vocabulary and for the index.
    const normalised = topics.map((topic) => FIELDS.map((f) => normalise(fieldText(topic, f))));
    this.analyser = new Analyser([...normalised.flat(), ...(options.vocabulary ?? []).map(normalise)], true);
    this.scene = new Set((options.scene ?? []).flatMap((text) => this.analyser.tokens(text)).filter((t) => !SUBJECT_TOKENS.has(t)));
    const tokenised = normalised.map(
      (texts) => Object.fromEntries(FIELDS.map((f, i) => [f, this.analyser.tokensOfNormalised(texts[i])])) as Record<Field, string[]>,
    );
    const averageLength = Object.fromEntries(
      FIELDS.map((f) => [f, tokenised.reduce((sum, doc) => sum + doc[f].length, 0) / Math.max(1, tokenised.length)]),
    ) as Record<Field, number>;
    this.titleSizes = Int32Array.from(tokenised, (doc) => new Set(doc.title).size);
    const lists = new Map<string, { docs: number[]; weights: number[]; credits: number[]; inTitle: number[] }>();
    tokenised.forEach((doc, index) => {
      const combined = new Map<string, number>();
      const credit = new Map<string, number>();
      for (const field of FIELDS) {
        const counts = new Map<string, number>();
        for (const token of doc[field]) counts.set(token, (counts.get(token) ?? 0) + 1);
        const norm = 1 - B + (B * doc[field].length) / Math.max(1, averageLength[field]);
        const value = ABOUT_FIELDS.has(field) ? 1 : BODY_CREDIT;
        for (const [token, count] of counts) {
          combined.set(token, (combined.get(token) ?? 0) + (FIELD_WEIGHTS[field] * count) / norm);
          credit.set(token, Math.max(credit.get(token) ?? 0, value));
        }
      }
      const title = new Set(doc.title);
      for (const [token, tf] of combined) {
        let list = lists.get(token);
        if (!list) lists.set(token, (list = { docs: [], weights: [], credits: [], inTitle: [] }));
        list.docs.push(index);
        list.weights.push(tf / (K1 + tf));
        list.credits.push(credit.get(token) ?? 0);
        list.inTitle.push(title.has(token) ? 1 : 0);
      }
    });
    const n = topics.length;
    for (const [token, list] of lists) {
      this.postings.set(token, {
        docs: Int32Array.from(list.docs),
        weights: Float64Array.from(list.weights),
        credits: Float64Array.from(list.credits),
        inTitle: Uint8Array.from(list.inTitle),
      });
      this.idf.set(token, wordWeight(list.docs.length));
    }
    this.scores = new Float64Array(n);
    this.covered = new Float64Array(n);
    this.titled = new Float64Array(n);
    this.titleMatches = new Int32Array(n);
  }

  /** Ranks topics for a question; best first, at most `limit`. */
  search(question: string, limit = 5): RetrievalResult {
    const { tokens, corrections, typed } = this.analyser.analyse(question);
    const unique = [...new Set(tokens)];
    const scores = this.scores.fill(0);
    const covered = this.covered.fill(0);
    const titled = this.titled.fill(0);
    const titleMatches = this.titleMatches.fill(0);
    let totalWeight = 0;
    let information = 0;
    for (const token of unique) {
      // Each word's share of what the question says, for every topic's coverage.
      const weight = this.weight(token);
      totalWeight += weight;
      const postings = this.postings.get(token);
      if (!postings) continue;
      const idf = this.idf.get(token) ?? 0;
      information += idf;
      const scale = (SUBJECT_TOKENS.has(token) ? SUBJECT_BOOST : this.scene.has(token) ? SCENE_WEIGHT : 1) * idf;
      const { docs, weights, credits, inTitle } = postings;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        scores[doc] += scale * weights[i];
        covered[doc] += credits[i] * weight;
        if (inTitle[i] === 1) {
          titled[doc] += weight;
          titleMatches[doc]++;
        }
      }
    }
    const hits: Hit[] = [];
    const rankKeys: number[] = [];
    for (const doc of best(scores, limit)) {
      hits.push({
        topic: this.topics[doc],
        score: scores[doc],
        coverage: totalWeight === 0 ? 0 : covered[doc] / totalWeight,
        titleCoverage: totalWeight === 0 ? 0 : titled[doc] / totalWeight,
      });
      // Near ties go to the title that says least beyond the question ("enable seamless SSO" over "reset or enable it with PowerShell").
      const precision = this.titleSizes[doc] === 0 ? 0 : titleMatches[doc] / this.titleSizes[doc];
      rankKeys.push(scores[doc] * (1 + TITLE_PRECISION_BONUS * precision));
    }
    const ranked = hits.map((_, i) => i).sort((a, b) => rankKeys[b] - rankKeys[a]);
    return { hits: ranked.map((i) => hits[i]), information, tokens: unique, sequence: tokens, corrections, typed };
  }

  private weight(token: string): number {
    // A count of up to three digits ("we have 9", "11 admins") is a parameter of the question, not its subject, even
    // when some topic happens to print it: it still scores where it is found, but a topic lacking it covers nearly as
    // much. Longer numbers name things (port 49443, event 6900, AADSTS codes' digits) and weigh by their rarity.
    if (/^\d{1,3}$/.test(token)) return NUMBER_WEIGHT;
    const idf = this.idf.get(token);
    if (idf !== undefined) return this.scene.has(token) ? SCENE_WEIGHT * idf : idf;
    // An unknown longer number ("3000 users") is a parameter too.
    return /^\d+$/.test(token) ? NUMBER_WEIGHT : UNKNOWN_WORD_WEIGHT;
  }
}

/**
 * The topics with the `limit` highest scores (every topic sharing a word with the question scores
 * above 0), best first, ties to the earlier topic: one pass that keeps the few best in order,
 * instead of sorting every topic that shares a common word.
 */
function best(scores: Float64Array, limit: number): number[] {
  const top: number[] = [];
  for (let doc = 0; doc < scores.length; doc++) {
    const score = scores[doc];
    if (score <= 0 || (top.length >= limit && score <= scores[top[top.length - 1]])) continue;
    // Insert in order: move the worse ones down by one.
    let at = top.length;
    top.push(doc);
    for (; at > 0 && scores[top[at - 1]] < score; at--) top[at] = top[at - 1];
    top[at] = doc;
    if (top.length > limit) top.pop();
  }
  return top;
}
