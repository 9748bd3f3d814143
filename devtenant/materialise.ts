import { certificateBase64 } from './certificate';
import { createGenerator, resolveGenerationContext, type Generator, type ServicePrincipalGeneration } from './generate';
import { isObject } from './json';
import { CERTIFICATE_FORM, scenarioErrorFrom, ScenarioError, type Entry, type Scenario, type ScenarioMeta } from './scenario';

/**
 * A scenario as served at an instant: its timestamps moved so that "6 hours ago" stays true
 * whenever it is served, certificates made, generated collections expanded.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Graph writes DateTimeOffset's least value, 0001-01-01T00:00:00Z, for "never" (a synchronization
 * job that has not reached steady state: synchronization-synchronizationjob-get's sample); it is
 * not a time, so it is served as written.
 */
const NEVER = /^0001-01-01T00:00:00(\.0+)?Z$/;

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

/**
 * The scenario as served at `now`: timestamps shifted (as shiftScenario), then every
 * {"@certificate": …} replaced by the base64 DER of a self-signed certificate with the shifted
 * validity, and the "@scenario".generate collections expanded. The input is not changed; the
 * result has no "generate" left, so materialising it again only shifts.
 */
export function materialise(scenario: Scenario, now: Date): Scenario {
  const offset = now.getTime() - Date.parse(scenario.meta.now);
  const entries = new Map<string, Entry>();
  for (const [key, value] of scenario.entries) entries.set(key, materialiseValue(value, offset) as Entry);
  const generation = scenario.meta.generate?.servicePrincipals;
  if (generation) {
    const generated = generatorFor(scenario, generation).at(now);
    const append = (key: string, items: Array<Record<string, unknown>>): void => {
      const existing = entries.get(key) as Record<string, unknown> | undefined;
      const value = existing && Array.isArray(existing.value) ? (existing.value as unknown[]) : [];
      entries.set(key, { ...existing, value: value.concat(items) });
    };
    append('servicePrincipals', generated.servicePrincipals);
    append('applications', generated.applications);
    append('oauth2PermissionGrants', generated.oauth2PermissionGrants);
    for (const [id, assignments] of generated.appRoleAssignments) {
      const key = `servicePrincipals/${id}/appRoleAssignments`;
      if (entries.has(key))
        throw new ScenarioError(
          scenario.source,
          key,
          'collides with a generated service principal; change "@scenario.generate.servicePrincipals.seed"',
        );
      entries.set(key, assignments.length ? { value: assignments } : EMPTY_COLLECTION);
    }
  }
  const meta: ScenarioMeta = { ...scenario.meta, now: now.toISOString() };
  delete meta.generate;
  return { ...scenario, meta, entries };
}

const EMPTY_COLLECTION: Entry = Object.freeze({ value: Object.freeze([]) as unknown as unknown[] });

/** One generator per loaded scenario (its entries), so the apps are drawn once, not per request. */
const generators = new WeakMap<Map<string, Entry>, { spec: ServicePrincipalGeneration; generator: Generator }>();

function generatorFor(scenario: Scenario, spec: ServicePrincipalGeneration): Generator {
  const cached = generators.get(scenario.entries);
  if (cached && cached.spec === spec) return cached.generator;
  let generator: Generator;
  try {
    generator = createGenerator(spec, resolveGenerationContext(spec, scenario.entries));
  } catch (error) {
    throw scenarioErrorFrom(error, scenario.source);
  }
  generators.set(scenario.entries, { spec, generator });
  return generator;
}

function materialiseValue(value: unknown, offset: number): unknown {
  if (isObject(value) && CERTIFICATE_FORM in value) {
    const spec = shiftValue(value[CERTIFICATE_FORM], offset) as { subject: string; notBefore: string; notAfter: string };
    return certificateBase64(spec);
  }
  if (Array.isArray(value)) return value.map((item) => materialiseValue(item, offset));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = materialiseValue(v, offset);
    return out;
  }
  return shiftValue(value, offset);
}

function shiftValue(value: unknown, offset: number): unknown {
  if (typeof value === 'string') {
    if (!ISO_INSTANT.test(value) || NEVER.test(value)) return value;
    const shifted = new Date(Date.parse(value) + offset).toISOString();
    // Served with as many fractional digits as written: none, milliseconds, or Graph's seven
    // (the shift is whole milliseconds, so the digits past the third stay as they are).
    const fraction = /\.(\d+)/.exec(value)?.[1];
    if (!fraction) return shifted.replace(/\.\d{3}Z$/, 'Z');
    return fraction.length > 3 ? shifted.replace(/Z$/, `${fraction.slice(3)}Z`) : shifted;
  }
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, offset));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shiftValue(v, offset);
    return out;
  }
  return value;
}
