/**
 * The field's abbreviations and synonyms, folded onto one canonical token each. Applied to topics
 * and questions alike, after normalise(), as whole-word phrase replacements (longest first).
 * Add a line when admins use a name the topics don't; never add a line for a single question.
 * The tables are kept out of Prettier's layout (prettier-ignore): one line per group, so a name is found in one place.
 */
// prettier-ignore
const GROUPS: Record<string, string[]> = {
  phs: ['password hash synchronization', 'password hash synchronisation', 'password hash sync', 'password hash', 'hash sync', 'phs'],
  pta: ['pass through authentication', 'passthrough authentication', 'pass through auth', 'passthrough auth', 'pta'],
  seamlesssso: ['seamless single sign on', 'seamless sso', 'desktop sso', 'sso seamless'],
  sso: ['single sign on', 'single signon', 'singlesignon', 'sso'],
  entraconnect: [
    'microsoft entra connect sync', 'microsoft entra connect', 'entra connect sync', 'entra connect', 'azure ad connect sync', 'azure ad connect',
    'azure active directory connect', 'aad connect', 'aadconnect', 'aadc', 'ad connect', 'adconnect', 'connect sync', 'dirsync', 'directory sync tool',
  ],
  cloudsync: ['microsoft entra cloud sync', 'entra cloud sync', 'azure ad cloud sync', 'aad cloud sync', 'cloud provisioning', 'cloud sync', 'cloudsync'],
  entraid: [
    'microsoft entra id', 'microsoft entra', 'entra id', 'azure active directory', 'azure ad', 'aad', 'entra', 'azuread',
  ],
  m365: ['microsoft 365', 'office 365', 'o365', 'm365', 'ms365', 'office365', 'microsoft365'],
  adfs: ['active directory federation services', 'active directory federation service', 'ad fs', 'adfs'],
  conditionalaccess: ['conditional access policies', 'conditional access policy', 'conditional access', 'ca policies', 'ca policy', 'ca'],
  mfa: ['multi factor authentication', 'multifactor authentication', 'multi factor', 'multifactor', 'two factor authentication', 'two factor', '2fa', 'mfa'],
  pim: ['privileged identity management', 'pim'],
  idprotection: ['microsoft entra id protection', 'entra id protection', 'identity protection', 'id protection', 'azure ad identity protection'],
  sspr: ['self service password reset', 'selfservice password reset', 'self service password', 'sspr'],
  writeback: ['write back', 'writeback', 'write backs', 'writebacks'],
  wap: ['web application proxy', 'wap'],
  upn: ['user principal names', 'user principal name', 'upn', 'upns'],
  onprem: ['on premises', 'on premise', 'on prem', 'onprem', 'onpremises', 'on site', 'local ad', 'local active directory'],
  adds: ['active directory domain services', 'ad ds', 'adds', 'windows server active directory', 'active directory', 'ad'],
  globaladmin: ['global administrators', 'global administrator', 'global admins', 'global admin', 'company administrator', 'tenant admin'],
  p1: ['premium p1', 'entraid p1', 'p1'],
  p2: ['premium p2', 'entraid p2', 'p2'],
  smartcard: ['smart cards', 'smart card', 'smartcards', 'smartcard', 'cba', 'certificate based authentication', 'certificate based auth', 'piv'],
  developer: ['developers', 'developer', 'devs'],
  powerapps: ['power apps', 'powerapps', 'power app', 'powerapp'],
  app: ['applications', 'application', 'apps', 'app'],
  device: ['devices', 'device', 'pcs', 'pc', 'computers', 'computer', 'laptops', 'laptop', 'workstations', 'workstation'],
  configure: ['set up', 'setting up', 'sets up', 'setup', 'configure', 'configuring', 'configured', 'configures'],
  enable: ['turn on', 'turning on', 'switch on', 'enable', 'enabling', 'enabled', 'enables', 'activate', 'activating'],
  hybridjoin: [
    'microsoft entra hybrid joined', 'microsoft entra hybrid join', 'entra hybrid joined', 'entra hybrid join', 'hybrid azure ad joined',
    'hybrid azure ad join', 'azure ad hybrid joined', 'azure ad hybrid join', 'hybrid joined', 'hybrid join', 'haadj',
  ],
  sharepointlist: ['sharepoint lists', 'sharepoint list', 'microsoft lists', 'sp list'],
  staging: ['staging mode', 'staging server', 'staged server', 'standby server'],
  autoupgrade: ['automatic upgrades', 'automatic upgrade', 'auto upgrades', 'auto upgrade', 'auto upgrading', 'autoupgrades', 'autoupgrade'],
  adminconsent: ['tenant wide admin consent', 'admin consent', 'administrator consent'],
  enterpriseapp: ['enterprise applications', 'enterprise application', 'enterprise apps', 'enterprise app', 'gallery apps', 'gallery app', 'saas apps', 'saas app', 'saas'],
  appregistration: ['app registrations', 'app registration', 'application registration', 'register an app', 'register app'],
  graph: ['microsoft graph api', 'microsoft graph', 'graph api', 'ms graph'],
  cloudonly: ['cloud only', 'cloud identities', 'cloud identity'],
  idmodel: ['identity models', 'identity model'],
  federation: ['federated authentication', 'federated domain', 'federated sign in', 'federated', 'federate', 'federation'],
  signin: ['sign in', 'signin', 'log in', 'login', 'logon', 'log on', 'sign on'],
  password: ['passwords', 'pasword', 'passwd', 'pwd', 'password'],
  sync: ['synchronization', 'synchronisation', 'synchronized', 'synchronised', 'synchronizes', 'synchronises', 'synchronize', 'synchronise', 'synchronizing', 'synced', 'syncing', 'syncs', 'sync'],
  softmatch: ['soft match', 'soft matching', 'softmatch', 'smtp match'],
  hardmatch: ['hard match', 'hard matching', 'hardmatch', 'immutableid', 'immutable id', 'sourceanchor', 'source anchor', 'consistencyguid'],
  proxyaddress: ['proxyaddresses', 'proxy addresses', 'proxy address', 'proxyaddress'],
  duplicate: ['duplicate attributes', 'duplicate attribute', 'duplicates', 'duplicate', 'conflict', 'conflicts'],
  license: ['licences', 'licenses', 'licensing', 'licence', 'license', 'sku', 'skus', 'edition', 'editions', 'plan', 'tier'],
  free: ['free of charge', 'no cost', 'free'],
  advisor: ['deployment advisors', 'deployment advisor', 'advisors', 'advisor', 'setup guides', 'setup guide', 'guided setup', 'wizard', 'deployment guides', 'deployment guide'],
  hybrididadmin: ['hybrid identity administrator', 'hybrid identity admin', 'hybrid admin'],
  highavailability: ['high availability', 'highly available', 'redundancy', 'redundant', 'failover', 'ha'],
  agent: ['authentication agents', 'agents', 'agent'],
  forest: ['forests', 'forest', 'multi forest', 'multiforest'],
  numbermatching: ['number matching', 'number match'],
  frequency: ['how frequently', 'how often', 'how regularly', 'frequently', 'frequency', 'cadence'],
  delete: ['deletions', 'deletion', 'deleting', 'deleted', 'deletes', 'delete', 'removing', 'removed', 'removes', 'removal', 'remove'],
  compare: ['differences between', 'difference between', 'differences', 'difference', 'compared to', 'compared with', 'comparison', 'compare', 'versus', 'vs'],
  domaincontroller: ['domain controllers', 'domain controller', 'dcs', 'dc'],
  securitydefaults: ['security defaults', 'security default', 'baseline policies', 'baseline policy'],
  cost: ['how much does', 'how much is', 'pricing', 'prices', 'price', 'costs', 'cost', 'pay for', 'pay', 'paid', 'charge', 'charged'],
  accident: ['by accident', 'by mistake', 'mistakenly', 'accidentally', 'accidental', 'unintended', 'inadvertently', 'inadvertent', 'unintentionally', 'accident'],
  // Chat filler about time ("we have 9 right now"): folded onto a stopword, so it drops out like "now" alone.
  now: ['right now', 'at the moment', 'at present', 'as of now', 'as of today', 'these days'],
  stale: ['not syncing', 'stopped syncing', 'stopped working', 'stale', 'stuck', 'not running', 'failing', 'broken', 'not working'],
};

