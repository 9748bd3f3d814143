import assert from 'node:assert/strict';

/** An Adaptive Card action as the specs read it off a sent card: Action.Execute, Action.Submit, or Action.ShowCard with its form. */
export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: { body: Array<Record<string, unknown>>; actions: CardAction[] };
}

/** Every action of a card, those inside its Action.ShowCard forms too. */
export function actionsOf(card: { actions: CardAction[] }): CardAction[] {
  return [...card.actions, ...card.actions.flatMap((a) => a.card?.actions ?? [])];
}

/** The form behind a Snooze… (or Snooze all…) button: a choice of 1 h, 8 h, 24 h or 7 days, and a reason that must be given. */
export function assertSnoozeForm(snooze: CardAction): void {
  assert.equal(snooze.type, 'Action.ShowCard');
  const hours = snooze.card!.body.find((e) => e.id === 'hours')!;
  assert.deepEqual(
    (hours.choices as Array<{ value: string }>).map((c) => c.value),
    ['1', '8', '24', '168'],
  );
  assert.equal(snooze.card!.body.find((e) => e.id === 'reason')!.isRequired, true);
}
