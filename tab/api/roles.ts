/**
 * Microsoft Entra built-in roles (role template ids, as they appear in a token's `wids` claim)
 * that may see the tenant's identity-integration data in the tab.
 */
export const TAB_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
};

/** Roles that may change who gets notifications and the thresholds. */
export const SETTINGS_ROLES = new Set(['62e90394-69f5-4237-9190-012177145e10', '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2']);

export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/** The recognised role names a token's wids hold. */
export function tabRolesOf(wids: readonly string[]): string[] {
  return wids.filter((id) => id in TAB_ROLES).map((id) => TAB_ROLES[id]);
}