/** Every variant, longest first, so that at one position the longest phrase wins. */
const VARIANTS = Object.entries(GROUPS)
  .flatMap(([canonical, variants]) => variants.map((variant) => ({ canonical, variant })))
  .sort((a, b) => b.variant.length - a.variant.length);

const CANONICAL_OF = new Map(VARIANTS.map(({ canonical, variant }) => [variant, canonical]));

const escape = (variant: string): string => variant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Variants of two letters take no plural ending: "ha" + "s" is "has", "ca" + "s" is not Conditional Access. */
const isShort = (variant: string): boolean => variant.length <= 2;

/** One alternation of all variants as whole words: the text is folded in a single pass. */
const ANY_VARIANT = new RegExp(
  `(?<![a-z0-9])(?:(?:${VARIANTS.filter(({ variant }) => !isShort(variant))
    .map(({ variant }) => escape(variant))
    .join('|')})(?:e?s)?|(?:${VARIANTS.filter(({ variant }) => isShort(variant))
    .map(({ variant }) => escape(variant))
    .join('|')}))(?![a-z0-9])`,
  'g',
);

/** Tokens that stand for a phrase; they are never stemmed or typo-corrected. */
export const CANONICAL_TOKENS = new Set(Object.keys(GROUPS));

/**
 * Canonical tokens of ordinary words ("not working", "difference", "free"): they say nothing about
 * whether a question is about our field at all.
 */
