import { GRAPH_PERMISSION, IN_SCOPE_SIGNALS, NEIGHBOURS, SCOPE_WEIGHTS, type Neighbour } from './neighbours';

type SignalKind = 'name' | 'subject' | 'qualifier' | keyof typeof IN_SCOPE_SIGNALS;

interface Signal {
  kind: SignalKind;
  /** Index into the neighbours for a product's signal. */
  product?: number;
}

interface Phrase {
  tokens: readonly string[];
  signals: Signal[];
}

export interface ScopeDecision {
  /** Set when the question is about a neighbouring product rather than identity. */
  neighbour?: Neighbour;
  /** Weight of the in-scope signals found. */
  ours: number;
  /** Weight of the strongest neighbour's signals. */
  theirs: number;
}

/**
 * Decides whether a question belongs to a neighbouring product: finds the neighbours' and our
 * phrases in the question's tokens (longest phrase first at each position, each token used once)
 * and weighs them (neighbours.ts). The question is the neighbour's when its signals outweigh ours;
 * a tie stays ours. Pure: the caller hands in the analyser that tokenises phrases and questions alike.
 */
export class ScopeGuard {
  /** Phrases by their first token, longest first. */
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(
    tokens: (text: string) => string[],
    private readonly neighbours: readonly Neighbour[] = NEIGHBOURS,
    signals: Readonly<Record<keyof typeof IN_SCOPE_SIGNALS, readonly string[]>> = IN_SCOPE_SIGNALS,
  ) {
    const phrases = new Map<string, Phrase>();
    const add = (text: string, signal: Signal): void => {
      const phraseTokens = tokens(text);
      if (phraseTokens.length === 0) return;
      const key = phraseTokens.join(' ');
      const phrase = phrases.get(key) ?? { tokens: phraseTokens, signals: [] };
      // Two spellings of one phrase ("permission", "permissions") count once.
      if (!phrase.signals.some((s) => s.kind === signal.kind && s.product === signal.product)) phrase.signals.push(signal);
      phrases.set(key, phrase);
    };
    neighbours.forEach((n, product) => {
      for (const name of n.names) add(name, { kind: 'name', product });
      for (const subject of n.subjects) add(subject, { kind: 'subject', product });
      for (const qualifier of n.qualifiers) add(qualifier, { kind: 'qualifier', product });
    });
    for (const kind of Object.keys(signals) as (keyof typeof IN_SCOPE_SIGNALS)[]) {
      for (const text of signals[kind]) add(text, { kind });
    }
    for (const phrase of phrases.values()) {
      // A subject that folds onto one of the product's qualifiers ("versioning" and "version" are both "vers") is
      // only as strong as the qualifier: the question's token cannot tell which of the two was typed.
      phrase.signals = phrase.signals.filter(
        (signal) =>
          signal.kind !== 'subject' || !phrase.signals.some((other) => other.kind === 'qualifier' && other.product === signal.product),
      );
      const list = this.byFirst.get(phrase.tokens[0]) ?? [];
      list.push(phrase);
      this.byFirst.set(phrase.tokens[0], list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** `sequence`: the question's tokens in order, as the analyser made them. */
  decide(sequence: readonly string[]): ScopeDecision {
    const found = this.phrasesIn(sequence);
    let ours = 0;
    const names = new Set<number>();
    const subjects = new Map<number, number>();
    const qualifiers = new Map<number, number>();
    ours += SCOPE_WEIGHTS.identity * new Set(sequence.filter((token) => GRAPH_PERMISSION.test(token))).size;
    let core = false;
    for (const phrase of found) {
      for (const signal of phrase.signals) {
        core ||= signal.kind === 'core';
        if (signal.product === undefined) ours += SCOPE_WEIGHTS[signal.kind as keyof typeof SCOPE_WEIGHTS];
        else if (signal.kind === 'name') names.add(signal.product);
        else bump(signal.kind === 'subject' ? subjects : qualifiers, signal.product);
      }
    }
    let theirs = 0;
    let best: number | undefined;
    this.neighbours.forEach((_, product) => {
      // A name or a subject of the product sets its scene; in it, its qualifiers count as subjects, unless the
      // question names one of our core things: then they are that thing's setting ("restore the list of a Power Apps
      // form", "the Entra Connect database on Azure SQL"), and only the product's own subjects weigh against it.
      const inScene = names.has(product) || subjects.has(product);
      const setting = inScene && !core ? (qualifiers.get(product) ?? 0) : 0;
      const score = (inScene ? SCOPE_WEIGHTS.name : 0) + SCOPE_WEIGHTS.subject * ((subjects.get(product) ?? 0) + setting);
      if (score > theirs) {
        theirs = score;
        best = product;
      }
    });
    const neighbour = best !== undefined && theirs > ours ? this.neighbours[best] : undefined;
    return { neighbour, ours, theirs };
  }

  /** The distinct phrases found, longest first at each position; each token belongs to one phrase. */
  private phrasesIn(sequence: readonly string[]): Set<Phrase> {
    const found = new Set<Phrase>();
    for (let i = 0; i < sequence.length;) {
      const match = this.byFirst.get(sequence[i])?.find((p) => p.tokens.every((token, k) => sequence[i + k] === token));
      if (match) found.add(match);
      i += match ? match.tokens.length : 1;
    }
    return found;
  }
}

function bump(map: Map<number, number>, product: number): void {
  map.set(product, (map.get(product) ?? 0) + 1);
}
