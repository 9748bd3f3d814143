import { graphError, type GraphResponse } from './answer';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { authorize, DIRECTORY_ROLE_READ } from './permissions';
import { checkAdvancedQuery, checkSelect, pageSizeFor } from './queries';
import { v1DirectorySync } from './directory-sync';
import { checkQueryOptions } from './query-options';
import { isErrorEntry, type Entry, type Scenario } from './scenario';
import type { Caller } from './tokens';

export { graphError, type GraphResponse } from './answer';

export interface GraphRequest {
  /** Path after the version, e.g. "organization" or "beta/organization" (beta prefixed). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Base used to build @odata.nextLink, e.g. http://127.0.0.1:3979 */
  origin: string;
  /** Who calls (from the bearer token); the server always says. Without one, no permission is checked (scenario-content specs). */
  caller?: Caller;
  /** The permissions the tenant's admin consented to, when the scenario narrows them. */
  consent?: readonly string[];
}

/** Graph's default page size for directory collections. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

/** Answers a GET against a scenario the way Graph would. Pure: no I/O, no clock. */
export function answerGet(scenario: Scenario, request: GraphRequest): GraphResponse {
  const { path, query, headers } = request;
  const countSegment = path.endsWith('/$count');
  const resourcePath = countSegment ? path.slice(0, -'/$count'.length) : path;
  let limitedTo: readonly string[] | undefined;
  let roleObjectsReadable = true;
  if (request.caller) {
    const access = authorize(request.caller, path, request.consent);
    if (!access.allowed) return access.refusal;
    limitedTo = access.limitedTo;
    roleObjectsReadable = DIRECTORY_ROLE_READ.some((p) => access.permissions.has(p));
  }
  const eventual = (headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
  const refused =
    checkQueryOptions(resourcePath, query) ??
    checkAdvancedQuery(resourcePath, query, eventual) ??
    checkSelect(resourcePath, parseSelect(query.get('$select')));
  if (refused) return refused;
  const found = lookup(scenario, resourcePath);
  if (!found) {
    return graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${resourcePath}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  if (isErrorEntry(found)) {
    return graphError(found['@status'], found.error.code, found.error.message);
  }
  if (countSegment) {
    if (!eventual) return graphError(400, 'Request_BadRequest', '$count is not currently supported.');
    const items = Array.isArray(found.value) ? (found.value as Record<string, unknown>[]) : [];
    const filtered = applyFilter(items, query.get('$filter'));
    if ('error' in filtered) return filtered.error;
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(filtered.items.length) };
  }
  const select = parseSelect(query.get('$select'));
  const shown = (item: Record<string, unknown>): Record<string, unknown> =>
    limit(project(item, select), limitedTo ?? (!roleObjectsReadable && isDirectoryRole(item) ? ['id'] : undefined));
  if (!Array.isArray(found.value)) {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: shown(found) };
  }
  const filtered = applyFilter(found.value as Record<string, unknown>[], query.get('$filter'));
  if ('error' in filtered) return filtered.error;
  const top = pageSizeFor(resourcePath, query, headers['prefer']);
  if (typeof top !== 'number') return top;
  const skip = decodeSkipToken(query);
  if (skip === undefined) return graphError(400, 'Request_BadRequest', 'Invalid $skiptoken.');
  const page = filtered.items.slice(skip, skip + top);
  const body: Record<string, unknown> = {};
  if (query.get('$count') === 'true' && eventual && skip === 0) body['@odata.count'] = filtered.items.length;
  body.value = page.map(shown);
  if (skip + top < filtered.items.length) {
    const next = new URLSearchParams(query);
    next.set('$top', String(top));
    next.delete('$skiptoken');
    next.set('$skiptoken', encodeSkipToken(skip + top, next));
    const version = path.startsWith('beta/') ? '' : 'v1.0/';
    body['@odata.nextLink'] = `${request.origin}/${version}${resourcePath}?${next.toString()}`;
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body };
}

/**
 * Finds the entry for a path: an exact key; an item of a parent collection by id or by an
 * alternate key (`servicePrincipals(appId='…')`); or a view Graph derives from other data
 * (`servicePrincipals/{id}/appRoleAssignedTo` from the apps' appRoleAssignments).
 */
function lookup(scenario: Scenario, path: string): Entry | undefined {
  const exact = scenario.entries.get(path);
  if (exact) return exact;
  const derived = v1DirectorySync(scenario, path);
  if (derived) return derived;
  const alternate = /^([A-Za-z0-9]+)\((\w+)='([^']*)'\)(\/.*)?$/.exec(path);
  if (alternate) {
    const [, collection, key, value, rest] = alternate;
    const parent = scenario.entries.get(collection);
    const item =
      parent && !isErrorEntry(parent) && Array.isArray(parent.value)
        ? (parent.value as Record<string, unknown>[]).find((i) => i[key] === value)
        : undefined;
    if (!item) return undefined;
    return rest ? lookup(scenario, `${collection}/${String(item.id)}${rest}`) : item;
  }
  const cast = /^(users\/[^/]+\/transitiveMemberOf)\/microsoft\.graph\.directoryRole$/.exec(path);
  if (cast) {
    const all = scenario.entries.get(cast[1]);
    if (!all || isErrorEntry(all) || !Array.isArray(all.value)) return all;
    return { value: (all.value as Record<string, unknown>[]).filter(isDirectoryRole) };
  }
  const assignedTo = /^servicePrincipals\/([^/]+)\/appRoleAssignedTo$/.exec(path);
  if (assignedTo) {
    const value: unknown[] = [];
    for (const [key, entry] of scenario.entries) {
      if (!/^servicePrincipals\/[^/]+\/appRoleAssignments$/.test(key) || isErrorEntry(entry) || !Array.isArray(entry.value)) continue;
      value.push(...(entry.value as Record<string, unknown>[]).filter((a) => a.resourceId === assignedTo[1]));
    }
    return { value };
  }
  const slash = path.lastIndexOf('/');
  if (slash < 0) return undefined;
  const parent = scenario.entries.get(path.slice(0, slash));
  if (!parent || isErrorEntry(parent) || !Array.isArray(parent.value)) return undefined;
  const id = decodeURIComponent(path.slice(slash + 1));
  return (parent.value as Record<string, unknown>[]).find((item) => item.id === id);
}

