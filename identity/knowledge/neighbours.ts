/**
 * The neighbouring Microsoft 365 and Azure products whose questions share words with ours
 * ("mailbox", "policy", "storage", "devices", "cost"), and the signals that say a question is
 * about identity after all. Each product lists
 *   names       what it is called: alone they set the scene, not the subject ("SSO to SharePoint" stays ours);
 *   subjects    its own admin work, which makes a question the product's wherever it appears (and sets its scene);
 *   qualifiers  ordinary words that are its subject only in its scene ("SharePoint storage", "shared mailbox size").
 * Phrases are written as admins type them and go through the knowledge base's analyser, so
 * plurals, spellings and abbreviations fold as in retrieval. Where to go cites the product's own
 * admin center and its documentation on Microsoft Learn (checked 2026-12).
 * Add a phrase when a neighbour's admin work is missing; never add one for a single question.
 */

export interface NeighbourLink {
  title: string;
  url: string;
}

export interface Neighbour {
  id: string;
  /** The product, as the decline names it. */
  product: string;
  /** Where its admins do the work. */
  adminCenter: string;
  docs: NeighbourLink;
  names: readonly string[];
  subjects: readonly string[];
  qualifiers: readonly string[];
}

// prettier-ignore
export const NEIGHBOURS: readonly Neighbour[] = [
  {
    id: 'exchange-online',
    product: 'Exchange Online',
    adminCenter: 'Exchange admin center',
    docs: { title: 'Exchange Online documentation', url: 'https://learn.microsoft.com/exchange/exchange-online' },
    names: ['exchange online', 'exchange', 'exo', 'exchange admin center', 'eac', 'mailbox', 'mailboxes'],
    subjects: [
      'mail flow', 'mail flow rule', 'transport rule', 'shared mailbox', 'mailbox size', 'mailbox quota', 'mailbox storage',
      'archive mailbox', 'online archive', 'auto expanding archive', 'litigation hold', 'message trace', 'distribution list',
      'distribution group', 'dynamic distribution group', 'spam filter', 'junk email', 'dkim', 'dmarc', 'spf record',
      'mailbox permission', 'full access permission', 'send on behalf', 'mailbox delegation', 'automatic replies', 'auto reply',
      'email forwarding', 'mail forwarding', 'public folder', 'room mailbox', 'resource mailbox', 'mailbox migration',
      'accepted domain', 'mail contact', 'email signature', 'message recall', 'outbound spam', 'recipient limit', 'free busy',
      'organization relationship', 'federated sharing', 'sharing policy', 'calendar sharing', 'calendar permission',
      'send as permission', 'inbound connector', 'outbound connector', 'smtp relay', 'mail relay', 'autodiscover',
      'global address list', 'address book policy', 'mailtips', 'mail tips', 'outlook on the web policy', 'owa policy',
      'mobile device mailbox policy', 'journal rule', 'journaling', 'anti spam policy', 'connection filter', 'message tracking',
      'equipment mailbox', 'inactive mailbox', 'mailbox audit', 'retention tag', 'mailbox import', 'pst import', 'auto forwarding',
      'automatic forwarding', 'external forwarding', 'auto forward',
    ],
    qualifiers: ['rule', 'rules', 'size', 'quota', 'storage', 'archive', 'retention', 'migration', 'migrate', 'forward', 'forwarding', 'spam', 'quarantine', 'connector', 'calendar', 'email', 'emails', 'limit', 'limits', 'sharing', 'share', 'partner', 'relay', 'disclaimer', 'signature'],
  },
  {
    id: 'exchange-hybrid',
    product: 'Exchange Server and Exchange hybrid deployments',
    adminCenter: 'on-premises Exchange admin center and the Hybrid Configuration wizard',
    docs: { title: 'Exchange Server hybrid deployments', url: 'https://learn.microsoft.com/exchange/exchange-hybrid' },
    names: ['exchange'],
    subjects: [
      'exchange server', 'exchange 2019', 'exchange 2016', 'exchange 2013', 'exchange 2010', 'on premises exchange',
      'exchange on premises', 'exchange management shell', 'free busy', 'organization relationship', 'federated sharing',
      'hybrid configuration wizard', 'hcw', 'exchange hybrid', 'hybrid exchange', 'centralized mail transport', 'cross premises',
      'mailbox move', 'move mailbox', 'remote move', 'migration batch', 'migration endpoint', 'mrs proxy', 'edge transport',
      'hybrid agent', 'minimal hybrid', 'full hybrid', 'modern hybrid', 'classic hybrid', 'remote mailbox', 'hybrid server',
      'exchange certificate',
    ],
    qualifiers: ['mailbox', 'mailboxes', 'migration', 'migrate', 'move', 'connector', 'connectors', 'certificate', 'cert', 'transport', 'mail', 'calendar', 'free', 'busy', 'detect', 'namespace'],
  },
  {
    id: 'sharepoint-online',
    product: 'SharePoint Online',
    adminCenter: 'SharePoint admin center',
    docs: { title: 'SharePoint in Microsoft 365 documentation', url: 'https://learn.microsoft.com/sharepoint/' },
    names: ['sharepoint online', 'sharepoint', 'spo', 'sharepoint admin center'],
    subjects: [
      'site collection', 'hub site', 'communication site', 'team site', 'site storage', 'storage quota', 'storage limit',
      'document library', 'version history', 'versioning', 'sharing link', 'external sharing', 'site permission',
      'site owner', 'site template', 'site design', 'recycle bin', 'term store', 'managed metadata', 'sharepoint migration tool',
    ],
    qualifiers: ['storage', 'site', 'sites', 'quota', 'library', 'libraries', 'sharing', 'share', 'search', 'migration', 'migrate', 'page', 'pages', 'news', 'version', 'versions', 'restore', 'limit', 'limits'],
  },
  {
    id: 'onedrive',
    product: 'OneDrive',
    adminCenter: 'SharePoint admin center (OneDrive settings live there)',
    docs: { title: 'OneDrive guide for enterprises', url: 'https://learn.microsoft.com/sharepoint/onedrive-overview' },
    names: ['onedrive', 'onedrive for business', 'odfb'],
    subjects: ['sync client', 'files on demand', 'known folder move', 'kfm', 'onedrive storage', 'onedrive sync'],
    qualifiers: ['storage', 'sync', 'quota', 'sharing', 'share', 'retention', 'file', 'files', 'folder', 'folders', 'restore', 'limit', 'limits', 'space', 'backup'],
  },
  {
    id: 'teams',
    product: 'Microsoft Teams',
    adminCenter: 'Teams admin center',
    docs: { title: 'Microsoft Teams admin documentation', url: 'https://learn.microsoft.com/microsoftteams/' },
    names: ['microsoft teams', 'teams', 'teams admin center'],
    subjects: [
      'meeting policy', 'meeting policies', 'teams policy', 'teams policies', 'calling policy', 'calling plan', 'phone system',
      'teams phone', 'direct routing', 'operator connect', 'auto attendant', 'call queue', 'voicemail', 'live event', 'town hall',
      'webinar', 'meeting recording', 'meeting lobby', 'external access', 'teams federation', 'messaging policy', 'teams rooms',
      'emergency calling', 'dial plan', 'phone number', 'audio conferencing', 'channel moderation',
      'app permission policy', 'app setup policy', 'teams only mode', 'islands mode', 'shared channel', 'private channel',
    ],
    qualifiers: ['meeting', 'meetings', 'calling', 'call', 'calls', 'phone', 'recording', 'chat', 'channel', 'channels', 'background', 'upgrade', 'retention', 'lobby', 'transcription'],
  },
  {
    id: 'intune',
    product: 'Microsoft Intune',
    adminCenter: 'Microsoft Intune admin center',
    docs: { title: 'Microsoft Intune documentation', url: 'https://learn.microsoft.com/mem/intune/' },
    names: ['intune', 'microsoft intune', 'endpoint manager', 'intune admin center'],
    subjects: [
      'compliance policy', 'device compliance', 'compliant device', 'configuration profile', 'device configuration',
      'app protection policy', 'mdm', 'mam', 'device enrollment', 'enroll device', 'enrol device', 'autopilot', 'wipe device',
      'retire device', 'remote wipe', 'update ring', 'win32 app', 'company portal app', 'bitlocker', 'device restriction',
      'managed device', 'enrollment restriction', 'apple push certificate', 'settings catalog', 'endpoint security policy',
    ],
    qualifiers: ['device', 'devices', 'enroll', 'enrol', 'enrollment', 'enrolment', 'app', 'apps', 'policy', 'policies', 'profile', 'profiles', 'update', 'updates', 'script', 'scripts', 'wipe', 'compliance', 'compliant'],
  },
  {
    id: 'azure',
    product: 'Azure (compute, networking, storage)',
    adminCenter: 'Azure portal',
    docs: { title: 'Azure documentation', url: 'https://learn.microsoft.com/azure/' },
    names: ['azure', 'azure portal', 'azure subscription'],
    subjects: [
      'virtual machine', 'vm', 'vm size', 'scale set', 'virtual network', 'vnet', 'subnet', 'network security group', 'nsg',
      'load balancer', 'application gateway', 'vpn gateway', 'expressroute', 'app service', 'function app', 'azure functions',
      'storage account', 'blob storage', 'file share', 'aks', 'kubernetes', 'azure sql', 'cosmos db', 'azure backup',
      'recovery services vault', 'site recovery', 'resource group', 'arm template', 'bicep', 'reserved instance',
      'azure cost', 'cost management', 'availability zone', 'managed disk', 'azure firewall', 'private endpoint',
      'azure files', 'azure file sync', 'storage sync service', 'server endpoint', 'cloud endpoint', 'cloud tiering', 'dfs r', 'dfsr',
      'vnet peering', 'virtual network peering', 'global vnet peering', 'data transfer', 'egress', 'bastion', 'nat gateway',
      'public ip address', 'route table', 'user defined route', 'azure dns', 'azure policy', 'nsg rule',
    ],
    qualifiers: ['cost', 'price', 'pricing', 'billing', 'bill', 'storage', 'network', 'networking', 'backup', 'region', 'regions', 'quota', 'deploy', 'deployment', 'firewall', 'disk', 'disks', 'compute', 'container', 'containers', 'database', 'scale', 'endpoint', 'endpoints', 'tiering', 'peering', 'rdp', 'port', 'ip', 'bandwidth', 'charge'],
  },
  {
    id: 'ad-ds',
    product: 'Active Directory Domain Services (Windows Server)',
    adminCenter: 'Active Directory Administrative Center, Group Policy Management and DNS Manager on your domain controllers',
    docs: {
      title: 'Active Directory Domain Services documentation',
      url: 'https://learn.microsoft.com/windows-server/identity/ad-ds/get-started/virtual-dc/active-directory-domain-services-overview',
    },
    // Its tools' names are ordinary words ("users and computers", "sites"): only their abbreviations name it.
    names: ['aduc', 'gpmc', 'adac'],
    subjects: [
      'fsmo', 'fsmo role', 'operations master', 'operations master role', 'pdc emulator', 'rid master', 'rid pool', 'schema master',
      'infrastructure master', 'domain naming master', 'seize fsmo', 'transfer fsmo', 'domain functional level', 'raise functional level',
      'raise domain functional level', 'raise forest functional level', 'dns scavenging', 'scavenging', 'no refresh interval', 'dns zone',
      'ad integrated zone', 'active directory integrated zone', 'conditional forwarder', 'dns forwarder', 'reverse lookup zone',
      'drive mapping', 'map network drive', 'mapped drive', 'network drive', 'logon script', 'login script', 'folder redirection',
      'software installation policy', 'promote domain controller', 'demote domain controller', 'dcpromo', 'ad replication',
      'replication topology', 'repadmin', 'site link', 'ad sites', 'kcc', 'sysvol', 'ntdsutil', 'authoritative restore',
      'deploy printer', 'printer deployment', 'create forest trust', 'new forest trust', 'external trust', 'shortcut trust', 'ad subnet',
    ],
    qualifiers: ['active directory users and computers', 'group policy management', 'dns manager', 'sites and services', 'dns', 'zone', 'zones', 'gpo', 'gpos', 'group policy', 'group policy preference', 'policy', 'drive', 'drives', 'printer', 'printers', 'replication', 'site', 'sites', 'interval', 'intervals', 'domain controller', 'forest', 'domain', 'functional level', 'schema', 'reversible', 'rollback', 'script', 'scripts', 'role', 'roles', 'powershell', 'cmdlet', 'command'],
  },
  {
    id: 'defender',
    product: 'Microsoft Defender',
    adminCenter: 'Microsoft Defender portal',
    docs: { title: 'Microsoft Defender XDR documentation', url: 'https://learn.microsoft.com/defender-xdr/' },
    names: ['microsoft defender', 'defender', 'defender for endpoint', 'defender for office 365', 'defender xdr', 'mde', 'sentinel', 'microsoft sentinel'],
    subjects: [
      'antivirus', 'anti virus', 'malware', 'safe links', 'safe attachments', 'attack simulation', 'phishing simulation', 'edr',
      'endpoint detection', 'vulnerability management', 'threat hunting', 'advanced hunting', 'attack surface reduction',
      'tamper protection', 'siem', 'threat explorer', 'device onboarding',
    ],
    qualifiers: ['onboard', 'onboarding', 'alert', 'alerts', 'incident', 'incidents', 'threat', 'threats', 'scan', 'exclusion', 'exclusions', 'phishing', 'hunting'],
  },
  {
    id: 'purview',
    product: 'Microsoft Purview',
    adminCenter: 'Microsoft Purview portal',
    docs: { title: 'Microsoft Purview documentation', url: 'https://learn.microsoft.com/purview/' },
    names: ['microsoft purview', 'purview', 'compliance portal', 'compliance center'],
    subjects: [
      'dlp', 'data loss prevention', 'retention policy', 'retention policies', 'retention label', 'sensitivity label',
      'ediscovery', 'e discovery', 'content search', 'insider risk', 'information protection', 'records management',
      'communication compliance', 'legal hold', 'unified audit log', 'audit log search', 'information barrier',
    ],
    qualifiers: ['label', 'labels', 'retention', 'compliance', 'audit', 'classification', 'classifier', 'hold'],
  },
  {
    id: 'm365-pricing',
    product: 'Microsoft 365 plans and prices',
    adminCenter: 'Microsoft 365 admin center (Billing)',
    docs: { title: 'Microsoft 365 subscriptions and billing documentation', url: 'https://learn.microsoft.com/microsoft-365/commerce/' },
    names: [
      'e1', 'e3', 'e5', 'f1', 'f3', 'business basic', 'business standard', 'business premium', 'apps for business',
      'apps for enterprise', 'copilot', 'visio', 'project plan', 'teams essentials', 'office 365 e3', 'microsoft 365 e3',
    ],
    subjects: [
      'enterprise agreement', 'volume licensing', 'nonprofit pricing', 'price per user', 'cost per user', 'per user per month',
      'annual commitment', 'monthly commitment', 'billing frequency', 'payment method', 'credit card', 'purchase order',
      'billing account', 'billing profile', 'recurring billing', 'cloud solution provider', 'csp', 'reseller', 'new commerce experience',
    ],
    qualifiers: ['cost', 'price', 'pricing', 'cheap', 'cheaper', 'expensive', 'discount', 'buy', 'purchase', 'trial', 'billing', 'invoice', 'month', 'monthly', 'annual', 'renew', 'renewal', 'cancel'],
  },
];

