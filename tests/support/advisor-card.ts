type Card = Record<string, any>;

function find(node: unknown, test: (element: Card) => boolean): Card | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = find(item, test);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    if (test(node as Card)) return node as Card;
    for (const value of Object.values(node)) {
      const found = find(value, test);
      if (found) return found;
    }
  }
  return undefined;
}

/** The choices of an advisor question card, as the radio buttons show them. */
export function answerChoices(card: unknown): Array<{ title: string; value: string }> {
  return find(card, (e) => e.type === 'Input.ChoiceSet' && e.id === 'choiceId')?.choices ?? [];
}

/**
 * The click on "Next" with the choice-th answer picked: the Action.Execute, and its Action.Submit
 * fallback, with the card's input merged into their data as Teams sends it.
 */
export function answerClick(card: unknown, choice = 0): Card | undefined {
  const next = find(card, (e) => e.type === 'Action.Execute' && e.verb === 'advisor.answer');
  const picked = answerChoices(card)[choice];
  if (!next || !picked) return undefined;
  return {
    ...next,
    data: { ...next.data, choiceId: picked.value },
    fallback: { ...next.fallback, data: { ...next.fallback.data, choiceId: picked.value } },
  };
}
