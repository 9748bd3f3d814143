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
}

/**
 * Initialises teams-js with a short timeout. Teams hosts the tab in a frame (desktop, web), in a
 * webview with a native interface (mobile) or in a popup (auth); a frame that is not Teams hits
 * the timeout.
 */
export async function connectToHost(timeoutMs = 1500): Promise<HostInfo> {
  // A plain top-level browser tab cannot be Teams: skip teams-js (and its CDN fetch) entirely.
  const hosted = window.parent !== window || window.opener !== null || 'nativeInterface' in window;
  if (!hosted) return { inTeams: false, theme: themeFromQuery(location.search) };
  let timer: number | undefined;
  try {
    const { app } = await loadTeamsJs();
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => {
        timer = window.setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    const context = await app.getContext();
    return {
      inTeams: true,
      theme: asTheme(context.app.theme),
      hostName: context.app.host.name,
      tenantId: context.user?.tenant?.id,
      loginHint: context.user?.loginHint ?? context.user?.userPrincipalName,
    };
  } catch {
    return { inTeams: false, theme: themeFromQuery(location.search) };
  } finally {
    window.clearTimeout(timer);
  }
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
