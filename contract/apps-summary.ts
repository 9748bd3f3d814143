import type { PartialSection } from './tab';

/**
 * GET /api/tab/apps/summary[?refresh=1]: what the overview counts of the apps (a request of its own,
 * so that the status stays one Graph round trip; the apps read is the one the apps view shares).
 * An app needs attention when it has an app finding at warning or above.
 */
export interface AppsSummaryResponse {
  /** Integrated apps read. */
  apps: number;
  needAttention: number;
  highPrivilege: number;
  credentialsExpiring: number;
  credentialsExpired: number;
  /** Of the apps that need attention, how many have a finding an admin excluded from alerts (still counted). */
  excluded: number;
  partial: PartialSection[];
}
