import type { MeResponse } from '../../../../contract/tab';
import type { TabApiClient } from '../api/client';

export type ViewName = 'overview' | 'apps' | 'history' | 'settings';

export const VIEWS: Array<{ name: ViewName; label: string }> = [
  { name: 'overview', label: 'Overview' },
  { name: 'apps', label: 'Integrated apps' },
  { name: 'history', label: 'Sync history' },
  { name: 'settings', label: 'Notifications' },
];

/** The view the page asks for (`?view=`), else the one a Teams deep link opened the tab on, else the overview. */
export function viewFromQuery(search: string, subPageId?: string): ViewName {
  const value = new URLSearchParams(search).get('view') ?? subPageId;
  return VIEWS.some((v) => v.name === value) ? (value as ViewName) : 'overview';
}

/** What every view gets from the shell. */
export interface ViewProps {
  client: TabApiClient;
  me: MeResponse;
  inTeams: boolean;
  /** Switches the tab to another view (as its tab in the header does). */
  navigate: (view: ViewName) => void;
}
