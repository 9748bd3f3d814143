import { graphError, type GraphResponse } from './answer';

/**
 * The query rules Graph applies before it answers, as the dev tenant enforces them.
 *
 * Advanced queries (https://learn.microsoft.com/en-us/graph/aad-advanced-queries): an OData cast
 * on a membership list (`…/transitiveMemberOf/microsoft.graph.directoryRole`), `$search`, and the
 * `$filter` operators `ne`, `not`, `endsWith` and `eq null` need the `ConsistencyLevel: eventual`
 * header and `$count=true`; without both Graph answers 400 Request_UnsupportedQuery. `$expand` is
 * not supported together with them.
 *
 * `$select` of a property the entity lacks in that version is a 400 (Graph validates the select
 * list against its $metadata). The lists below hold the properties documented on each resource
 * page that the app reads or might; they are kept small on purpose, so a new `$select` must add
 * its property here from the resource page first.
 */

const ADVANCED_MESSAGE = 'This query uses advanced query capabilities: send the ConsistencyLevel header set to eventual and $count=true.';

const CAST = /\/(transitiveMemberOf|memberOf|members|transitiveMembers)\/microsoft\.graph\.\w+$/;

function advancedFilter(filter: string): boolean {
  return /\s(ne)\s/i.test(filter) || /\bnot\s*\(/i.test(filter) || /\bendsWith\s*\(/i.test(filter) || /\seq\s+null\b/i.test(filter);
}

/** 400 for an advanced query sent without `ConsistencyLevel: eventual` and `$count=true`; undefined when it may run. */
export function checkAdvancedQuery(path: string, query: URLSearchParams, eventual: boolean): GraphResponse | undefined {
  const filter = query.get('$filter') ?? '';
  const advanced = CAST.test(path) || query.has('$search') || advancedFilter(filter);
  if (!advanced) return undefined;
  if (!eventual || query.get('$count') !== 'true') return graphError(400, 'Request_UnsupportedQuery', ADVANCED_MESSAGE);
  if (query.has('$expand')) return graphError(400, 'Request_UnsupportedQuery', '$expand is not supported with advanced queries.');
  return undefined;
}

const DOCS = 'https://learn.microsoft.com/en-us/graph/api/resources/';

interface EntityProperties {
  /** Matches the path after the version root (beta/ prefixed), without the query. */
  path: RegExp;
  v1: readonly string[];
  /** Added in beta. */
  betaOnly?: readonly string[];
  page: string;
}

const DIRECTORY_OBJECT = ['id', 'deletedDateTime'];

/** Per entity, the properties the dev tenant knows in v1.0 and beta (sourced per row). */
export const ENTITY_PROPERTIES: readonly EntityProperties[] = [
  {
    path: /^(beta\/)?organization(\/[^/]+)?$/,
    v1: [
      ...DIRECTORY_OBJECT,
      'assignedPlans',
      'businessPhones',
      'city',
      'country',
      'countryLetterCode',
      'createdDateTime',
      'defaultUsageLocation',
      'displayName',
      'marketingNotificationEmails',
      'onPremisesLastSyncDateTime',
      'onPremisesSyncEnabled',
      'postalCode',
      'preferredLanguage',
      'privacyProfile',
      'provisionedPlans',
      'securityComplianceNotificationMails',
      'securityComplianceNotificationPhones',
      'state',
      'street',
      'technicalNotificationMails',
      'tenantType',
      'verifiedDomains',
    ],
    // GRAPH-FACTS 1.1: absent from the v1.0 resource and the stable SDK model, present in beta.
    betaOnly: ['onPremisesLastPasswordSyncDateTime', 'directorySizeQuota'],
    page: `${DOCS}organization`,
  },
  {
    path: /^domains(\/[^/]+)?$/,
    v1: [
      'id',
      'authenticationType',
      'availabilityStatus',
      'isAdminManaged',
      'isDefault',
      'isInitial',
      'isRoot',
      'isVerified',
      'passwordNotificationWindowInDays',
      'passwordValidityPeriodInDays',
      'state',
      'supportedServices',
    ],
    page: `${DOCS}domain`,
  },
  {
    path: /^subscribedSkus(\/[^/]+)?$/,
    v1: [
      'id',
      'accountId',
      'accountName',
      'appliesTo',
      'capabilityStatus',
      'consumedUnits',
      'prepaidUnits',
      'servicePlans',
      'skuId',
      'skuPartNumber',
      'subscriptionIds',
    ],
    page: `${DOCS}subscribedsku`,
  },
  {
    path: /^users$/,
    v1: [
      ...DIRECTORY_OBJECT,
      'accountEnabled',
      'createdDateTime',
      'displayName',
      'mail',
      'onPremisesDistinguishedName',
      'onPremisesDomainName',
      'onPremisesImmutableId',
      'onPremisesLastSyncDateTime',
      'onPremisesProvisioningErrors',
      'onPremisesSamAccountName',
      'onPremisesSecurityIdentifier',
      'onPremisesSyncEnabled',
      'onPremisesUserPrincipalName',
      'proxyAddresses',
      'userPrincipalName',
      'userType',
    ],
    page: `${DOCS}user`,
  },
  {
    path: /^groups$/,
    v1: [
      ...DIRECTORY_OBJECT,
      'createdDateTime',
      'description',
      'displayName',
      'groupTypes',
      'mail',
      'mailEnabled',
      'mailNickname',
      'onPremisesDomainName',
      'onPremisesLastSyncDateTime',
      'onPremisesProvisioningErrors',
      'onPremisesSamAccountName',
      'onPremisesSecurityIdentifier',
      'onPremisesSyncEnabled',
      'proxyAddresses',
      'securityEnabled',
    ],
    page: `${DOCS}group`,
  },
  {
    path: /^admin\/serviceAnnouncement\/issues(\/[^/]+)?$/,
    v1: [
      'id',
      'classification',
      'details',
      'endDateTime',
      'feature',
      'featureGroup',
      'impactDescription',
      'isResolved',
      'lastModifiedDateTime',
      'origin',
      'posts',
      'service',
      'startDateTime',
      'status',
      'title',
    ],
    page: `${DOCS}servicehealthissue`,
  },
  {
    path: /^(beta\/)?servicePrincipals(\/[^/]+|\([^)]*\))?$/,
    v1: [
      ...DIRECTORY_OBJECT,
      'accountEnabled',
      'alternativeNames',
      'appDescription',
      'appDisplayName',
      'appId',
      'appOwnerOrganizationId',
      'appRoleAssignmentRequired',
      'appRoles',
      'applicationTemplateId',
      'description',
      'disabledByMicrosoftStatus',
      'displayName',
      'homepage',
      'info',
      'keyCredentials',
      'loginUrl',
      'logoutUrl',
      'notes',
      'notificationEmailAddresses',
      'oauth2PermissionScopes',
      'passwordCredentials',
      'preferredSingleSignOnMode',
      'preferredTokenSigningKeyThumbprint',
      'replyUrls',
      'samlSingleSignOnSettings',
      'servicePrincipalNames',
      'servicePrincipalType',
      'signInAudience',
      'tags',
      'tokenEncryptionKeyId',
      'verifiedPublisher',
    ],
    // ⚠ publisherName is in the beta model but not in the stable one generated from v1.0's $metadata (GRAPH-FACTS 2.1).
    betaOnly: ['publisherName'],
    page: `${DOCS}serviceprincipal`,
  },
  {
    path: /^applications(\/[^/]+|\([^)]*\))?$/,
    v1: [
      ...DIRECTORY_OBJECT,
      'appId',
      'appRoles',
      'createdDateTime',
      'description',
      'displayName',
      'identifierUris',
      'keyCredentials',
      'passwordCredentials',
      'publisherDomain',
      'requiredResourceAccess',
      'signInAudience',
      'tags',
      'verifiedPublisher',
    ],
    page: `${DOCS}application`,
  },
  {
    path: /^users\/[^/]+\/transitiveMemberOf\/microsoft\.graph\.directoryRole$/,
    v1: [...DIRECTORY_OBJECT, 'description', 'displayName', 'roleTemplateId'],
    page: `${DOCS}directoryrole`,
  },
];

