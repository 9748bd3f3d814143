import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadTabConfig, TabApiClient, type TabConfig } from './api/client';
import { devTokens, personaFromQuery, teamsTokens } from './api/tokens';
import { App } from './components/App';
import { HostProblem } from './components/HostProblem';
import { applyTheme, connectToHost, HostConnectError, type HostInfo } from './teams';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  const config = loadTabConfig().catch((): TabConfig | undefined => undefined);
  let host: HostInfo;
  try {
    host = await connectToHost({ onSlow: () => root.render(<HostProblem problem="slow" />) });
  } catch (error) {
    root.render(<HostProblem problem="failed" detail={error instanceof HostConnectError ? error.message : String(error)} />);
    return;
  }
  applyTheme(host.theme);
  // In Teams the host's SSO token; outside Teams (a top-level page) the demo's local dev sign-in.
  const client = new TabApiClient(host.inTeams ? teamsTokens() : devTokens(personaFromQuery(location.search)));
  root.render(
    <StrictMode>
      <App host={host} config={await config} client={client} />
    </StrictMode>,
  );
}

void main();
