import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The wire side of the Teams host protocol, as @microsoft/teams-js 2.x speaks it over postMessage
 * (read from the package itself: dist/esm/.../internal/communication.js, messageObjects.js,
 * appHelpers.js, public/app/app.js, public/authentication.js, public/runtime.js):
 *
 * - the app sends a request `{ id, uuidAsString, func, args, timestamp, apiVersionTag }`;
 * - the host answers `{ id, uuidAsString, args }` to the window that asked, at its origin;
 * - the host starts an event with `{ func, args }` (e.g. `themeChange`) for handlers the app
 *   registered with `registerHandler`.
 */

export interface HostRequest {
  id: number;
  uuidAsString?: string;
  func: string;
  args?: unknown[];
  apiVersionTag?: string;
}

export interface HostResponse {
  id: number;
  uuidAsString?: string;
  args: unknown[];
}

export interface HostEvent {
  func: string;
  args: unknown[];
}

export function isHostRequest(data: unknown): data is HostRequest {
  const d = data as Partial<HostRequest> | null;
  return typeof d === 'object' && d !== null && typeof d.id === 'number' && typeof d.func === 'string';
}

export function responseTo(request: HostRequest, args: unknown[]): HostResponse {
  return { id: request.id, uuidAsString: request.uuidAsString, args };
}

export type TeamsTheme = 'default' | 'dark' | 'contrast';
export type FrameContext = 'content' | 'authentication';

/** The signed-in Teams user and tenant the host reports (and the SSO token must match). */
export interface TeamsUser {
  tenantId: string;
  objectId: string;
  userPrincipalName: string;
  displayName: string;
}

/** Where the tab runs: Teams on the web by default; Outlook and the Microsoft 365 app host tabs too. */
export interface HostDescription {
  name: 'Teams' | 'Outlook' | 'Office';
  clientType: 'web' | 'desktop';
  locale: string;
  entityId: string;
}

const require = createRequire(import.meta.url);
/** The SDK version the host says it supports: the one the tab ships, so no capability is downgraded. */
export const TEAMS_JS_VERSION = (
  JSON.parse(readFileSync(require.resolve('@microsoft/teams-js/package.json'), 'utf8')) as { version: string }
).version;

/**
 * The runtime config a current (non-legacy) Teams web client sends in its initialize answer:
 * apiVersion 4 (teams-js fast-forwards older ones) and the capabilities a personal tab has.
 */
export function runtimeConfig(): string {
  return JSON.stringify({
    apiVersion: 4,
    isLegacyTeams: false,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: {
      app: {},
      appEntity: {},
      appInstallDialog: {},
      dialog: { card: { bot: {} }, url: { bot: {}, parentCommunication: {} }, update: {} },
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teams: { fullTrust: {} },
      teamsCore: {},
    },
  });
}

/**
 * The context object the host answers `getContext` with. teams-js turns this flat, older shape
 * into app.Context (public/app/app.js): `tid` → user.tenant.id, `theme` → app.theme, `hostName`
 * → app.host.name, `loginHint`/`userPrincipalName` → user.loginHint/userPrincipalName.
 */
export function legacyContext(user: TeamsUser, host: HostDescription, theme: TeamsTheme, frameContext: FrameContext, sessionId: string) {
  return {
    entityId: host.entityId,
    locale: host.locale,
    theme,
    tid: user.tenantId,
    userObjectId: user.objectId,
    userPrincipalName: user.userPrincipalName,
    loginHint: user.userPrincipalName,
    userDisplayName: user.displayName,
    userLicenseType: 'Unknown',
    tenantSKU: 'enterprise',
    hostName: host.name,
    hostClientType: host.clientType,
    frameContext,
    appSessionId: sessionId,
    sessionId,
    ringId: 'general',
    isFullScreen: false,
    isMultiWindow: false,
  };
}
