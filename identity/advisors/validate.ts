/** Checks an advisor's data before anyone walks it. Throws an AdvisorError on the first problem. */
import { references } from './conditions';
import { AdvisorError, type Advisor, type Condition } from './model';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LEARN = /^https:\/\/learn\.microsoft\.com\/en-us\//;

export function validateAdvisor(advisor: Advisor): void {
  const fail = (message: string): never => {
    throw new AdvisorError('invalid-advisor', `${advisor.id}: ${message}`);
  };
  if (!advisor.name.trim() || !advisor.intro.trim()) fail('name and intro are required');
  if (advisor.questions.length === 0) fail('needs at least one question');

  const seen = new Map<string, ReadonlySet<string>>();
  const checkCondition = (where: string, condition: Condition | undefined, asked: ReadonlyMap<string, ReadonlySet<string>>) => {
    for (const ref of references(condition)) {
      const choices = asked.get(ref.question);
      if (!choices) fail(`${where} refers to "${ref.question}", which is not an earlier question`);
      if (ref.choices.length === 0) fail(`${where} lists no choices for "${ref.question}"`);
      for (const choice of ref.choices) if (!choices?.has(choice)) fail(`${where} refers to unknown choice "${ref.question}=${choice}"`);
    }
  };

  for (const question of advisor.questions) {
    const where = `question "${question.id}"`;
    if (!ID.test(question.id)) fail(`${where}: id must be kebab-case`);
    if (seen.has(question.id)) fail(`${where}: duplicate id`);
    if (!question.text.trim()) fail(`${where}: text is empty`);
    if (question.choices.length < 2) fail(`${where}: needs at least two choices`);
    const choices = new Set(question.choices.map((c) => c.id));
    if (choices.size !== question.choices.length) fail(`${where}: duplicate choice id`);
    for (const choice of question.choices)
      if (!ID.test(choice.id) || !choice.label.trim()) fail(`${where}: choice "${choice.id}" needs a kebab-case id and a label`);
    checkCondition(where, question.when, seen);
    for (const [value, choiceId] of Object.entries(question.tenantFact?.choices ?? {})) {
      if (!choices.has(choiceId)) fail(`${where}: tenant fact value "${value}" maps to unknown choice "${choiceId}"`);
    }
    seen.set(question.id, choices);
  }

  const outcomeIds = new Set<string>();
  advisor.outcomes.forEach((outcome, index) => {
    const where = `outcome "${outcome.id}"`;
    const last = index === advisor.outcomes.length - 1;
    if (!ID.test(outcome.id)) fail(`${where}: id must be kebab-case`);
    if (outcomeIds.has(outcome.id)) fail(`${where}: duplicate id`);
    outcomeIds.add(outcome.id);
    if (last && outcome.when) fail(`${where}: the last outcome is the fallback and must have no condition`);
    if (!last && !outcome.when) fail(`${where}: only the last outcome may have no condition`);
    if (!outcome.title.trim() || !outcome.recommendation.trim()) fail(`${where}: title and recommendation are required`);
    if (outcome.why.length === 0 || outcome.checklist.length === 0) fail(`${where}: needs a rationale and a checklist`);
    if (outcome.links.length < 1 || outcome.links.length > 3) fail(`${where}: needs one to three links`);
    for (const link of outcome.links)
      if (!LEARN.test(link.url) || !link.title.trim()) fail(`${where}: link ${link.url} must be a titled Microsoft Learn page`);
    checkCondition(where, outcome.when, seen);
    for (const addendum of outcome.addenda ?? []) checkCondition(`${where} addendum`, addendum.when, seen);
  });
  if (advisor.outcomes.length === 0) fail('needs at least a fallback outcome');
}