/**
 * What makes a question ours, by weight. `core` are the field's named things (sign-in methods,
 * sync engines, Conditional Access, consent, Entra roles): one of them keeps a question ours
 * against a neighbour's subject and name together. `identity` are words of identity at large,
 * weighed like a neighbour's subject. `context` say little on their own.
 * Entra roles named after a product ("Exchange Administrator") are ours: the phrase is longer than
 * the product's name, and the longest phrase at a position wins.
 */
// prettier-ignore
export const IN_SCOPE_SIGNALS = {
  core: [
    'password hash sync', 'pass through authentication', 'seamless sso', 'single sign on', 'sso', 'entra connect', 'cloud sync',
    'ad fs', 'federation', 'staged rollout', 'connect health', 'conditional access', 'mfa', 'privileged identity management', 'identity protection',
    'self service password reset', 'password writeback', 'writeback', 'upn', 'global administrator', 'hybrid identity administrator',
    'premium p1', 'premium p2', 'p1', 'p2', 'smart card', 'admin consent', 'consent', 'enterprise app', 'app registration',
    'soft match', 'hard match', 'proxyaddresses', 'number matching', 'security defaults', 'identity model', 'staging mode',
    'power apps', 'power automate', 'phishing resistant', 'passwordless', 'passkey', 'fido2', 'authenticator',
    'hybrid join', 'hybrid joined', 'entra join', 'entra joined', 'device registration', 'registered device', 'device limit',
    'exchange administrator', 'sharepoint administrator', 'teams administrator', 'intune administrator', 'license administrator',
    'billing administrator', 'security administrator', 'compliance administrator', 'exchange admin role', 'admin role',
    'administrator role', 'directory role', 'role assignment', 'service principal', 'managed identity', 'scim',
    'user provisioning', 'guest user', 'guest access', 'b2b', 'external identities', 'cross tenant', 'sign in logs',
    // BitLocker recovery keys kept with device identities in Entra ID (devices area): the key, not BitLocker policy.
    'bitlocker key', 'bitlocker keys', 'bitlocker recovery key', 'bitlocker recovery keys',
    // The tenant every Microsoft 365 plan comes with, and buying Entra ID itself: Entra licensing, not plan prices.
    'entra id tenant', 'entra tenant', 'azure ad tenant', 'buy entra', 'buy entra id', 'purchase entra id', 'buy azure ad',
    // Power Apps forms and canvas apps on SharePoint lists (an area of ours): their names outweigh the list they sit on.
    'sharepointintegration', 'sharepointintegration.selected', 'sharepointintegration.selectedlistitemid', 'sharepointform1',
    'requesthide', 'submitform', 'sharepoint form', 'custom form', 'custom forms', 'customized form', 'customised form',
    'custom list form', 'list form', 'power apps form', 'customize forms', 'canvas app', 'delegable', 'non delegable',
    'nondelegable', 'delegation warning', 'data row limit',
  ],
  identity: [
    'sign in', 'permission', 'permissions', 'role', 'roles', 'token', 'tokens', 'saml', 'oauth', 'oidc', 'openid', 'guest',
    'guests', 'authentication', 'authenticate', 'identity', 'identities', 'client secret', 'provisioning', 'least privilege',
    'graph permission', 'api permission', 'application permission', 'delegated permission', 'delegated', 'app access',
    'application access',
  ],
  context: ['entra id', 'azure ad', 'sync', 'password', 'license', 'directory', 'tenant', 'hybrid identity', 'on premises', 'active directory'],
} as const;

/** Every word of the neighbours' phrases: the typo corrector may correct towards them ("intnue" is Intune). */
export function neighbourWords(neighbours: readonly Neighbour[] = NEIGHBOURS): string[] {
  return [...new Set(neighbours.flatMap((n) => [...n.names, ...n.subjects, ...n.qualifiers]).flatMap((text) => text.split(' ')))];
}

/**
 * A Microsoft Graph permission as admins paste it (Mail.Read, Sites.Read.All, User.ReadWrite.All):
 * an identity signal wherever it appears, as a token after normalise().
 */
export const GRAPH_PERMISSION = /^[a-z]+\.(read|readwrite|write|send|manage|readbasic|accessasuser|create)(\.[a-z]+)*$/;

/** Weights of the scope decision: a product's subject counts like identity, its name less, our core more. */
export const SCOPE_WEIGHTS = { name: 1, subject: 2, core: 3, identity: 2, context: 1 } as const;
