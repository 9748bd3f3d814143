import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { readUserInput } from './input';
import type { MessageRouter } from './router';
import { sendWelcome } from './replies';

/**
 * The Teams activity handler. It stays thin: it reads the user's input and hands it to the
 * router; each command and answer lives in its own module.
 */
export class EntraCompanionBot extends TeamsActivityHandler {
  constructor(router: MessageRouter) {
    super();
    this.onMessage(async (context, next) => {
      const input = readUserInput(context.activity);
      if (input.text || input.data) {
        await router.dispatch(context, input);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (botWasAdded(context)) await sendWelcome(context);
      await next();
    });
  }
}

function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}
