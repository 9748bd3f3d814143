import advisors from './topics/advisors.json';
import authMethod from './topics/auth-method.json';
import cloudSync from './topics/cloud-sync.json';
import connectHealth from './topics/connect-health.json';
import connectTroubleshooting from './topics/connect-troubleshooting.json';
import connectSync from './topics/connect-sync.json';
import devices from './topics/devices.json';
import domains from './topics/domains.json';
import editions from './topics/editions.json';
import federation from './topics/federation.json';
import freeSubscription from './topics/free-subscription.json';
import fundamentals from './topics/fundamentals.json';
import identityModels from './topics/identity-models.json';
import integratedApps from './topics/integrated-apps.json';
import phs from './topics/phs.json';
import powerApps from './topics/power-apps.json';
import pta from './topics/pta.json';
import roles from './topics/roles.json';
import saasSso from './topics/saas-sso.json';
import seamlessSso from './topics/seamless-sso.json';
import securityBasics from './topics/security-basics.json';
import syncTroubleshooting from './topics/sync-troubleshooting.json';
import users from './topics/users.json';
import { validateTopics, type Topic } from './topic';

/** The topic files, by area (the file name). Add a file here when you add one to topics/. */
export const TOPIC_FILES: Record<string, readonly Topic[]> = {
  advisors: advisors as Topic[],
  'auth-method': authMethod as Topic[],
  'cloud-sync': cloudSync as Topic[],
  'connect-health': connectHealth as Topic[],
  'connect-sync': connectSync as Topic[],
  'connect-troubleshooting': connectTroubleshooting as Topic[],
  devices: devices as Topic[],
  domains: domains as Topic[],
  editions: editions as Topic[],
  federation: federation as Topic[],
  'free-subscription': freeSubscription as Topic[],
  fundamentals: fundamentals as Topic[],
  'identity-models': identityModels as Topic[],
  'integrated-apps': integratedApps as Topic[],
  phs: phs as Topic[],
  'power-apps': powerApps as Topic[],
  pta: pta as Topic[],
  roles: roles as Topic[],
  'saas-sso': saasSso as Topic[],
  'seamless-sso': seamlessSso as Topic[],
  'security-basics': securityBasics as Topic[],
  'sync-troubleshooting': syncTroubleshooting as Topic[],
  users: users as Topic[],
};

/** A topic with the area (file) it belongs to. */
export type CatalogTopic = Topic & { area: string };

let all: CatalogTopic[] | undefined;

/** Every topic, validated once. */
export function allTopics(): CatalogTopic[] {
  if (!all) {
    const topics = Object.entries(TOPIC_FILES).flatMap(([area, list]) => list.map((topic) => ({ ...topic, area })));
    validateTopics(topics);
    all = topics;
  }
  return all;
}
