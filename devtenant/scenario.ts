import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A dev-tenant scenario: Graph paths (relative to /v1.0/, or beta/…) mapped to the bodies Graph
 * returns there, or to an error entry. See DESIGN.md "Dev tenant scenario format".
 */
export interface ScenarioMeta {
  name: string;
  /** The instant the file's timestamps are written relative to. */
  now: string;
  description?: string;
  faults?: Faults;
}

export interface Faults {
  /** Share of requests (0..1) answered 429 with Retry-After; deterministic, spread evenly. */
  throttleShare?: number;
  retryAfterSeconds?: number;
  /** Share of requests answered 503. */
  unavailableShare?: number;
  /** Added latency per request, milliseconds. */
  latencyMs?: number;
}

export interface ErrorEntry {
  '@status': number;
  error: { code: string; message: string };
}

export type Entry = Record<string, unknown> | ErrorEntry;

export interface Scenario {
  meta: ScenarioMeta;
  /** Where it was loaded from (for messages). */
  source: string;
  entries: Map<string, Entry>;
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    problem: string,
  ) {
    super(`Scenario ${file}${key === undefined ? '' : `, key "${key}"`}: ${problem}`);
    this.name = 'ScenarioError';
  }
}

export const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));

/** Resolves a scenario name (a file in devtenant/scenarios) or a path to a file. */
export function resolveScenarioFile(nameOrPath: string): string {
  const candidates = [nameOrPath, path.join(SCENARIO_DIR, nameOrPath), path.join(SCENARIO_DIR, `${nameOrPath}.json`)];
  const found = candidates.find((candidate) => candidate.endsWith('.json') && existsSync(candidate));
  if (!found) {
    throw new ScenarioError(nameOrPath, undefined, `not found (looked for a file of that path and in ${SCENARIO_DIR})`);
  }
  return found;
}

export function isErrorEntry(entry: Entry): entry is ErrorEntry {
  return '@status' in entry;
}

const PATH_SEGMENT = /^[A-Za-z0-9_.@$(),'={}:-]+$/;

/** Parses and validates a scenario's JSON text. Every problem names the file and the key. */
export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(source, undefined, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new ScenarioError(source, undefined, 'must be a JSON object of Graph paths');
  const meta = raw['@scenario'];
  if (!isObject(meta)) throw new ScenarioError(source, '@scenario', 'missing; it must be an object with "name" and "now"');
  if (typeof meta.name !== 'string' || !meta.name) throw new ScenarioError(source, '@scenario.name', 'must be a non-empty string');
  if (typeof meta.now !== 'string' || Number.isNaN(Date.parse(meta.now))) {
    throw new ScenarioError(source, '@scenario.now', `must be an ISO 8601 date-time, got ${JSON.stringify(meta.now)}`);
  }
  const faults = meta.faults === undefined ? undefined : parseFaults(meta.faults, source);

  const entries = new Map<string, Entry>();
  for (const [key, value] of Object.entries(raw)) {
    if (key === '@scenario') continue;
    const segments = key.split('/');
    if (key.startsWith('/') || key.endsWith('/') || !segments.every((segment) => PATH_SEGMENT.test(segment))) {
      throw new ScenarioError(source, key, 'is not a Graph path relative to /v1.0/ (for example "organization" or "beta/organization")');
    }
    if (!isObject(value)) throw new ScenarioError(source, key, 'must be an object (a Graph response body or an error entry)');
    if ('@status' in value) {
      const status = value['@status'];
      const error = value.error;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
        throw new ScenarioError(source, key, '"@status" must be an HTTP error status between 400 and 599');
      }
      if (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
        throw new ScenarioError(source, key, 'an error entry needs "error": {"code": "…", "message": "…"}');
      }
    } else if ('value' in value && (!Array.isArray(value.value) || !value.value.every(isObject))) {
      throw new ScenarioError(source, key, '"value" must be an array of objects');
    }
    entries.set(key, value as Entry);
  }
  return { meta: { name: meta.name, now: meta.now, description: typeof meta.description === 'string' ? meta.description : undefined, faults }, source, entries };
}

function parseFaults(value: unknown, source: string): Faults {
  if (!isObject(value)) throw new ScenarioError(source, '@scenario.faults', 'must be an object');
  const share = (name: string): number | undefined => {
    const v = value[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || v < 0 || v > 1) throw new ScenarioError(source, `@scenario.faults.${name}`, 'must be a number between 0 and 1');
    return v;
  };
  const nonNegative = (name: string): number | undefined => {
    const v = value[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || v < 0) throw new ScenarioError(source, `@scenario.faults.${name}`, 'must be a non-negative number');
    return v;
  };
  return {
    throttleShare: share('throttleShare'),
    unavailableShare: share('unavailableShare'),
    retryAfterSeconds: nonNegative('retryAfterSeconds'),
    latencyMs: nonNegative('latencyMs'),
  };
}

export function loadScenario(nameOrPath: string): Scenario {
  const file = resolveScenarioFile(nameOrPath);
  return parseScenario(readFileSync(file, 'utf8'), file);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Moves every timestamp by (now − scenario now), so that "last sync 6 hours ago" stays true
 * whenever the scenario is served. Returns new entries; the input is not changed.
 */
export function shiftScenario(scenario: Scenario, now: Date): Scenario {
  const offset = now.getTime() - Date.parse(scenario.meta.now);
  const entries = new Map<string, Entry>();
  for (const [key, value] of scenario.entries) entries.set(key, shiftValue(value, offset) as Entry);
  return { ...scenario, meta: { ...scenario.meta, now: now.toISOString() }, entries };
}

function shiftValue(value: unknown, offset: number): unknown {
  if (typeof value === 'string') {
    if (!ISO_INSTANT.test(value)) return value;
    const shifted = new Date(Date.parse(value) + offset).toISOString();
    return value.includes('.') ? shifted : shifted.replace(/\.\d{3}Z$/, 'Z');
  }
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, offset));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shiftValue(v, offset);
    return out;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
