import { app } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';

export interface HostInfo {
  inTeams: boolean;
  theme: Theme;
  hostName?: string;
  tenantId?: string;
}

/** Initialises teams-js; outside Teams (a plain browser in the demo) it answers after a short wait. */
export async function connectToHost(timeoutMs = 1500): Promise<HostInfo> {
  const inFrame = window.parent !== window;
  if (!inFrame) return { inTeams: false, theme: themeFromQuery() };
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))]);
    const context = await app.getContext();
    app.registerOnThemeChangeHandler((theme) => applyTheme(asTheme(theme)));
    return { inTeams: true, theme: asTheme(context.app.theme), hostName: context.app.host.name, tenantId: context.user?.tenant?.id };
  } catch {
    return { inTeams: false, theme: themeFromQuery() };
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

function asTheme(value: string | undefined): Theme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

function themeFromQuery(): Theme {
  return asTheme(new URLSearchParams(location.search).get('theme') ?? undefined);
}
