import type { TurnContext } from 'botbuilder';
import type { RoleChecker } from '../identity/tenant/admin-roles';
import { actorOf } from './conversation';

/**
 * Lets the turn go on only for a user who holds one of the checker's roles; otherwise tells them
 * why ("The tenant status is for admins: …") and answers false.
 */
export async function admitAdmin(context: TurnContext, roles: RoleChecker, tenantId: string, what: string): Promise<boolean> {
  const decision = await roles.canManage(tenantId, actorOf(context));
  if (!decision.allowed) await context.sendActivity(`${what} is for admins: ${decision.reason}.`);
  return decision.allowed;
}
