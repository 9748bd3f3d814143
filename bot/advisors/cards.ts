import { renderCard } from '../../cards/render';
import { ADVISORS, OFFICIAL_ADVISORS, type Advisor, type AdvisorId, type AdvisorState, type AdvisorView } from '../../identity/advisors';

/** The three advisors to choose from (the "advisor" command). */
export function pickCard(): Record<string, unknown> {
  return renderCard('advisor-pick', {
    advisors: (Object.keys(ADVISORS) as AdvisorId[]).map((id) => ({ id, name: ADVISORS[id].name, intro: ADVISORS[id].intro })),
  });
}

export interface ViewCardOptions {
  /** Offer "Share to a channel" on the outcome. */
  canShare?: boolean;
  /** The copy posted to a channel: no owner-only actions. */
  shared?: boolean;
  sharedBy?: string;
}

/** The card for where a flow is: the current question, or the outcome. */
export function viewCard(
  advisor: Advisor,
  state: AdvisorState,
  view: AdvisorView,
  owner: string,
  options: ViewCardOptions = {},
): Record<string, unknown> {
  if (view.kind === 'question') {
    return renderCard('advisor-step', {
      advisorId: state.advisorId,
      advisorName: advisor.name,
      owner,
      step: view.step,
      totalSteps: view.totalSteps,
      question: view.question.text,
      questionId: view.question.id,
      hasHelp: Boolean(view.question.help),
      help: view.question.help ?? '',
      choices: view.question.choices.map((c) => ({ id: c.id, label: c.label })),
      hasPrefilled: view.prefilled.length > 0,
      prefilled: view.prefilled.map((p) => ({ question: p.question, answer: p.answer, because: p.because ?? '' })),
      canGoBack: view.canGoBack,
    });
  }
  const official = OFFICIAL_ADVISORS[state.advisorId];
  return renderCard('advisor-outcome', {
    advisorId: state.advisorId,
    advisorName: advisor.name,
    owner,
    title: view.outcome.title,
    recommendation: view.outcome.recommendation,
    hasWhy: view.outcome.why.length > 0,
    why: view.outcome.why,
    hasPrerequisites: view.outcome.prerequisites.length > 0,
    prerequisites: view.outcome.prerequisites,
    checklist: view.outcome.checklist.map((text, i) => ({ number: i + 1, text })),
    answers: view.answers.map((a) => ({
      question: a.question,
      answer: a.source === 'tenant' ? `${a.answer} (from your tenant)` : a.answer,
    })),
    links: view.outcome.links,
    canGoBack: view.canGoBack,
    officialName: official.name,
    officialUrl: official.url,
    canShare: Boolean(options.canShare) && !options.shared,
    shared: Boolean(options.shared),
    sharedBy: options.sharedBy ?? '',
  });
}
