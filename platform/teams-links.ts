import type { AppConfig } from './config';

/** The status tab's entityId in appPackage/manifest.json (staticTabs). */
export const STATUS_TAB_ENTITY_ID = 'entraStatus';

/**
 * Where "Open status tab" goes. In production, a Teams deep link to the tab
 * (https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=…&label=…, learn.microsoft.com
 * microsoftteams/platform/concepts/build-and-test/deep-link-application): the app id is the org
 * catalog's once the app is published there, the manifest's id before; webUrl is the fallback for a
 * client that cannot show the tab. In demo mode (or production without TEAMS_APP_ID) the tab's own page.
 */
export function statusTabUrl(config: Pick<AppConfig, 'mode' | 'publicUrl' | 'teamsAppId' | 'teamsCatalogAppId'>): string {
  const page = `${config.publicUrl}/tab/`;
  const appId = config.teamsCatalogAppId || config.teamsAppId;
  if (config.mode === 'demo' || !appId) return page;
  const query = new URLSearchParams({ webUrl: `${page}?view=overview`, label: 'Entra status' });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${STATUS_TAB_ENTITY_ID}?${query.toString()}`;
}
