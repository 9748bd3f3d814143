/**
 * Large tenants without a large file: a scenario declares
 *
 *   "@scenario": { …, "generate": { "servicePrincipals": { "count": 20000, …options } } }
 *
 * and the dev tenant expands it, deterministically (seeded PRNG, never Math.random), into extra
 * `servicePrincipals` values (integrated apps, Graph's shapes), the `applications` registered in
 * this tenant, `oauth2PermissionGrants` (tenant-wide and per-user consent) and one
 * `servicePrincipals/{id}/appRoleAssignments` collection per generated app (empty for most, as
 * Graph answers for an app without application permissions).
 *
 * Item i is drawn from its own PRNG stream (seed, i), so item i is the same whatever the count.
 * Timestamps are computed from the serving instant directly (no separate shift pass), equal to what
 * shifting timestamps written at "@scenario.now" would give.
 *
 * The parts: spec.ts (the block and its errors), context.ts (what is read from the hand-written
 * scenario), service-principals.ts (the generator), random.ts (the seeded PRNG and ids), names.ts
 * (vendor and product names), microsoft-graph.ts (Graph's ids and tags).
 */
export { resolveGenerationContext, type GenerationContext } from './context';
export { GENERATED_APP_TAG, HIGH_PRIVILEGE_APP_ROLES, MICROSOFT_GRAPH_APP_ID } from './microsoft-graph';
export { Rng } from './random';
export { createGenerator, generateServicePrincipals, type GeneratedApps, type Generator } from './service-principals';
export { GenerateSpecError, MAX_GENERATED, parseGenerateSpec, type GenerateSpec, type ServicePrincipalGeneration } from './spec';
