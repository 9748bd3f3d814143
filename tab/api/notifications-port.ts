import type { Observation, SettingsResponse } from '../../contract/tab';

/** What the tab API needs from notifications (history for the chart, settings). */
export interface TabNotificationsPort {
  history(tenantId: string, days: number): Promise<Observation[]>;
  settings(tenantId: string): Promise<Omit<SettingsResponse, 'canEdit'>>;
  updateSettings(
    tenantId: string,
    settings: Omit<SettingsResponse, 'canEdit'>,
    actor: { userId: string; name: string },
  ): Promise<Omit<SettingsResponse, 'canEdit'>>;
}
