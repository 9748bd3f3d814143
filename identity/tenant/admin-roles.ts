import type { GraphPort } from '../../platform/graph/port';
import { graphErrorOf } from '../../platform/graph/port';

/**
 * Who may subscribe a channel or group chat (and acknowledge or snooze alerts there, or change its
 * settings): a user who holds, active now, one of these Microsoft Entra roles. Teams activities
 * carry no Entra roles, so the bot asks Microsoft Graph app-only:
 *   GET /v1.0/users/{aadObjectId}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName
 * (application permission RoleManagement.Read.Directory or Directory.Read.All). PIM-eligible but not
 * activated roles do not count. The same two roles may change notification settings in the tab
 * (contract.ts MeResponse.canManageNotifications). In a personal chat a user subscribes themself, no role needed.
 * Demo mode (no credentials): every Agents Playground user counts as an admin.
 */
export const NOTIFICATION_ADMIN_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
};

export interface RoleDecision {
  allowed: boolean;
  /** The role that allowed it, or why not. */
  reason: string;
}

export interface RoleChecker {
  canManage(tenantId: string, user: { id: string; aadObjectId?: string }): Promise<RoleDecision>;
}

export const demoRoleChecker: RoleChecker = {
  canManage: async () => ({ allowed: true, reason: 'demo mode: every Agents Playground user counts as an admin' }),
};

export class GraphRoleChecker implements RoleChecker {
  private readonly cache = new Map<string, { at: number; decision: RoleDecision }>();

  constructor(
    private readonly graphFor: (tenantId: string) => GraphPort,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 5 * 60_000,
    /** Role template id → name of the roles that allow; the notification admins unless said otherwise. */
    private readonly roles: Readonly<Record<string, string>> = NOTIFICATION_ADMIN_ROLES,
  ) {}

  async canManage(tenantId: string, user: { id: string; aadObjectId?: string }): Promise<RoleDecision> {
    const objectId = user.aadObjectId;
    if (!objectId || !/^[0-9a-f-]{36}$/i.test(objectId))
      return { allowed: false, reason: 'Teams did not say who you are in Microsoft Entra ID (no aadObjectId)' };
    const cacheKey = `${tenantId}/${objectId}`;
    const cached = this.cache.get(cacheKey);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.decision;
    const decision = await this.ask(tenantId, objectId);
    this.cache.set(cacheKey, { at: this.now(), decision });
    return decision;
  }

  private async ask(tenantId: string, objectId: string): Promise<RoleDecision> {
    let url = `users/${objectId}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName`;
    for (let page = 0; page < 10 && url; page++) {
      const reply = await this.graphFor(tenantId).get({ url });
      if (reply.status !== 200) {
        const error = graphErrorOf(reply);
        return {
          allowed: false,
          reason:
            `your roles could not be read (${reply.status} ${error?.code ?? ''}); the app needs RoleManagement.Read.Directory`.replace(
              ' )',
              ')',
            ),
        };
      }
      const body = reply.body as { value?: Array<{ roleTemplateId?: string }>; '@odata.nextLink'?: string };
      const match = (body.value ?? []).find((role) => role.roleTemplateId && this.roles[role.roleTemplateId]);
      if (match) return { allowed: true, reason: this.roles[match.roleTemplateId!] };
      url = body['@odata.nextLink'] ?? '';
    }
    return { allowed: false, reason: `only a ${Object.values(this.roles).join(' or ')} may do this here` };
  }
}
