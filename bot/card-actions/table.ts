import type { TurnContext } from 'botbuilder';
import type { CardActionResult } from '../../contract/card-action';

/** A card action's data: Action.Submit data, or Action.Execute data with its verb merged in. */
export type CardActionData = Record<string, unknown> & { verb: string };

export type CardActionHandler = (context: TurnContext, data: CardActionData) => Promise<CardActionResult>;

/**
 * Verbs to their handlers. A key is a verb ("notify.settings") or a verb family ("advisor.*",
 * every verb that starts with "advisor."); a verb's own entry wins over its family's.
 */
export type CardActionTable = Readonly<Record<string, CardActionHandler>>;

/** The one dispatcher of card actions, read by the invoke path and the Action.Submit path alike. */
export class CardActions {
  private readonly handlers: ReadonlyMap<string, CardActionHandler>;

  constructor(table: CardActionTable) {
    this.handlers = new Map(Object.entries(table));
  }

  /** True when the data names a verb some handler answers. */
  handles(data: unknown): data is CardActionData {
    return this.handlerOf(data) !== undefined;
  }

  /** The handler's result; undefined when no handler answers the verb (the caller says so: a 400). */
  async run(context: TurnContext, data: unknown): Promise<CardActionResult | undefined> {
    const handler = this.handlerOf(data);
    return handler ? handler(context, data as CardActionData) : undefined;
  }

  private handlerOf(data: unknown): CardActionHandler | undefined {
    const verb = (data as { verb?: unknown } | null | undefined)?.verb;
    if (typeof verb !== 'string') return undefined;
    return this.handlers.get(verb) ?? this.handlers.get(familyOf(verb));
  }
}

/** "advisor.answer" -> "advisor.*"; a verb without a dot has no family. */
function familyOf(verb: string): string {
  const dot = verb.indexOf('.');
  return dot > 0 ? `${verb.slice(0, dot)}.*` : '';
}
