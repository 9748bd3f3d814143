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

/**
 * The link to one view of the tab (overview, apps, …), from the status tab link: the page itself
 * gets `?view=`; a Teams deep link gets it on its webUrl fallback and as the sub-entity the tab
 * opens on (`context={"subEntityId":…}`, which teams-js hands the tab as `page.subPageId`).
 */
export function tabViewUrl(tabUrl: string, view: string): string {
  const url = new URL(tabUrl);
  if (url.hostname !== 'teams.microsoft.com') {
    url.searchParams.set('view', view);
    return url.toString();
  }
  const webUrl = url.searchParams.get('webUrl');
  if (webUrl) url.searchParams.set('webUrl', tabViewUrl(webUrl, view));
  url.searchParams.set('context', JSON.stringify({ subEntityId: view }));
  return url.toString();
}
