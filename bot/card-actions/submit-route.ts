import type { MessageRoute } from '../router';
import { showCardActionResult } from '../card-replies';
import type { CardActions } from './table';

/** Action.Submit buttons arrive as messages carrying the card's data: the same verb table answers them. */
export function cardActionRoute(actions: CardActions): MessageRoute {
  return {
    name: 'card action',
    matches: (input) => actions.handles(input.data),
    handle: async (context, input) => {
      const result = await actions.run(context, input.data);
      if (result) await showCardActionResult(context, result);
    },
  };
}
