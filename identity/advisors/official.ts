import type { AdvisorId } from '../knowledge/topic';

/** Microsoft's own deployment advisors, which our chat advisors mirror and link to. */
export interface OfficialAdvisor {
  id: AdvisorId;
  name: string;
  /** What the user types (or a button sends) to start ours in chat. */
  command: string;
  /** Microsoft's advisor (Microsoft 365 admin center; sign-in required). */
  url: string;
}

/** Links as given on Microsoft Learn, "Azure integration with Microsoft 365". */
export const OFFICIAL_ADVISORS: Record<AdvisorId, OfficialAdvisor> = {
  connect: { id: 'connect', name: 'Entra Connect advisor', command: 'connect advisor', url: 'https://aka.ms/aadconnectpwsync' },
  adfs: { id: 'adfs', name: 'AD FS deployment advisor', command: 'adfs advisor', url: 'https://aka.ms/adfsguidance' },
  setup: { id: 'setup', name: 'Entra setup guide', command: 'setup guide', url: 'https://aka.ms/aadpguidance' },
};
