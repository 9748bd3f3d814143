import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../platform/config';
import { STATUS_TAB_ENTITY_ID, statusTabUrl, tabViewUrl } from '../../platform/teams-links';

const production = { BOT_ID: 'bot', BOT_PASSWORD: 'secret', BOT_TENANT_ID: 'tenant', PUBLIC_URL: 'https://entracomp.azurewebsites.net' };

describe('"Open status tab" links', () => {
  it('in production open the tab inside Teams, by the manifest id before the app is published', () => {
    const url = new URL(statusTabUrl(loadConfig({ ...production, TEAMS_APP_ID: '0f3c2a9e-5b1d-4c7e-9a80-1b2c3d4e5f60' })));
    assert.equal(url.origin, 'https://teams.microsoft.com');
    assert.equal(url.pathname, `/l/entity/0f3c2a9e-5b1d-4c7e-9a80-1b2c3d4e5f60/${STATUS_TAB_ENTITY_ID}`);
    assert.equal(url.searchParams.get('webUrl'), 'https://entracomp.azurewebsites.net/tab/?view=overview');
    assert.equal(url.searchParams.get('label'), 'Entra status');
  });

  it('in production use the org catalog id once the app is published there', () => {
    const url = statusTabUrl(loadConfig({ ...production, TEAMS_APP_ID: 'manifest-id', TEAMS_APP_PUBLISHED_APP_ID: 'catalog-id' }));
    assert.match(url, /^https:\/\/teams\.microsoft\.com\/l\/entity\/catalog-id\/entraStatus\?/);
  });

  it('in demo mode stay on the local tab page, even with a Teams app id', () => {
    assert.equal(statusTabUrl(loadConfig({ PORT: '4100', TEAMS_APP_ID: 'manifest-id' })), 'http://127.0.0.1:4100/tab/');
  });

  it('name the entityId the manifest gives the status tab', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../appPackage/manifest.json', import.meta.url), 'utf8')) as {
      staticTabs: Array<{ entityId: string; name?: string }>;
    };
    assert.equal(manifest.staticTabs.find((tab) => tab.name === 'Entra status')?.entityId, STATUS_TAB_ENTITY_ID);
  });
});

describe('links to one view of the tab (the consolidated app alert opens the apps view)', () => {
  it('on the tab page itself: ?view=', () => {
    assert.equal(tabViewUrl('http://127.0.0.1:4100/tab/', 'apps'), 'http://127.0.0.1:4100/tab/?view=apps');
  });

  it('in Teams: the deep link opens the tab on that sub-entity, and its webUrl fallback on that view', () => {
    const url = new URL(tabViewUrl(statusTabUrl(loadConfig({ ...production, TEAMS_APP_ID: 'manifest-id' })), 'apps'));
    assert.equal(url.pathname, `/l/entity/manifest-id/${STATUS_TAB_ENTITY_ID}`);
    assert.deepEqual(JSON.parse(url.searchParams.get('context')!), { subEntityId: 'apps' });
    assert.equal(url.searchParams.get('webUrl'), 'https://entracomp.azurewebsites.net/tab/?view=apps');
    assert.equal(url.searchParams.get('label'), 'Entra status');
  });
});
