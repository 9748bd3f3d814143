import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What Entra Companion's app registration asks of Microsoft Graph (aad.manifest.json's
 * requiredResourceAccess): the dev tenant grants exactly these by default, as a tenant whose admin
 * consented to the app would, so the demo can read no more than production can.
 */
export interface RequestedPermissions {
  /** Application permissions (type "Role"): the watcher, the bot's checks, `npm run check`. */
  application: string[];
  /** Delegated permissions (type "Scope"): the tab, on behalf of the signed-in admin. */
  delegated: string[];
}

export const MANIFEST_FILE = fileURLToPath(new URL('../aad.manifest.json', import.meta.url));

export function requestedPermissions(file = MANIFEST_FILE): RequestedPermissions {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    requiredResourceAccess?: Array<{ resourceAppId?: string; resourceAccess?: Array<{ id?: string; type?: string }> }>;
  };
  const graph = (manifest.requiredResourceAccess ?? []).filter(
    (r) => r.resourceAppId === 'Microsoft Graph' || r.resourceAppId === '00000003-0000-0000-c000-000000000000',
  );
  const of = (type: string): string[] => [
    ...new Set(graph.flatMap((r) => (r.resourceAccess ?? []).filter((a) => a.type === type).map((a) => String(a.id)))),
  ];
  return { application: of('Role'), delegated: of('Scope') };
}