function parseSelect(select: string | null): string[] | undefined {
  if (!select) return undefined;
  return select
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
}

function project(item: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select) return item;
  const out: Record<string, unknown> = {};
  if (item['@odata.type'] !== undefined) out['@odata.type'] = item['@odata.type'];
  for (const field of select) if (field in item) out[field] = item[field];
  return out;
}

/**
 * What a caller with only a basic permission sees: every property but `keep` as null (organization
 * with User.Read), or a directory object it may not read with only its id and @odata.type.
 */
function limit(item: Record<string, unknown>, keep: readonly string[] | undefined): Record<string, unknown> {
  if (!keep) return item;
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, k === '@odata.type' || keep.includes(k) ? v : null]));
}

function isDirectoryRole(item: Record<string, unknown>): boolean {
  return item['@odata.type'] === '#microsoft.graph.directoryRole';
}

/**
 * $skiptoken is opaque, as Graph's is (https://learn.microsoft.com/en-us/graph/paging): signed,
 * and bound to the rest of the query, so a nextLink works only as given (a client that edits the
 * token, or the query around it, gets 400).
 */
const SKIP_KEY = randomBytes(32);

function queryFingerprint(query: URLSearchParams): string {
  const rest = [...query.entries()].filter(([key]) => key !== '$skiptoken').sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 16);
}

function encodeSkipToken(offset: number, query: URLSearchParams): string {
  const payload = Buffer.from(JSON.stringify({ o: offset, q: queryFingerprint(query) })).toString('base64url');
  return `${payload}.${createHmac('sha256', SKIP_KEY).update(payload).digest('base64url').slice(0, 22)}`;
}

function decodeSkipToken(query: URLSearchParams): number | undefined {
  const token = query.get('$skiptoken');
  if (!token) return 0;
  const [payload, mac] = token.split('.');
  if (!payload || mac !== createHmac('sha256', SKIP_KEY).update(payload).digest('base64url').slice(0, 22)) return undefined;
  try {
    const { o, q } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { o?: unknown; q?: unknown };
    return typeof o === 'number' && q === queryFingerprint(query) ? o : undefined;
  } catch {
    return undefined;
  }
}

type FilterResult = { items: Record<string, unknown>[] } | { error: GraphResponse };
type Predicate = (item: Record<string, unknown>) => boolean;

/**
 * The $filter forms the app uses: `a eq 'x'`, `a/b eq true|false|null|number`, `ne`, `ge`, `le`,
 * `coll/any(o:o/p eq 'x')`, joined with `and`. Anything else is a 400, as Graph answers an
 * unsupported query, so a wrong query never passes silently.
 */
function applyFilter(items: Record<string, unknown>[], filter: string | null): FilterResult {
  if (!filter) return { items };
  const clauses = filter.split(/\s+and\s+/i);
  const predicates: Predicate[] = [];
  for (const clause of clauses) {
    const predicate = parseClause(clause.trim());
    if (!predicate) return { error: graphError(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause: ${clause}`) };
    predicates.push(predicate);
  }
  return { items: items.filter((item) => predicates.every((p) => p(item))) };
}

const COMPARISON = /^([A-Za-z0-9_/]+)\s+(eq|ne|ge|le|gt|lt)\s+(.+)$/i;
const ANY = /^([A-Za-z0-9_]+)\/any\((\w+):\s*\2(?:\/([A-Za-z0-9_/]+))?\s+eq\s+(.+)\)$/i;

function parseClause(clause: string): Predicate | undefined {
  const any = ANY.exec(clause);
  if (any) {
    const [, collection, , property, literal] = any;
    const expected = parseLiteral(literal);
    if (expected === INVALID) return undefined;
    return (item) => {
      const list = item[collection];
      return Array.isArray(list) && list.some((element) => (property ? readPath(element, property) : element) === expected);
    };
  }
  const comparison = COMPARISON.exec(clause);
  if (!comparison) return undefined;
  const [, property, operator, literal] = comparison;
  const expected = parseLiteral(literal);
  if (expected === INVALID) return undefined;
  return (item) => compare(readPath(item, property) ?? null, operator.toLowerCase(), expected);
}

const INVALID = Symbol('invalid');

function parseLiteral(literal: string): string | number | boolean | null | typeof INVALID {
  const text = literal.trim();
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(text)) return text;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return INVALID;
}

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function compare(actual: unknown, operator: string, expected: unknown): boolean {
  switch (operator) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    default: {
      if (actual === null || expected === null) return false;
      const a =
        typeof actual === 'string' && typeof expected === 'string' && !Number.isNaN(Date.parse(actual)) ? Date.parse(actual) : actual;
      const b = typeof expected === 'string' && !Number.isNaN(Date.parse(expected)) ? Date.parse(expected) : expected;
      if (typeof a !== typeof b) return false;
      if (operator === 'ge') return (a as number) >= (b as number);
      if (operator === 'le') return (a as number) <= (b as number);
      if (operator === 'gt') return (a as number) > (b as number);
      return (a as number) < (b as number);
    }
  }
}
