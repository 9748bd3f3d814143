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
 * Weight of a word the knowledge base never uses, as a share of the rarest known word's idf.
 * Unknown words count against coverage (another subject), but long conversational questions
 * carry several ("this weekend", "big cleanup"); the domain-word gate keeps off-topic questions out.
 */
const UNKNOWN_WORD_SHARE = 0.6;
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
const TITLE_PRECISION_BONUS = 0.02;
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
}

/** A word's postings: the topics that use it and its saturated term weight in each, as two flat arrays (one scan, no object per topic). */
interface Postings {
  docs: Int32Array;
  weights: Float64Array;
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
  /** Per topic: the tokens of its title. */
  private readonly titleTerms: Array<Set<string>>;
  /** Per topic: token -> coverage credit (1 in what the topic is about, less in its body text). */
  private readonly docTerms: Array<Map<string, number>>;
  /** Weight of a question word the knowledge base never uses: strong evidence of another subject. */
  private readonly unknownWeight: number;
  /** Each topic's score for the question being searched (search is synchronous, so one array serves every call). */
  private readonly scores: Float64Array;

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
    this.titleTerms = tokenised.map((doc) => new Set(doc.title));
    this.docTerms = tokenised.map((doc) => {
      const credit = new Map<string, number>();
      for (const field of FIELDS) {
        const value = ABOUT_FIELDS.has(field) ? 1 : BODY_CREDIT;
        for (const token of doc[field]) credit.set(token, Math.max(credit.get(token) ?? 0, value));
      }
      return credit;
    });
    const lists = new Map<string, { docs: number[]; weights: number[] }>();
    tokenised.forEach((doc, index) => {
      const combined = new Map<string, number>();
      for (const field of FIELDS) {
        const counts = new Map<string, number>();
        for (const token of doc[field]) counts.set(token, (counts.get(token) ?? 0) + 1);
        const norm = 1 - B + (B * doc[field].length) / Math.max(1, averageLength[field]);
        for (const [token, count] of counts) combined.set(token, (combined.get(token) ?? 0) + (FIELD_WEIGHTS[field] * count) / norm);
      }
      for (const [token, tf] of combined) {
        let list = lists.get(token);
        if (!list) lists.set(token, (list = { docs: [], weights: [] }));
        list.docs.push(index);
        list.weights.push(tf / (K1 + tf));
      }
    });
    const n = topics.length;
    let maxIdf = 0;
    for (const [token, list] of lists) {
      this.postings.set(token, { docs: Int32Array.from(list.docs), weights: Float64Array.from(list.weights) });
      const value = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
      this.idf.set(token, value);
      maxIdf = Math.max(maxIdf, value);
    }
    this.unknownWeight = maxIdf * UNKNOWN_WORD_SHARE;
    this.scores = new Float64Array(topics.length);
  }

  /** Ranks topics for a question; best first, at most `limit`. */
  search(question: string, limit = 5): RetrievalResult {
    const { tokens, corrections } = this.analyser.analyse(question);
    const asked = new Set(tokens);
    const unique = [...asked];
    const scores = this.scores.fill(0);
    for (const token of unique) {
      const postings = this.postings.get(token);
      if (!postings) continue;
      const idf = this.idf.get(token) ?? 0;
      const scale = (SUBJECT_TOKENS.has(token) ? SUBJECT_BOOST : this.scene.has(token) ? SCENE_WEIGHT : 1) * idf;
      const { docs, weights } = postings;
      for (let i = 0; i < docs.length; i++) scores[docs[i]] += scale * weights[i];
    }
    // Each word's share of what the question says, worked out once for every hit's coverage.
    const weights = unique.map((token) => this.weight(token));
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    const hits: Hit[] = [];
    const rankKeys: number[] = [];
    for (const doc of best(scores, limit)) {
      const terms = this.docTerms[doc];
      const title = this.titleTerms[doc];
      let covered = 0;
      let inTitle = 0;
      for (let i = 0; i < unique.length; i++) {
        covered += (terms.get(unique[i]) ?? 0) * weights[i];
        if (title.has(unique[i])) inTitle += weights[i];
      }
      hits.push({
        topic: this.topics[doc],
        score: scores[doc],
        coverage: totalWeight === 0 ? 0 : covered / totalWeight,
        titleCoverage: totalWeight === 0 ? 0 : inTitle / totalWeight,
      });
      // Near ties go to the title that says least beyond the question ("enable seamless SSO" over "reset or enable it with PowerShell").
      rankKeys.push(scores[doc] * (1 + TITLE_PRECISION_BONUS * this.titlePrecision(doc, asked)));
    }
    const ranked = hits.map((_, i) => i).sort((a, b) => rankKeys[b] - rankKeys[a]);
    const information = unique.reduce((sum, token) => sum + (this.idf.get(token) ?? 0), 0);
    return { hits: ranked.map((i) => hits[i]), information, tokens: unique, sequence: tokens, corrections };
  }

  /** Share of the topic's title tokens that the question asks. */
  private titlePrecision(doc: number, asked: ReadonlySet<string>): number {
    const title = this.titleTerms[doc];
    let found = 0;
    for (const token of title) if (asked.has(token)) found++;
    return title.size === 0 ? 0 : found / title.size;
  }

  private weight(token: string): number {
    const idf = this.idf.get(token);
    if (idf !== undefined) return this.scene.has(token) ? SCENE_WEIGHT * idf : idf;
    // An unknown number ("3000 users") is a parameter of the question, not its subject.
    return /^\d+$/.test(token) ? NUMBER_WEIGHT : this.unknownWeight;
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