/** 400 for a `$select` of a property the entity lacks in that version; undefined when every property exists. */
export function checkSelect(path: string, select: readonly string[] | undefined): GraphResponse | undefined {
  if (!select) return undefined;
  const entity = ENTITY_PROPERTIES.find((e) => e.path.test(path));
  if (!entity) return undefined;
  const beta = path.startsWith('beta/');
  const known = new Set([...entity.v1, ...(beta ? (entity.betaOnly ?? []) : [])]);
  const missing = select.find((property) => !known.has(property));
  if (missing === undefined) return undefined;
  return graphError(400, 'BadRequest', `Could not find a property named '${missing}' on type 'microsoft.graph.${typeName(path)}'.`);
}

function typeName(path: string): string {
  const segment = path.replace(/^beta\//, '').split(/[/(]/)[0];
  const names: Record<string, string> = {
    organization: 'organization',
    domains: 'domain',
    subscribedSkus: 'subscribedSku',
    users: path.includes('directoryRole') ? 'directoryRole' : 'user',
    groups: 'group',
    admin: 'serviceHealthIssue',
    servicePrincipals: 'servicePrincipal',
    applications: 'application',
  };
  return names[segment] ?? segment;
}

/**
 * Page sizes per collection: directory objects 100 by default, `$top` up to 999; service health
 * issues 100 by default, up to 1000 with `Prefer: odata.maxpagesize` (serviceannouncement-list-issues).
 */
export function pageSizeFor(path: string, query: URLSearchParams, prefer: string | undefined): number | GraphResponse {
  const issues = /^admin\/serviceAnnouncement\/issues$/.test(path);
  const max = issues ? 1000 : 999;
  const preferred = /odata\.maxpagesize=(\d+)/i.exec(prefer ?? '')?.[1];
  if (!query.has('$top')) return Math.min(preferred ? Number(preferred) : 100, max);
  const top = Number(query.get('$top'));
  if (!Number.isInteger(top) || top < 1 || top > max) {
    return graphError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${query.get('$top')}'. Must be between 1 and ${max} inclusive.`,
    );
  }
  return top;
}
