/** Builders and evaluation for answer conditions. */
import type { Condition } from './model';

export type Answers = Readonly<Record<string, string>>;

export const is = (question: string, ...choices: string[]): Condition => ({ question, is: choices });
export const all = (...conditions: Condition[]): Condition => ({ all: conditions });
export const any = (...conditions: Condition[]): Condition => ({ any: conditions });
export const not = (condition: Condition): Condition => ({ not: condition });

/** True when the condition holds; an unanswered question matches no choice. */
export function holds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  if ('question' in condition) {
    const answer = answers[condition.question];
    return answer !== undefined && condition.is.includes(answer);
  }
  if ('all' in condition) return condition.all.every((c) => holds(c, answers));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers));
  return !holds(condition.not, answers);
}

/**
 * Three-valued evaluation for planning ahead: questions in `open` are not answered yet and
 * could still take any value, so a condition on them is 'maybe'.
 */
export function mayHold(condition: Condition | undefined, answers: Answers, open: ReadonlySet<string>): boolean | 'maybe' {
  if (!condition) return true;
  if ('question' in condition) {
    if (open.has(condition.question)) return 'maybe';
    const answer = answers[condition.question];
    return answer !== undefined && condition.is.includes(answer);
  }
  if ('all' in condition) {
    const results = condition.all.map((c) => mayHold(c, answers, open));
    if (results.includes(false)) return false;
    return results.every((r) => r === true) ? true : 'maybe';
  }
  if ('any' in condition) {
    const results = condition.any.map((c) => mayHold(c, answers, open));
    if (results.includes(true)) return true;
    return results.every((r) => r === false) ? false : 'maybe';
  }
  const inner = mayHold(condition.not, answers, open);
  return inner === 'maybe' ? 'maybe' : !inner;
}

/** Every question a condition refers to, with the choices it names. */
export function references(condition: Condition | undefined): Array<{ question: string; choices: readonly string[] }> {
  if (!condition) return [];
  if ('question' in condition) return [{ question: condition.question, choices: condition.is }];
  if ('all' in condition) return condition.all.flatMap(references);
  if ('any' in condition) return condition.any.flatMap(references);
  return references(condition.not);
}
