import type { AppsResponse, HistoryResponse, MeResponse, SettingsResponse, StatusResponse } from '../../../../contract/tab';
import type { AppsSummaryResponse } from '../../../../contract/apps-summary';
import type { AlertsResponse, Exclusion, ExclusionRequest } from '../../../../contract/alert-rules';
import { asTabApiError, errorFromResponse, TabApiError } from './errors';
import type { TokenSource } from './tokens';

export { TabApiError } from './errors';

/** Filters and order of the integrated-apps list, as the API's query string takes them. */
export interface AppsQuery {
  search: string;
  verified: '' | 'true' | 'false';
  highPrivilege: boolean;
  expiring: boolean;
  consent: '' | 'admin' | 'user' | 'none';
  sort: 'name' | 'expiry' | 'risk';
}

export const DEFAULT_APPS_QUERY: AppsQuery = { search: '', verified: '', highPrivilege: false, expiring: false, consent: '', sort: 'risk' };

export function appsQueryString(query: AppsQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.search.trim()) params.set('search', query.search.trim());
  if (query.verified) params.set('verified', query.verified);
  if (query.highPrivilege) params.set('highPrivilege', 'true');
  if (query.expiring) params.set('expiring', 'true');
  if (query.consent) params.set('consent', query.consent);
  params.set('sort', query.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export interface TabConfig {
  mode: 'demo' | 'production';
  clientId: string | null;
  version?: string;
}

/** Typed calls to /api/tab/*: adds the Bearer token, renews it once after a 401, maps errors. */
export class TabApiClient {
  constructor(private readonly tokens: TokenSource) {}

  me(): Promise<MeResponse> {
    return this.json<MeResponse>('/api/tab/me');
  }

  status(refresh = false): Promise<StatusResponse> {
    return this.json<StatusResponse>(refresh ? '/api/tab/status?refresh=1' : '/api/tab/status');
  }

  /** The overview's app counts (its own request: the status stays one Graph round trip). */
  appsSummary(refresh = false): Promise<AppsSummaryResponse> {
    return this.json<AppsSummaryResponse>(refresh ? '/api/tab/apps/summary?refresh=1' : '/api/tab/apps/summary');
  }

  /** refresh=1 makes the server read Graph again (the first page only). */
  apps(query: AppsQuery, cursor: string | null, limit = 50, refresh = false): Promise<AppsResponse> {
    const extra: Record<string, string> = { limit: String(limit) };
    if (cursor) extra.cursor = cursor;
    if (refresh) extra.refresh = '1';
    return this.json<AppsResponse>(`/api/tab/apps?${appsQueryString(query, extra)}`);
  }

  async appsCsv(query: AppsQuery): Promise<Blob> {
    const response = await this.send(`/api/tab/apps.csv?${appsQueryString(query)}`, { headers: { accept: 'text/csv' } });
    return response.blob();
  }

  history(days: number): Promise<HistoryResponse> {
    return this.json<HistoryResponse>(`/api/tab/history?days=${days}`);
  }

  settings(): Promise<SettingsResponse> {
    return this.json<SettingsResponse>('/api/tab/settings');
  }

  saveSettings(settings: SettingsResponse): Promise<SettingsResponse> {
    return this.json<SettingsResponse>('/api/tab/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
  }

  /** The tenant's alerts (snoozed, acknowledged, excluded) and its exclusions. */
  alerts(): Promise<AlertsResponse> {
    return this.json<AlertsResponse>('/api/tab/alerts');
  }

  exclude(request: ExclusionRequest): Promise<Exclusion> {
    return this.json<Exclusion>('/api/tab/exclusions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  revokeExclusion(id: string): Promise<Exclusion> {
    return this.json<Exclusion>(`/api/tab/exclusions/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
    });
    return (await response.json()) as T;
  }

  private async send(path: string, init: RequestInit, retried = false): Promise<Response> {
    let response: Response;
    try {
      const token = await this.tokens.get();
      const headers = new Headers(init.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      response = await fetch(path, { ...init, headers, cache: 'no-store' });
    } catch (error) {
      throw asTabApiError(error);
    }
    if (response.ok) return response;
    if (response.status === 401 && !retried) {
      let renewed = false;
      try {
        renewed = await this.tokens.renew();
      } catch (error) {
        throw error instanceof TabApiError ? error : asTabApiError(error);
      }
      if (renewed) return this.send(path, init, true);
    }
    throw await errorFromResponse(response);
  }
}

/** GET /api/tab/config: needs no token. */
export async function loadTabConfig(): Promise<TabConfig> {
  try {
    const response = await fetch('/api/tab/config', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as TabConfig;
  } catch (error) {
    throw asTabApiError(error);
  }
}
