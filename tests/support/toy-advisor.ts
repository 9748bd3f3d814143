import assert from 'node:assert/strict';
import { is, all } from '../../identity/advisors/conditions';
import { AdvisorError, type Advisor, type AdvisorView } from '../../identity/advisors/model';

/** A three-question toy advisor, and the view and error checks its specs share. */

const LINK = [{ title: 'Learn', url: 'https://learn.microsoft.com/en-us/entra/fundamentals/licensing' }];

/** A tiny advisor: "detail" is asked only when kind = a. */
export const TOY: Advisor = {
  id: 'setup',
  name: 'Toy',
  intro: 'A toy advisor for engine specs.',
  questions: [
    {
      id: 'kind',
      text: 'Kind?',
      choices: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      tenantFact: { key: 'edition', choices: { p1: 'b' } },
    },
    {
      id: 'detail',
      text: 'Detail?',
      when: is('kind', 'a'),
      choices: [
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ],
    },
    {
      id: 'size',
      text: 'Size?',
      choices: [
        { id: 's', label: 'Small' },
        { id: 'l', label: 'Large' },
      ],
    },
  ],
  outcomes: [
    {
      id: 'ax',
      title: 'AX',
      recommendation: 'Do AX.',
      when: is('detail', 'x'),
      why: ['x chosen'],
      prerequisites: [],
      checklist: ['step ax'],
      links: LINK,
    },
    {
      id: 'big',
      title: 'Big',
      recommendation: 'Go big.',
      when: is('size', 'l'),
      why: ['large'],
      prerequisites: [],
      checklist: ['step big'],
      links: LINK,
      addenda: [{ when: all(is('kind', 'b'), is('size', 'l')), why: ['b and large'], checklist: ['extra step'] }],
    },
    {
      id: 'other',
      title: 'Other',
      recommendation: 'Do the rest.',
      why: ['fallback'],
      prerequisites: [],
      checklist: ['step other'],
      links: LINK,
    },
  ],
};

export function questionOf(view: AdvisorView) {
  assert.equal(view.kind, 'question');
  return view;
}

export function outcomeOf(view: AdvisorView) {
  assert.equal(view.kind, 'outcome');
  return view;
}

export function throwsCode(fn: () => unknown, code: string) {
  assert.throws(fn, (error: unknown) => error instanceof AdvisorError && error.problem === code);
}
