/** The deployment advisors and the engine that walks them; the bot layer imports from here. */
import { ADFS_ADVISOR } from './adfs';
import { CONNECT_ADVISOR } from './connect';
import type { Advisor, AdvisorId } from './model';
import { SETUP_GUIDE } from './setup';

export const ADVISORS: Readonly<Record<AdvisorId, Advisor>> = {
  connect: CONNECT_ADVISOR,
  adfs: ADFS_ADVISOR,
  setup: SETUP_GUIDE,
};

export { outcomeAsText } from './as-text';
export { answer, back, current, effectiveAnswers, restart, start } from './engine';
export { knownFromTenant, type TenantFacts } from './tenant-facts';
export { validateAdvisor } from './validate';
export { OFFICIAL_ADVISORS, type OfficialAdvisor } from './official';
export * from './model';
