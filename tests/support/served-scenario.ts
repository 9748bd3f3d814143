import assert from 'node:assert/strict';
import { answerGet, type GraphResponse } from '../../devtenant/graph';
import { isErrorEntry, type Scenario } from '../../devtenant/scenario';

/**
 * Reading a served dev-tenant scenario as a Graph client would (GET a path, follow the pages,
 * $count), for the specs of the shipped scenarios and of the generator.
 */

export type Item = Record<string, unknown>;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const INTEGRATED = 'WindowsAzureActiveDirectoryIntegratedApp';

/** GET a Graph path (or an @odata.nextLink) from the scenario, as the dev tenant would answer it. */
export function get(scenario: Scenario, path: string, headers: Record<string, string> = {}): GraphResponse {
  const url = new URL(path.replace(/^https?:\/\/[^/]+\/(v1\.0\/)?/, ''), 'http://devtenant/');
  return answerGet(scenario, {
    path: decodeURIComponent(url.pathname.slice(1)),
    query: url.searchParams,
    headers,
    origin: 'http://devtenant',
  });
}

/** The items of a collection entry, asserting it is one. */
export function values(scenario: Scenario, key: string): Item[] {
  const entry = scenario.entries.get(key);
  assert.ok(entry && !isErrorEntry(entry) && Array.isArray(entry.value), `${scenario.meta.name}: "${key}" is a collection`);
  return entry.value as Item[];
}

/** Every item of a collection, following @odata.nextLink. */
export function everyPage(scenario: Scenario, first: string): { items: Item[]; pages: number } {
  const items: Item[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const response = get(scenario, next);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const body = response.body as { value: Item[]; '@odata.nextLink'?: string };
    items.push(...body.value);
    pages += 1;
    next = body['@odata.nextLink'];
  }
  return { items, pages };
}

/** A $count answer, with the ConsistencyLevel header it needs. */
export const count = (scenario: Scenario, path: string): number => {
  const response = get(scenario, path, { consistencylevel: 'eventual' });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Number(response.body);
};

/** A random instant in 2026–2027, to show a scenario reads the same whenever it is served. */
export const sometime = (): Date =>
  new Date(Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 400 * DAY) + Math.floor(Math.random() * 1000));
