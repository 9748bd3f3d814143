import { Button, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppRow, AppsResponse } from '../../../../../contract/tab';
import { DEFAULT_APPS_QUERY, type AppsQuery } from '../../api/client';
import { asTabApiError, type TabApiError } from '../../api/errors';
import { useNow } from '../../hooks/useNow';
import { useAnnounce } from '../Announcer';
import { ErrorPanel } from '../ErrorPanel';
import { EmptyState, Loading } from '../Loading';
import { PartialBadge } from '../PartialBadge';
import type { ViewProps } from '../views';
import { AppDetails } from './AppDetails';
import { AppsFilters } from './AppsFilters';
import { AppsTable } from './AppsTable';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: TabApiError }
  | { status: 'ok'; page: AppsResponse; more: 'idle' | 'loading' | TabApiError };

const PAGE = 50;

export default function AppsView({ client, inTeams }: ViewProps): JSX.Element {
  const [query, setQuery] = useState<AppsQuery>(DEFAULT_APPS_QUERY);
  const [search, setSearch] = useState('');
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [selected, setSelected] = useState<AppRow | null>(null);
  const [exporting, setExporting] = useState<'idle' | 'busy' | TabApiError>('idle');
  const [attempt, setAttempt] = useState({ n: 0, refresh: false });
  const generation = useRef(0);
  const now = useNow();
  const announce = useAnnounce();

  // Search waits for a pause in typing before it asks the server.
  useEffect(() => {
    const id = window.setTimeout(() => setQuery((q) => (q.search === search ? q : { ...q, search })), 300);
    return () => window.clearTimeout(id);
  }, [search]);

  useEffect(() => {
    const mine = ++generation.current;
    setList({ status: 'loading' });
    client.apps(query, null, PAGE, attempt.refresh).then(
      (page) => {
        if (generation.current !== mine) return;
        setList({ status: 'ok', page, more: 'idle' });
        announce(`${page.total} ${page.total === 1 ? 'app matches' : 'apps match'} the filters.`);
      },
      (error: unknown) => {
        if (generation.current === mine) setList({ status: 'error', error: asTabApiError(error) });
      },
    );
  }, [client, query, attempt, announce]);

  const loadMore = useCallback(() => {
    if (list.status !== 'ok' || !list.page.nextCursor || list.more === 'loading') return;
    const mine = generation.current;
    const current = list.page;
    setList({ ...list, more: 'loading' });
    client.apps(query, current.nextCursor, PAGE).then(
      (next) => {
        if (generation.current !== mine) return;
        setList({ status: 'ok', page: { ...next, items: [...current.items, ...next.items] }, more: 'idle' });
        announce(`Showing ${current.items.length + next.items.length} of ${next.total} apps.`);
      },
      (error: unknown) => {
        if (generation.current === mine) setList({ status: 'ok', page: current, more: asTabApiError(error) });
      },
    );
  }, [client, query, list, announce]);

  const exportCsv = (): void => {
    setExporting('busy');
    client.appsCsv(query).then(
      (blob) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `integrated-apps-${new Date().toISOString().slice(0, 10)}.csv`;
        document.body.append(link);
        link.click();
        link.remove();
        window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setExporting('idle');
        announce('The CSV file was downloaded.');
      },
      (error: unknown) => setExporting(asTabApiError(error)),
    );
  };

  const retry = (): void => setAttempt((a) => ({ n: a.n + 1, refresh: false }));
  const refresh = (): void => setAttempt((a) => ({ n: a.n + 1, refresh: true }));
  const page = list.status === 'ok' ? list.page : undefined;
  return (
    <section aria-labelledby="apps-heading" className="view" data-view="apps">
      <div className="view-head">
        <h2 id="apps-heading">Integrated apps</h2>
        <div className="view-actions">
          <Button onClick={refresh} disabled={list.status === 'loading'}>
            Refresh
          </Button>
          <Button
            onClick={exportCsv}
            disabled={exporting === 'busy' || list.status !== 'ok'}
            icon={exporting === 'busy' ? <Spinner size="extra-tiny" /> : undefined}
          >
            Export CSV
          </Button>
        </div>
      </div>
      <AppsFilters query={query} search={search} onSearch={setSearch} onChange={setQuery} />
      {typeof exporting === 'object' && <ErrorPanel error={exporting} onRetry={exportCsv} what="the CSV export" inTeams={inTeams} />}
      {list.status === 'loading' && <Loading label="Loading integrated apps" rows={6} />}
      {list.status === 'error' && <ErrorPanel error={list.error} onRetry={retry} what="the integrated apps" inTeams={inTeams} />}
      {page && (
        <>
          <PartialBadge partial={page.partial} />
          <p className="muted" data-testid="apps-count">
            Showing {page.items.length} of {page.total} {page.total === 1 ? 'app' : 'apps'}
          </p>
          {page.items.length === 0 ? (
            <EmptyState title="No apps match these filters">Clear the search or a filter to see more apps.</EmptyState>
          ) : (
            <AppsTable apps={page.items} now={now} onOpen={setSelected} />
          )}
          {list.status === 'ok' && typeof list.more === 'object' && (
            <ErrorPanel error={list.more} onRetry={loadMore} what="more apps" inTeams={inTeams} />
          )}
          {page.nextCursor && (
            <div className="load-more">
              <Button onClick={loadMore} disabled={list.status === 'ok' && list.more === 'loading'}>
                {list.status === 'ok' && list.more === 'loading' ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          )}
        </>
      )}
      <AppDetails app={selected} now={now} onClose={() => setSelected(null)} />
    </section>
  );
}
