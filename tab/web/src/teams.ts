import type * as TeamsJsModule from '@microsoft/teams-js';

/**
 * teams-js is loaded only when a host may be there: it fetches its valid-origins list from a CDN
 * as soon as it is imported, which a plain browser (the demo) neither needs nor may do (CSP).
 */
type TeamsJs = typeof TeamsJsModule;
let teamsJs: Promise<TeamsJs> | undefined;
export function loadTeamsJs(): Promise<TeamsJs> {
  teamsJs ??= import('@microsoft/teams-js');
  return teamsJs;
}

export type Theme = 'default' | 'dark' | 'contrast';

export interface HostInfo {
  inTeams: boolean;
  theme: Theme;
  hostName?: string;
  tenantId?: string;
  loginHint?: string;
  /** The sub-entity a deep link opened the tab on (the view: platform/teams-links.ts tabViewUrl). */
  subPageId?: string;
}

/** How long the tab waits for Teams before it says so (it goes on waiting: a slow host still wins). */
export const HOST_SLOW_AFTER_MS = 10_000;

/** Teams hosts a tab in a frame (desktop, web, Outlook, the Microsoft 365 app) or a native webview (mobile). */
export function isHostedByTeams(): boolean {
  return window.parent !== window || 'nativeInterface' in window;
}

/** teams-js could not start: the host answered initialize with an error, or teams-js gave up (it does after 60 s). */
export class HostConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostConnectError';
  }
}

/**
 * Connects to the host. A top-level page is not in Teams: the demo path, without teams-js (and its
 * CDN fetch). A hosted page is in Teams and stays so: it waits for initialize however long the host
 * takes (a loaded Teams client can take seconds), calls `onSlow` once after `slowAfterMs` so the
 * user learns why nothing happens, and rejects with HostConnectError only when teams-js fails. It
 * never falls back to the demo sign-in, which inside Teams could only mislead.
 */
export async function connectToHost(options: { onSlow?: () => void; slowAfterMs?: number } = {}): Promise<HostInfo> {
  if (!isHostedByTeams()) return { inTeams: false, theme: themeFromQuery(location.search) };
  const timer = window.setTimeout(() => options.onSlow?.(), options.slowAfterMs ?? HOST_SLOW_AFTER_MS);
  try {
    const { app } = await loadTeamsJs();
    await app.initialize();
    const context = await app.getContext();
    return {
      inTeams: true,
      theme: asTheme(context.app.theme),
      hostName: context.app.host.name,
      tenantId: context.user?.tenant?.id,
      loginHint: context.user?.loginHint ?? context.user?.userPrincipalName,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
    };
  } catch (error) {
    throw new HostConnectError(error instanceof Error ? error.message : String(error));
  } finally {
    window.clearTimeout(timer);
  }
}

/**
 * The host's name for people: teams-js's HostName values (app.host.name) are Teams, TeamsModern,
 * Outlook, OutlookWin32, Office (the Microsoft 365 app) and a few more, which stay as they are.
 */
export function hostLabel(hostName: string | undefined): string {
  if (!hostName || hostName === 'Teams' || hostName === 'TeamsModern') return 'Microsoft Teams';
  if (hostName === 'Outlook' || hostName === 'OutlookWin32') return 'Outlook';
  if (hostName === 'Office') return 'the Microsoft 365 app';
  return hostName;
}

/** Calls back whenever the Teams user switches theme. */
export function onHostThemeChange(callback: (theme: Theme) => void): void {
  void loadTeamsJs().then(({ app }) => app.registerOnThemeChangeHandler((theme) => callback(asTheme(theme))));
}

/** Marks the page's theme so the page background outside React follows it. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Opens the consent popup (auth-start.html → Entra → auth-end.html); resolves when it succeeded. */
export async function requestConsent(): Promise<void> {
  const { authentication } = await loadTeamsJs();
  await authentication.authenticate({ url: `${location.origin}/tab/auth-start.html`, width: 600, height: 535 });
}

export function asTheme(value: string | null | undefined): Theme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export function themeFromQuery(search: string): Theme {
  return asTheme(new URLSearchParams(search).get('theme'));
}
