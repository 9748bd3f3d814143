import {
  FluentProvider,
  Tab,
  TabList,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme as FluentTheme,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useState, type LazyExoticComponent } from 'react';
import type { TabApiClient, TabConfig } from '../api/client';
import { useLoad } from '../hooks/useLoad';
import { applyTheme, hostLabel, onHostThemeChange, type HostInfo, type Theme } from '../teams';
import { Announcer } from './Announcer';
import { ErrorPanel } from './ErrorPanel';
import { Loading } from './Loading';
import { viewFromQuery, VIEWS, type ViewName, type ViewProps } from './views';

const THEMES: Record<Theme, FluentTheme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const VIEW_COMPONENTS: Record<ViewName, LazyExoticComponent<(props: ViewProps) => JSX.Element>> = {
  overview: lazy(() => import('./overview/OverviewView')),
  apps: lazy(() => import('./apps/AppsView')),
  history: lazy(() => import('./history/HistoryView')),
  settings: lazy(() => import('./settings/SettingsView')),
};

interface Props {
  host: HostInfo;
  config: TabConfig | undefined;
  client: TabApiClient;
}

/** The tab's shell: theme, who is signed in, the view tabs and the chosen view. */
export function App({ host, config, client }: Props): JSX.Element {
  const [theme, setTheme] = useState<Theme>(host.theme);
  const [view, setView] = useState<ViewName>(() => viewFromQuery(location.search, host.subPageId));
  const { state: me, reload: reloadMe } = useLoad(() => client.me(), [client]);

  useEffect(() => {
    applyTheme(theme);
  }, [theme]);
  useEffect(() => {
    if (host.inTeams) onHostThemeChange(setTheme);
  }, [host.inTeams]);
  useEffect(() => {
    const onPop = (): void => setView(viewFromQuery(location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const select = useCallback((next: ViewName) => {
    setView(next);
    const url = new URL(location.href);
    url.searchParams.set('view', next);
    history.pushState(null, '', url);
  }, []);

  const View = VIEW_COMPONENTS[view];
  return (
    <FluentProvider theme={THEMES[theme]}>
      <div className="shell">
        <Announcer>
          <header className="top">
            <div className="title-row">
              <h1>Entra status</h1>
              {me.status === 'ok' && (
                <span className="muted signed-in" data-testid="signed-in">
                  {me.data.name}
                  {me.data.roles.length ? ` · ${me.data.roles.join(', ')}` : ' · no admin role'}
                </span>
              )}
            </div>
            <nav aria-label="Views">
              <TabList selectedValue={view} onTabSelect={(_, data) => select(data.value as ViewName)} size="medium">
                {VIEWS.map((v) => (
                  <Tab key={v.name} value={v.name} id={`tab-${v.name}`}>
                    {v.label}
                  </Tab>
                ))}
              </TabList>
            </nav>
          </header>
          <main id="app" className="content">
            {me.status === 'loading' && <Loading label="Signing in" tiles={4} rows={3} />}
            {me.status === 'error' && <ErrorPanel error={me.error} onRetry={() => reloadMe()} what="your sign-in" inTeams={host.inTeams} />}
            {me.status === 'ok' && (
              <Suspense fallback={<Loading label="Loading the view" rows={4} />}>
                <View client={client} me={me.data} inTeams={host.inTeams} navigate={select} />
              </Suspense>
            )}
            <footer className="muted footer">
              {config?.mode === 'demo' ? 'Demo (dev tenant on this machine)' : config ? 'Production' : 'Server unreachable'} · Running in{' '}
              {host.inTeams ? hostLabel(host.hostName) : 'a browser, outside Teams'}
              {config?.version ? ` · version ${config.version}` : ''}
            </footer>
          </main>
        </Announcer>
      </div>
    </FluentProvider>
  );
}
