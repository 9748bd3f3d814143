import { is } from '../../identity/advisors/conditions';
import { validateAdvisor } from '../../identity/advisors/index';
import type { Advisor } from '../../identity/advisors/model';
import { throwsCode, TOY } from '../support/toy-advisor';

/** The checks on an advisor's data before anyone walks it: a broken definition is a typed error. */
describe('validateAdvisor', () => {
  const broken = (change: Partial<Advisor>): Advisor => ({ ...TOY, ...change });

  it('accepts the toy advisor', () => validateAdvisor(TOY));
  it('requires the last outcome to be an unconditional fallback', () => {
    throwsCode(() => validateAdvisor(broken({ outcomes: TOY.outcomes.slice(0, 2) })), 'invalid-advisor');
  });
  it('refuses conditions on later or unknown questions and choices', () => {
    const [kind, detail, size] = TOY.questions;
    throwsCode(() => validateAdvisor(broken({ questions: [{ ...kind, when: is('size', 's') }, detail, size] })), 'invalid-advisor');
    throwsCode(() => validateAdvisor(broken({ questions: [kind, { ...detail, when: is('kind', 'c') }, size] })), 'invalid-advisor');
  });
  it('refuses links that are not Microsoft Learn pages', () => {
    const [ax, big, other] = TOY.outcomes;
    throwsCode(
      () => validateAdvisor(broken({ outcomes: [ax, big, { ...other, links: [{ title: 'x', url: 'http://example.com' }] }] })),
      'invalid-advisor',
    );
  });
});
