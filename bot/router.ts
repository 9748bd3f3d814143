import type { TurnContext } from 'botbuilder';
import type { UserInput } from './input';

export type MessageHandler = (context: TurnContext, input: UserInput) => Promise<void>;

/** A message route: a predicate on the user's words and the handler that answers. */
export interface MessageRoute {
  name: string;
  matches(input: UserInput): boolean;
  handle: MessageHandler;
}

/** Matches a message that is a command word or one of its aliases, case-insensitively; "help?" is "help", "?" stays "?". */
export function commandRoute(names: readonly string[], handle: MessageHandler, name = names[0]): MessageRoute {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return {
    name,
    matches: (input) => wanted.has(input.command),
    handle,
  };
}

/** Tries routes in order; the fallback answers everything else. */
export class MessageRouter {
  constructor(
    private readonly routes: readonly MessageRoute[],
    private readonly fallback: MessageHandler,
  ) {}

  /** The first matching route's handler, else the fallback; the turn waits for what it returns. */
  dispatch(context: TurnContext, input: UserInput): Promise<void> {
    for (const route of this.routes) if (route.matches(input)) return route.handle(context, input);
    return this.fallback(context, input);
  }
}
