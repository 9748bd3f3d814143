import type { GraphPort } from '../../platform/graph/port';
import { graphErrorOf } from '../../platform/graph/port';

/**
 * Microsoft Entra built-in roles the app recognises, by role template id (the id in a token's
 * `wids` claim and a directoryRole's roleTemplateId, the same in every tenant).
 * https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference
 */
export const ENTRA_ROLES = {
  globalAdministrator: { id: '62e90394-69f5-4237-9190-012177145e10', name: 'Global Administrator' },
  globalReader: { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: 'Global Reader' },
  hybridIdentityAdministrator: { id: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', name: 'Hybrid Identity Administrator' },
  securityReader: { id: '5d6b6bb7-de71-4623-b4af-96380a352509', name: 'Security Reader' },
  applicationAdministrator: { id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator' },
  cloudApplicationAdministrator: { id: '158c047a-c907-4556-b7ef-446551a6b5f7', name: 'Cloud Application Administrator' },
  securityAdministrator: { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: 'Security Administrator' },
  directoryReaders: { id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', name: 'Directory Readers' },
} as const;

type RoleKey = keyof typeof ENTRA_ROLES;

function roleNames(keys: readonly RoleKey[]): Readonly<Record<string, string>> {
  return Object.fromEntries(keys.map((key) => [ENTRA_ROLES[key].id, ENTRA_ROLES[key].name]));
}

/** Who may see the tenant's identity-integration data (the tab, `status` and `apps` in chat). */
export const TAB_ROLES = roleNames([
  'globalAdministrator',
  'globalReader',
  'hybridIdentityAdministrator',
  'securityReader',
  'applicationAdministrator',
  'cloudApplicationAdministrator',
]);

/**
 * Who may subscribe a channel or group chat (and acknowledge or snooze alerts there, or change its
 * settings in chat or in the tab): a user who holds, active now, one of these roles. Teams activities
 * carry no Entra roles, so the bot asks Microsoft Graph app-only (ROLE_CALL). The OData cast makes it
 * an advanced query: without `ConsistencyLevel: eventual` and `$count=true` Graph answers 400
 * Request_UnsupportedQuery (https://learn.microsoft.com/en-us/graph/aad-advanced-queries). Its
 * least-privileged application permission is User.Read.All (user-list-transitivememberof), but with
 * it alone a directory role comes back with only its id: reading roleTemplateId also needs
 * RoleManagement.Read.Directory (or Directory.Read.All). PIM-eligible but not activated roles do
 * not count. In a personal chat a user subscribes themself, no role needed.
 * Demo mode (no credentials): every Agents Playground user counts as an admin.
 */
export const NOTIFICATION_ADMIN_ROLES = roleNames(['globalAdministrator', 'hybridIdentityAdministrator']);

/** The same roles as a set of ids, for checking a token's `wids`. */
/** The directory roles of a user, as the role check asks Graph for them (headers resent on every page). */
export const ROLE_CALL = {
  url: (objectId: string) =>
    `users/${objectId}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName&$count=true`,
  headers: { ConsistencyLevel: 'eventual' },
  permissions: 'User.Read.All and RoleManagement.Read.Directory',
} as const;

export const SETTINGS_ROLES: ReadonlySet<string> = new Set(Object.keys(NOTIFICATION_ADMIN_ROLES));

/** The recognised role names a token's wids hold. */
export function tabRolesOf(wids: readonly string[]): string[] {
  return wids.filter((id) => id in TAB_ROLES).map((id) => TAB_ROLES[id]);
}

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
    let url = ROLE_CALL.url(objectId);
    for (let page = 0; page < 10 && url; page++) {
      const reply = await this.graphFor(tenantId).get({ url, headers: { ...ROLE_CALL.headers } });
      if (reply.status !== 200) {
        const error = graphErrorOf(reply);
        return {
          allowed: false,
          reason: `your roles could not be read (${reply.status} ${error?.code ?? ''}); the app needs ${ROLE_CALL.permissions}`.replace(
            ' )',
            ')',
          ),
        };
      }
      const body = reply.body as { value?: Array<{ roleTemplateId?: string | null }>; '@odata.nextLink'?: string };
      const roles = body.value ?? [];
      const match = roles.find((role) => role.roleTemplateId && this.roles[role.roleTemplateId]);
      if (match) return { allowed: true, reason: this.roles[match.roleTemplateId!] };
      if (roles.some((role) => !role.roleTemplateId)) {
        return {
          allowed: false,
          reason: `your roles could not be read (Graph returned them without their template ids); the app needs ${ROLE_CALL.permissions}`,
        };
      }
      url = body['@odata.nextLink'] ?? '';
    }
    return { allowed: false, reason: `only a ${Object.values(this.roles).join(' or ')} may do this here` };
  }
}
