import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CertificateSpecError, parseCertificateSpec } from './certificate';
import { GenerateSpecError, parseGenerateSpec, resolveGenerationContext, type GenerateSpec } from './generate';
import { isObject } from './json';
import { AppError } from '../platform/errors';

/**
 * A dev-tenant scenario: Graph paths (relative to /v1.0/, or beta/…) mapped to the bodies Graph
 * returns there, or to an error entry. See DESIGN.md "Dev tenant scenario format". This module
 * finds, reads and validates a scenario file; materialise.ts serves it at an instant.
 */
export interface ScenarioMeta {
  name: string;
  /** The instant the file's timestamps are written relative to. */
  now: string;
  description?: string;
  faults?: Faults;
  /** Collections expanded when served (devtenant/generate/); absent from a materialised scenario. */
  generate?: GenerateSpec;
  /**
   * The permissions this tenant's admin consented to, when fewer than aad.manifest.json asks for
   * (a tenant where the app lacks one): a token's permissions count only where listed here.
   */
  consent?: { application?: string[]; delegated?: string[] };
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

export class ScenarioError extends AppError {
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    problem: string,
  ) {
    super('invalid_data', `Scenario ${file}${key === undefined ? '' : `, key "${key}"`}: ${problem}`);
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
  const consent = meta.consent === undefined ? undefined : parseConsent(meta.consent, source);
  let generate: GenerateSpec | undefined;
  if (meta.generate !== undefined) {
    try {
      generate = parseGenerateSpec(meta.generate);
    } catch (error) {
      throw scenarioErrorFrom(error, source);
    }
  }

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
    checkCertificates(value, source, key, '');
    entries.set(key, value as Entry);
  }
  if (generate?.servicePrincipals) {
    try {
      resolveGenerationContext(generate.servicePrincipals, entries);
    } catch (error) {
      throw scenarioErrorFrom(error, source);
    }
  }
  return {
    meta: {
      name: meta.name,
      now: meta.now,
      description: typeof meta.description === 'string' ? meta.description : undefined,
      faults,
      ...(generate ? { generate } : {}),
      ...(consent ? { consent } : {}),
    },
    source,
    entries,
  };
}

/** The scenario value form replaced by a certificate when served: {"@certificate": {"subject", "notBefore", "notAfter"}}. */
export const CERTIFICATE_FORM = '@certificate';

/** Validates every {"@certificate": …} in a value; problems name the file, the key and the place in the body. */
function checkCertificates(value: unknown, source: string, key: string, at: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkCertificates(item, source, key, `${at}[${index}]`));
    return;
  }
  if (!isObject(value)) return;
  if (CERTIFICATE_FORM in value) {
    const where = `${CERTIFICATE_FORM} at ${at || '(body)'}`;
    if (Object.keys(value).length !== 1)
      throw new ScenarioError(source, key, `${where}: "${CERTIFICATE_FORM}" must be the only property of its object`);
    try {
      parseCertificateSpec(value[CERTIFICATE_FORM]);
    } catch (error) {
      if (!(error instanceof CertificateSpecError)) throw error;
      throw new ScenarioError(source, key, `${where}: ${error.field === undefined ? '' : `"${error.field}" `}${error.message}`);
    }
    return;
  }
  for (const [name, child] of Object.entries(value)) checkCertificates(child, source, key, at ? `${at}.${name}` : name);
}

/** A generate-block problem as a ScenarioError naming the file; any other error as it is. */
export function scenarioErrorFrom(error: unknown, source: string): unknown {
  return error instanceof GenerateSpecError ? new ScenarioError(source, error.key, error.message) : error;
}

function parseConsent(value: unknown, source: string): NonNullable<ScenarioMeta['consent']> {
  if (!isObject(value)) throw new ScenarioError(source, '@scenario.consent', 'must be an object {"application": […], "delegated": […]}');
  const list = (name: 'application' | 'delegated'): string[] | undefined => {
    const v = value[name];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((p) => typeof p === 'string'))
      throw new ScenarioError(source, `@scenario.consent.${name}`, 'must be an array of permission names');
    return v as string[];
  };
  return { application: list('application'), delegated: list('delegated') };
}

function parseFaults(value: unknown, source: string): Faults {
  if (!isObject(value)) throw new ScenarioError(source, '@scenario.faults', 'must be an object');
  const share = (name: string): number | undefined => {
    const v = value[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || v < 0 || v > 1)
      throw new ScenarioError(source, `@scenario.faults.${name}`, 'must be a number between 0 and 1');
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
