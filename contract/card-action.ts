/**
 * What a card action (Action.Execute or Action.Submit) produces, whoever handles it (advisors,
 * alerts, settings): a card that replaces the clicked one, and/or a message in the conversation.
 */
export interface CardActionResult {
  card?: Record<string, unknown>;
  message?: string;
}

/** Who clicked or typed: the Teams user, with their Entra object id when Teams sent it. */
export interface Actor {
  id: string;
  name?: string;
  aadObjectId?: string;
}
