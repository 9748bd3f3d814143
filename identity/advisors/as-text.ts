/** A finished advisor as a plain-text plan, for "Copy as text". */
import { current } from './engine';
import { AdvisorError, type Advisor, type AdvisorState } from './model';
import { OFFICIAL_ADVISORS } from './official';

export function outcomeAsText(advisor: Advisor, state: AdvisorState): string {
  const view = current(advisor, state);
  if (view.kind !== 'outcome') throw new AdvisorError('not-finished', `${advisor.id}: the advisor has not reached a recommendation yet`);
  const { outcome, answers } = view;
  const section = (heading: string, lines: readonly string[], numbered = false): string[] =>
    lines.length === 0 ? [] : ['', heading, ...lines.map((line, i) => (numbered ? `${i + 1}. ${line}` : `- ${line}`))];
  return [
    `${advisor.name}: ${outcome.title}`,
    '',
    outcome.recommendation,
    ...section('Why', outcome.why),
    ...section('Before you start', outcome.prerequisites),
    ...section('Steps', outcome.checklist, true),
    ...section(
      'Your answers',
      answers.map((a) => `${a.question} ${a.answer}${a.source === 'tenant' ? ` (answered from your tenant: ${a.because})` : ''}`),
    ),
    ...section('Learn more', [
      ...outcome.links.map((l) => `${l.title}: ${l.url}`),
      `Microsoft's ${OFFICIAL_ADVISORS[advisor.id].name}: ${OFFICIAL_ADVISORS[advisor.id].url}`,
    ]),
  ].join('\n');
}
