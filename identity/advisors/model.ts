/**
 * Deployment advisors as data: questions with skip conditions, outcomes with match conditions.
 * Nothing here runs I/O; the engine walks these shapes and the bot renders them.
 */
import type { AdvisorId } from '../knowledge/topic';
import { AppError } from '../../platform/errors';

export type { AdvisorId };

/** A predicate over answers, kept as data so advisors stay inspectable and serialisable. */
export type Condition =
  { question: string; is: readonly string[] } | { all: readonly Condition[] } | { any: readonly Condition[] } | { not: Condition };

export interface Choice {
  id: string;
  label: string;
}

/** Facts about the tenant that some questions can be answered from (see tenant-facts.ts). */
export type TenantFactKey = 'syncEnabled' | 'federatedDomains' | 'edition';

export interface Question {
  id: string;
  text: string;
  /** One or two sentences that help an admin pick, shown under the question. */
  help?: string;
  choices: readonly Choice[];
  /** Ask only when this holds over earlier answers; may reference earlier questions only. */
  when?: Condition;
  /** The tenant fact that can answer this question, and which choice each fact value means. */
  tenantFact?: { key: TenantFactKey; choices: Readonly<Record<string, string>> };
}

export interface Link {
  title: string;
  url: string;
}

/** Lines added to an outcome when their condition holds, so one outcome fits several situations. */
export interface Addendum {
  when: Condition;
  why?: readonly string[];
  prerequisites?: readonly string[];
  checklist?: readonly string[];
}

export interface Outcome {
  id: string;
  title: string;
  recommendation: string;
  /** Rationale, one line each. */
  why: readonly string[];
  prerequisites: readonly string[];
  /** Steps, in order. */
  checklist: readonly string[];
  links: readonly Link[];
  addenda?: readonly Addendum[];
  /** First outcome whose condition holds wins; only the last outcome, the fallback, has none. */
  when?: Condition;
}

export interface Advisor {
  id: AdvisorId;
  name: string;
  intro: string;
  questions: readonly Question[];
  outcomes: readonly Outcome[];
}

/** An answer taken from the tenant rather than asked. */
export interface KnownAnswer {
  choiceId: string;
  /** Why we know, in words for the admin: "directory sync is on for this tenant". */
  because: string;
}

export type KnownAnswers = Readonly<Record<string, KnownAnswer>>;

export const STATE_VERSION = 1;

/** Where a user is in one advisor. Plain JSON, so the bot can keep it in conversation storage. */
export interface AdvisorState {
  version: typeof STATE_VERSION;
  advisorId: AdvisorId;
  /** What the user chose, in the order asked; `back` removes the last. */
  steps: ReadonlyArray<{ questionId: string; choiceId: string }>;
  known: KnownAnswers;
}

/** One line of "what you told us", for outcome cards and the text plan. */
export interface AnswerSummary {
  questionId: string;
  question: string;
  choiceId: string;
  answer: string;
  source: 'you' | 'tenant';
  /** Set when source is 'tenant'. */
  because?: string;
}

/** An outcome with its matching addenda folded in. */
export interface ResolvedOutcome {
  id: string;
  title: string;
  recommendation: string;
  why: string[];
  prerequisites: string[];
  checklist: string[];
  links: Link[];
}

export type AdvisorView =
  | {
      kind: 'question';
      question: Question;
      /** 1-based number of this question among those the user answers. */
      step: number;
      /** Estimate: questions answered so far plus those that may still be asked, this one included. */
      totalSteps: number;
      /** Questions answered from the tenant so far on this path. */
      prefilled: AnswerSummary[];
      canGoBack: boolean;
    }
  | {
      kind: 'outcome';
      outcome: ResolvedOutcome;
      answers: AnswerSummary[];
      canGoBack: boolean;
    };

export type AdvisorProblem =
  'unknown-question' | 'unknown-choice' | 'not-asked' | 'finished' | 'not-finished' | 'wrong-advisor' | 'bad-state' | 'invalid-advisor';

/** A walk that cannot go on (a stale or forged answer: bad_request), or advisor data that is wrong (invalid_data). */
export class AdvisorError extends AppError {
  constructor(
    readonly problem: AdvisorProblem,
    message: string,
  ) {
    super(problem === 'invalid-advisor' ? 'invalid_data' : 'bad_request', message);
  }
}