export const EVERYDAY_TOKENS = new Set([
  'device',
  'configure',
  'enable',
  'compare',
  'cost',
  'duplicate',
  'stale',
  'accident',
  'free',
  'highavailability',
  'frequency',
  'delete',
]);

/**
 * Canonical tokens that name a specific thing (a feature, a product, a role) rather than the
 * field at large: the subject of a question. "Entra ID", "sync", "password" or "on-premises" occur
 * in almost every question of ours and say little on their own.
 */
export const SUBJECT_TOKENS = new Set(
  [...CANONICAL_TOKENS].filter(
    (token) =>
      ![
        'entraid',
        'app',
        'device',
        'configure',
        'enable',
        'm365',
        'onprem',
        'adds',
        'signin',
        'password',
        'sync',
        'license',
        'free',
        'advisor',
        'agent',
        'forest',
        'compare',
        'cost',
        'duplicate',
        'stale',
        'accident',
        'highavailability',
        'graph',
        'cloudonly',
        'idmodel',
        'domaincontroller',
        'federation',
        'frequency',
        'delete',
      ].includes(token),
  ),
);

/** Every word that occurs in some variant (the typo corrector may correct towards these). */
export const VARIANT_WORDS = new Set(
  Object.values(GROUPS)
    .flat()
    .flatMap((v) => v.split(' ')),
);

/**
 * Replaces every known variant in a normalised text by its canonical token. A canonical token is
 * one word, so the text stays as normalise() leaves it: single spaces, trimmed.
 */
export function canonicalise(normalised: string): string {
  return normalised.replace(ANY_VARIANT, canonicalOf);
}

function canonicalOf(match: string): string {
  return CANONICAL_OF.get(match) ?? CANONICAL_OF.get(match.replace(/e?s$/, '')) ?? CANONICAL_OF.get(match.replace(/s$/, '')) ?? match;
}

/**
 * Words that only an identity-integration question uses. A question must contain at least one
 * (or one of the canonical tokens above) before the bot answers or suggests a topic: "reset my
 * iPhone" or "a pivot table" share words with our topics but not our subject.
 */
// prettier-ignore
export const DOMAIN_TERMS: readonly string[] = [
  'tenant', 'tenants', 'directory', 'directories', 'domain', 'domains', 'identity', 'identities', 'authentication', 'authenticate', 'auth',
  'consent', 'permission', 'permissions', 'scope', 'scopes', 'role', 'roles', 'admin', 'admins', 'administrator', 'administrators',
  'subscription', 'subscriptions', 'azure', 'entra', 'sharepoint', 'exchange', 'mailbox', 'mailboxes', 'mail', 'calendar', 'calendars', 'contacts',
  'oauth', 'saml', 'oidc', 'openid', 'scim', 'provisioning', 'provision', 'kerberos', 'certificate', 'certificates', 'cert', 'certs', 'token', 'tokens',
  'attribute', 'attributes', 'guest', 'guests', 'b2b', 'group', 'groups', 'hybrid', 'cloud', 'server', 'servers', 'connector', 'connectors',
  'scheduler', 'delta', 'object', 'objects', 'ou', 'ous', 'gallery', 'salesforce', 'dropbox', 'servicenow', 'workday', 'publisher',
  'secret', 'secrets', 'credential', 'credentials', 'principal', 'app', 'apps', 'application', 'applications', 'kerberos', 'dc', 'dcs',
  'account', 'accounts', 'user', 'users', 'login', 'quarantine', 'premium', 'licence', 'licenses', 'licences', 'license',
  'e3', 'e5', 'governance', 'lifecycle', 'sync', 'password', 'passwords', 'mfa', 'sso', 'policy', 'policies', 'risk', 'risky', 'proxy',
  'farm', 'dmz', 'onmicrosoft', 'dns', 'verified', 'verify', 'upn', 'suffix', 'merger', 'forest', 'powershell', 'cmdlet',
  // names admins type bare: the Authenticator app, sync errors, the sync engine's cmdlets
  // (one word each: a phrase would lend its ordinary words, like "set" or "number", to the gate)
  'authenticator', 'invalidsoftmatch', 'largeobject', 'exceededallowedlength', 'objecttypemismatch', 'immutableid',
  'adsync', 'adsyncscheduler', 'adsyncsynccycle', 'msol', 'csexport', 'omodt', 'amodt',
  // Power Apps list forms: the control and its dotted properties as admins paste them
  'sharepointintegration', 'sharepointintegration.selected', 'sharepointintegration.selectedlistitemid', 'requesthide', 'delegable',
  'sharepointintegration.onnew', 'sharepointintegration.onview', 'sharepointintegration.onedit', 'sharepointintegration.onsave',
  'sharepointintegration.oncancel',
];
