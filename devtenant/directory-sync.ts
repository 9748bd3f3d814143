/**
 * directory/onPremisesSynchronization on v1.0 as well as beta. Graph serves it on both versions
 * with the same permissions (onpremisesdirectorysynchronization-get, v1.0 and beta), but v1.0's
 * types are smaller:
 *   - configuration (resources/onpremisesdirectorysynchronizationconfiguration?view=graph-rest-1.0)
 *     has only accidentalDeletionPrevention; beta adds the client version, the intervals and more;
 *   - features (resources/onpremisesdirectorysynchronizationfeature, v1.0 and beta, 2024-10-03)
 *     has 19 booleans on v1.0; beta adds allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled.
 * A scenario holds the beta answer (the fuller one) and the v1.0 answer is derived from it, so the
 * two never disagree; a scenario may still give a v1.0 key of its own (an error, say).
 */
import { SYNC_FEATURES } from '../identity/tenant/connect-details';
import { isErrorEntry, type Entry, type Scenario } from './scenario';

const V1_PATH = /^directory\/onPremisesSynchronization(?:\/([^/]+))?$/;
const BETA_KEY = 'beta/directory/onPremisesSynchronization';

/** The properties of v1.0's onPremisesDirectorySynchronizationConfiguration. */
export const V1_CONFIGURATION: readonly string[] = ['accidentalDeletionPrevention'];

/**
 * The 19 booleans of v1.0's onPremisesDirectorySynchronizationFeature: the domain's one list of
 * them (identity/tenant/connect-details.ts, which names each for the tab), so the dev tenant serves
 * exactly the features the app reads.
 */
const V1_FEATURES: readonly string[] = SYNC_FEATURES.map((feature) => feature.key);

type Item = Record<string, unknown>;

function only(object: unknown, keys: readonly string[]): Item | null {
  if (!object || typeof object !== 'object') return null;
  return Object.fromEntries(Object.entries(object as Item).filter(([key]) => keys.includes(key)));
}

function asV1(item: Item): Item {
  return {
    ...item,
    ...('configuration' in item ? { configuration: only(item.configuration, V1_CONFIGURATION) } : {}),
    ...('features' in item ? { features: only(item.features, V1_FEATURES) } : {}),
  };
}

/**
 * The v1.0 answer for the collection or one item of it, from the scenario's beta entry;
 * undefined for any other path, or when the scenario has a v1.0 key of its own.
 */
export function v1DirectorySync(scenario: Scenario, path: string): Entry | undefined {
  const match = V1_PATH.exec(path);
  if (!match || scenario.entries.has(path)) return undefined;
  const beta = scenario.entries.get(BETA_KEY);
  if (!beta || isErrorEntry(beta) || !Array.isArray(beta.value)) return beta;
  const items = (beta.value as Item[]).map(asV1);
  if (match[1] === undefined) return { ...beta, value: items };
  const id = decodeURIComponent(match[1]);
  return items.find((item) => item.id === id);
}
