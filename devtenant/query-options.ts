import { graphError, type GraphResponse } from './answer';

/**
 * Endpoints whose Graph reference page names the only OData query options they support. Any other
 * `$` option is refused 400 before the endpoint answers, so a call the app adds with `$filter` or
 * `$top` fails here as it would against Graph, instead of passing silently.
 *
 * The page documents which options are supported, not the words of the refusal: the code is the
 * one Graph's directory endpoints answer an unsupported query with (Request_UnsupportedQuery, see
 * queries.ts), and the message is the dev tenant's own.
 */

interface NarrowEndpoint {
  /** Matches the path after the version root, without the query. */
  path: RegExp;
  /** The entity's type name, for the error message of a `$select` it does not know. */
  type: string;
  /** The only query options the page lists. */
  options: readonly string[];
  /** The entity's properties ($select may name only these). */
  properties: readonly string[];
  page: string;
}

const LEARN = 'https://learn.microsoft.com/en-us/graph/api/';

export const NARROW_ENDPOINTS: readonly NarrowEndpoint[] = [
  {
    // "This method supports the $select OData query parameter"; its properties are id, configuration
    // and features (resources/onpremisesdirectorysynchronization?view=graph-rest-beta). The app reads
    // beta: configuration's synchronizationClientVersion and intervals are there, nested, not top-level.
    path: /^beta\/directory\/onPremisesSynchronization(\/[^/]+)?$/,
    type: 'onPremisesDirectorySynchronization',
    options: ['$select'],
    properties: ['id', 'configuration', 'features'],
    page: `${LEARN}onpremisesdirectorysynchronization-get?view=graph-rest-beta`,
  },
  {
    // v1.0's page supports $select too, on the same three properties; its configuration and features
    // are smaller (directory-sync.ts), and nested properties cannot be selected on either version.
    path: /^directory\/onPremisesSynchronization(\/[^/]+)?$/,
    type: 'onPremisesDirectorySynchronization',
    options: ['$select'],
    properties: ['id', 'configuration', 'features'],
    page: `${LEARN}onpremisesdirectorysynchronization-get?view=graph-rest-1.0`,
  },
  {
    // The onPremisesAgent pages say only that they support "the OData query parameters", naming none;
    // their examples use $expand=agentGroups, which the dev tenant does not model. It takes $select of
    // the resource's properties (resources/onpremisesagent?view=graph-rest-beta) and refuses any other
    // option rather than ignore it: the app sends none.
    path: /^beta\/onPremisesPublishingProfiles\/provisioning\/agents(\/[^/]+)?$/,
    type: 'onPremisesAgent',
    options: ['$select'],
    properties: ['id', 'externalIp', 'machineName', 'status', 'supportedPublishingTypes'],
    page: `${LEARN}onpremisesagent-list?view=graph-rest-beta`,
  },
];

/** 400 for a query option, or a `$select` property, the endpoint does not support; undefined otherwise. */
export function checkQueryOptions(path: string, query: URLSearchParams): GraphResponse | undefined {
  const endpoint = NARROW_ENDPOINTS.find((e) => e.path.test(path));
  if (!endpoint) return undefined;
  const unsupported = [...query.keys()].find((key) => key.startsWith('$') && !endpoint.options.includes(key));
  if (unsupported) {
    return graphError(
      400,
      'Request_UnsupportedQuery',
      `The query option '${unsupported}' is not supported on ${endpoint.type}; only ${endpoint.options.join(', ')} is.`,
    );
  }
  const select = (query.get('$select') ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const missing = select.find((property) => !endpoint.properties.includes(property));
  if (missing === undefined) return undefined;
  return graphError(400, 'BadRequest', `Could not find a property named '${missing}' on type 'microsoft.graph.${endpoint.type}'.`);
}
