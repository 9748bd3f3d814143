/**
 * Walks an advisor: pure functions over a plain-JSON state. Every function returns a new state
 * and never mutates its input, so the bot can store the state as is and replay it later.
 */
import { holds, mayHold, type Answers } from './conditions';
import {
  AdvisorError,
  STATE_VERSION,
  type Advisor,
  type AdvisorState,
  type AdvisorView,
  type AnswerSummary,
  type KnownAnswers,
  type Outcome,
  type Question,
  type ResolvedOutcome,
} from './model';

/** A fresh state. `known` holds answers taken from the tenant; those questions are never asked. */
export function start(advisor: Advisor, known: KnownAnswers = {}): AdvisorState {
  const copy: Record<string, { choiceId: string; because: string }> = {};
  for (const [questionId, fact] of Object.entries(known)) {
    choiceOf(questionOf(advisor, questionId), fact.choiceId);
    copy[questionId] = { choiceId: fact.choiceId, because: fact.because };
  }
  return { version: STATE_VERSION, advisorId: advisor.id, steps: [], known: copy };
}

/** Records the user's choice for the question being asked now. */
export function answer(advisor: Advisor, state: AdvisorState, questionId: string, choiceId: string): AdvisorState {
  const path = walk(advisor, state);
  const question = questionOf(advisor, questionId);
  choiceOf(question, choiceId);
  if (!path.current) throw new AdvisorError('finished', `${advisor.id}: the advisor has already reached its recommendation`);
  if (path.current.id !== questionId) {
    throw new AdvisorError('not-asked', `${advisor.id}: question "${questionId}" is not being asked now (current: "${path.current.id}")`);
  }
  return { ...state, steps: [...state.steps, { questionId, choiceId }] };
}

/** Undoes the user's last answer; a state with no answers comes back unchanged. */
export function back(state: AdvisorState): AdvisorState {
  return state.steps.length === 0 ? state : { ...state, steps: state.steps.slice(0, -1) };
}

/** Forgets the user's answers and keeps what we know from the tenant. */
export function restart(state: AdvisorState): AdvisorState {
  return { ...state, steps: [] };
}

/** What to show now: the next question, or the recommendation with the answers it rests on. */
export function current(advisor: Advisor, state: AdvisorState): AdvisorView {
  const path = walk(advisor, state);
  const canGoBack = state.steps.length > 0;
  if (path.current) {
    return {
      kind: 'question',
      question: path.current,
      step: state.steps.length + 1,
      totalSteps: state.steps.length + questionsLeft(advisor, state, path.answers, path.current),
      prefilled: path.summary.filter((line) => line.source === 'tenant'),
      canGoBack,
    };
  }
  const outcome = advisor.outcomes.find((candidate) => holds(candidate.when, path.answers));
  if (!outcome) throw new AdvisorError('invalid-advisor', `${advisor.id}: no outcome matches and there is no fallback`);
  return { kind: 'outcome', outcome: resolve(outcome, path.answers), answers: path.summary, canGoBack };
}

/** The answers that count on this state's path: user choices and tenant facts of questions that apply. */
export function effectiveAnswers(advisor: Advisor, state: AdvisorState): Answers {
  return walk(advisor, state).answers;
}

interface Path {
  answers: Answers;
  summary: AnswerSummary[];
  current: Question | undefined;
}

function walk(advisor: Advisor, state: AdvisorState): Path {
  checkState(advisor, state);
  const chosen = new Map(state.steps.map((step) => [step.questionId, step.choiceId]));
  const answers: Record<string, string> = {};
  const summary: AnswerSummary[] = [];
  let current: Question | undefined;
  for (const question of advisor.questions) {
    if (!holds(question.when, answers)) continue;
    const fact = state.known[question.id];
    const choiceId = fact?.choiceId ?? chosen.get(question.id);
    if (choiceId === undefined) {
      current = question;
      break;
    }
    answers[question.id] = choiceId;
    summary.push({
      questionId: question.id,
      question: question.text,
      choiceId,
      answer: choiceOf(question, choiceId).label,
      source: fact ? 'tenant' : 'you',
      ...(fact ? { because: fact.because } : {}),
    });
  }
  const asked = summary.filter((line) => line.source === 'you').map((line) => line.questionId);
  if (asked.join('\n') !== state.steps.map((step) => step.questionId).join('\n')) {
    throw new AdvisorError(
      'bad-state',
      `${advisor.id}: stored answers do not follow the questions (${state.steps.map((s) => s.questionId).join(', ')})`,
    );
  }
  return { answers, summary, current };
}

/** Upper estimate of the questions still to answer, the current one included. */
function questionsLeft(advisor: Advisor, state: AdvisorState, answers: Answers, current: Question): number {
  const index = advisor.questions.indexOf(current);
  const later = advisor.questions.slice(index + 1);
  const open = new Set([current.id, ...later.map((q) => q.id)]);
  const assumed: Record<string, string> = { ...answers };
  let count = 1;
  for (const question of later) {
    const applies = mayHold(question.when, assumed, open);
    const fact = state.known[question.id];
    if (applies === false) open.delete(question.id);
    else if (fact && applies === true) {
      assumed[question.id] = fact.choiceId;
      open.delete(question.id);
    } else if (!fact) count += 1;
  }
  return count;
}

function resolve(outcome: Outcome, answers: Answers): ResolvedOutcome {
  const addenda = (outcome.addenda ?? []).filter((addendum) => holds(addendum.when, answers));
  return {
    id: outcome.id,
    title: outcome.title,
    recommendation: outcome.recommendation,
    why: [...outcome.why, ...addenda.flatMap((a) => a.why ?? [])],
    prerequisites: [...outcome.prerequisites, ...addenda.flatMap((a) => a.prerequisites ?? [])],
    checklist: [...outcome.checklist, ...addenda.flatMap((a) => a.checklist ?? [])],
    links: outcome.links.map((link) => ({ ...link })),
  };
}

function questionOf(advisor: Advisor, questionId: string): Question {
  const question = advisor.questions.find((q) => q.id === questionId);
  if (!question) throw new AdvisorError('unknown-question', `${advisor.id}: no question "${questionId}"`);
  return question;
}

function choiceOf(question: Question, choiceId: string) {
  const choice = question.choices.find((c) => c.id === choiceId);
  if (!choice) throw new AdvisorError('unknown-choice', `question "${question.id}" has no choice "${choiceId}"`);
  return choice;
}

/** States come back from storage: check their shape before trusting them. */
function checkState(advisor: Advisor, state: AdvisorState): void {
  if (
    !state ||
    typeof state !== 'object' ||
    state.version !== STATE_VERSION ||
    !Array.isArray(state.steps) ||
    typeof state.known !== 'object' ||
    state.known === null
  ) {
    throw new AdvisorError('bad-state', `${advisor.id}: not an advisor state of version ${STATE_VERSION}`);
  }
  if (state.advisorId !== advisor.id) throw new AdvisorError('wrong-advisor', `state belongs to "${state.advisorId}", not "${advisor.id}"`);
  for (const step of state.steps) choiceOf(questionOf(advisor, step.questionId), step.choiceId);
  for (const [questionId, fact] of Object.entries(state.known)) choiceOf(questionOf(advisor, questionId), fact.choiceId);
}
