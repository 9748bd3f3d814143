import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadTabConfig, TabApiClient, type TabConfig } from './api/client';
import { devTokens, personaFromQuery, teamsTokens } from './api/tokens';
import { App } from './components/App';
import { applyTheme, connectToHost } from './teams';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const [host, config] = await Promise.all([connectToHost(), loadTabConfig().catch((): TabConfig | undefined => undefined)]);
  applyTheme(host.theme);
  // In Teams the host's SSO token; outside Teams the demo's local dev sign-in.
  const client = new TabApiClient(host.inTeams ? teamsTokens() : devTokens(personaFromQuery(location.search)));
  createRoot(container).render(
    <StrictMode>
      <App host={host} config={config} client={client} />
    </StrictMode>,
  );
}

void main();
