import { app, pages } from '@microsoft/teams-js';

/** Configuration page of the channel tab: one fixed content page, saved as soon as Teams asks. */
async function configure(): Promise<void> {
  try {
    await app.initialize();
  } catch {
    return; // opened outside Teams: nothing to configure
  }
  const base = `${location.origin}/tab/`;
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({
        entityId: 'entraStatusChannel',
        contentUrl: `${base}?view=overview`,
        websiteUrl: `${base}?view=overview`,
        suggestedDisplayName: 'Entra status',
      })
      .then(() => saveEvent.notifySuccess())
      .catch((error: Error) => saveEvent.notifyFailure(error.message));
  });
  pages.config.setValidityState(true);
}

void configure();
