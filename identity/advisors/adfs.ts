/** AD FS deployment advisor: confirm federation is needed, then plan a highly available farm. */
import { all, is, not } from './conditions';
import type { Addendum, Advisor } from './model';

const needsFederation = not(is('federation-need', 'none'));
const federatedToday = is('federated-today', 'yes');

const LINKS = {
  topology: {
    title: 'Plan your AD FS deployment topology',
    url: 'https://learn.microsoft.com/en-us/windows-server/identity/ad-fs/design/plan-your-ad-fs-deployment-topology',
  },
  requirements: {
    title: 'AD FS requirements',
    url: 'https://learn.microsoft.com/en-us/windows-server/identity/ad-fs/overview/ad-fs-requirements',
  },
  certificates: {
    title: 'Renew federation certificates for Microsoft 365 and Microsoft Entra ID',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-fed-o365-certs',
  },
};

const FARM_PREREQUISITES = [
  'At least two AD FS servers (domain-joined, on the internal network) and two Web Application Proxy servers in the perimeter network.',
  'Load balancers in front of both tiers, and DNS for the federation service name inside and outside.',
  'A TLS/SSL certificate for the federation service name (for example sts.contoso.com) from a public certificate authority.',
  'A group Managed Service Account for the AD FS service.',
];

const FARM_CHECKLIST = [
  'Install the TLS certificate on every AD FS and Web Application Proxy server.',
  'Leave AutoCertificateRollover on so AD FS renews its token-signing and token-decrypting certificates, and keep the federation metadata reachable so Entra ID picks up the new ones.',
  'Federate the domain with Microsoft Entra Connect Sync, which also syncs the users.',
  'Turn on Microsoft Entra Connect Health for AD FS to watch the farm.',
  'Plan the later move to cloud authentication: staged rollout lets you test groups of users before converting the domain.',
];

/** Lines that apply to every farm, whatever its database. */
const FARM_ADDENDA: readonly Addendum[] = [
  {
    when: is('federation-need', 'smart-card'),
    why: ['Check Microsoft Entra certificate-based authentication first: it signs users in with smart cards without a farm.'],
  },
  {
    when: is('federation-need', 'third-party-mfa'),
    why: ['Check whether your MFA vendor supports Entra external authentication methods: that would remove the need for federation.'],
  },
  {
    when: is('federation-need', 'domain-username'),
    why: [
      'DOMAIN\\username sign-in is a federation-only feature; a user principal name that matches the email address would remove this need.',
    ],
  },
  {
    when: is('users', 'large'),
    checklist: [
      'Size the farm with the AD FS capacity planning worksheet and add federation servers beyond the first two as the load requires.',
    ],
  },
  {
    when: is('sites', 'several'),
    why: [
      'With several sites, put AD FS and proxy servers in each and route users to the nearest with geo-aware DNS or a global load balancer.',
    ],
    checklist: ['Deploy at least one AD FS and one proxy server per site, and test failover between sites.'],
  },
  {
    when: is('mfa', 'entra'),
    checklist: [
      'Require MFA in Microsoft Entra ID with Conditional Access (P1), so it works the same once you move to cloud authentication.',
    ],
  },
  {
    when: is('mfa', 'third-party'),
    checklist: [
      "Install your MFA vendor's AD FS adapter, and set the domain's federatedIdpMfaBehavior so Entra ID accepts or enforces the MFA done in AD FS.",
    ],
  },
  {
    when: is('mfa', 'undecided'),
    checklist: [
      'Decide on MFA: Microsoft Entra MFA through Conditional Access is the simplest and keeps working after a move to cloud authentication.',
    ],
  },
  {
    when: is('hash-sync-allowed', 'yes'),
    why: [
      'Password hash sync as a backup lets users sign in if the farm is down, and ID Protection needs it for leaked-credential detection.',
    ],
    checklist: ['Turn on password hash sync in Connect Sync as the backup sign-in method.'],
  },
  {
    when: is('hash-sync-allowed', 'no'),
    why: [
      'Without password hash sync there is no cloud backup: if the farm is down, nobody signs in, so treat it as critical infrastructure.',
    ],
  },
];

export const ADFS_ADVISOR: Advisor = {
  id: 'adfs',
  name: 'AD FS deployment advisor',
  intro:
    'First we check that you really need federation, then we plan an AD FS farm: servers, database, certificates, MFA and a backup sign-in method.',
  questions: [
    {
      id: 'federation-need',
      text: 'Which requirement makes you need federation?',
      help: 'Most organisations do not need federation any more: password hash sync or pass-through authentication cover ordinary sign-in and single sign-on.',
      choices: [
        { id: 'none', label: 'None of these: we want single sign-on, or we have always used AD FS' },
        { id: 'third-party-mfa', label: 'A third-party MFA server or identity provider that requires federation' },
        { id: 'smart-card', label: 'On-premises smart-card sign-in we will not move to Entra certificate-based authentication' },
        { id: 'domain-username', label: 'Users must sign in as DOMAIN\\username instead of their UPN' },
        { id: 'custom-adfs', label: 'A heavily customised AD FS sign-in we must keep' },
      ],
    },
    {
      id: 'federated-today',
      text: 'Do you already run AD FS for Microsoft 365?',
      choices: [
        { id: 'yes', label: 'Yes, our domains are federated' },
        { id: 'no', label: 'No, this would be a new farm' },
      ],
      tenantFact: { key: 'federatedDomains', choices: { some: 'yes', none: 'no' } },
    },
    {
      id: 'users',
      text: 'Roughly how many users will sign in through AD FS?',
      when: needsFederation,
      choices: [
        { id: 'small', label: 'Up to a few thousand' },
        { id: 'large', label: 'Tens of thousands or more' },
      ],
    },
    {
      id: 'sites',
      text: 'Will users sign in from one datacentre region or from several sites?',
      when: needsFederation,
      choices: [
        { id: 'one', label: 'One site' },
        { id: 'several', label: 'Several sites that each need local sign-in' },
      ],
    },
    {
      id: 'sql-features',
      text: 'Will the farm need more than 100 relying party trusts, SAML artifact resolution or token replay detection?',
      help: 'Microsoft 365 alone needs none of these. The built-in Windows Internal Database supports farms of up to 30 servers with 100 or fewer relying party trusts.',
      when: needsFederation,
      choices: [
        { id: 'no', label: 'No' },
        { id: 'yes', label: 'Yes' },
      ],
    },
    {
      id: 'mfa',
      text: 'Which multifactor authentication will federated users use?',
      when: needsFederation,
      choices: [
        { id: 'entra', label: 'Microsoft Entra MFA' },
        { id: 'third-party', label: 'A third-party MFA product through AD FS' },
        { id: 'undecided', label: 'Not decided yet' },
      ],
    },
    {
      id: 'hash-sync-allowed',
      text: 'May password hashes be synchronised to Microsoft Entra ID as a backup?',
      when: needsFederation,
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No, our policy forbids it' },
      ],
    },
  ],
  outcomes: [
    {
      id: 'cloud-auth-instead',
      title: 'You do not need AD FS: use cloud authentication',
      recommendation:
        'Use password hash sync with seamless single sign-on instead of federation; run the Entra Connect advisor to choose the sync tool.',
      when: is('federation-need', 'none'),
      why: [
        'Single sign-on works with password hash sync or pass-through authentication, without a farm, proxies or federation certificates.',
        'Password hash sync keeps sign-in working when on-premises servers are down, and enables leaked-credential detection.',
      ],
      prerequisites: ['Microsoft Entra Connect Sync or Cloud Sync with password hash sync turned on.'],
      checklist: [
        'Run the Entra Connect advisor to choose the sync tool and confirm the sign-in method.',
        'Turn on password hash sync and seamless single sign-on.',
      ],
      links: [
        {
          title: 'Choose the right authentication method for hybrid identity',
          url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/choose-ad-authn',
        },
        {
          title: 'Migrate from federation to cloud authentication',
          url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/migrate-from-federation-to-cloud-authentication',
        },
        {
          title: 'Staged rollout to cloud authentication',
          url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-staged-rollout',
        },
      ],
      addenda: [
        {
          when: federatedToday,
          checklist: [
            'Move users off AD FS in groups with staged rollout, then convert the domains to managed authentication.',
            'Check which other applications still use the farm before you retire it.',
          ],
        },
        {
          when: is('federated-today', 'no'),
          why: ['You do not federate today, so there is nothing to migrate: simply do not build a farm.'],
        },
      ],
    },
    {
      id: 'sql-farm',
      title: 'AD FS farm on SQL Server',
      recommendation:
        'Build an AD FS farm of at least two federation servers and two Web Application Proxy servers, with the configuration database on highly available SQL Server, and keep password hash sync as a backup where allowed.',
      when: all(needsFederation, is('sql-features', 'yes')),
      why: [
        'More than 100 relying party trusts, SAML artifact resolution and token replay detection need SQL Server; the Windows Internal Database does not support them.',
        'Two servers in each tier keep sign-in working while one is down or being patched.',
      ],
      prerequisites: [
        ...FARM_PREREQUISITES,
        'A highly available SQL Server (for example an Always On availability group) for the AD FS configuration database.',
      ],
      checklist: ['Create the farm on SQL Server, then join the second federation server.', ...FARM_CHECKLIST],
      links: [LINKS.topology, LINKS.requirements, LINKS.certificates],
      addenda: FARM_ADDENDA,
    },
    {
      id: 'wid-farm',
      title: 'AD FS farm on the Windows Internal Database',
      recommendation:
        'Build an AD FS farm of at least two federation servers and two Web Application Proxy servers, using the built-in Windows Internal Database, and keep password hash sync as a backup where allowed.',
      why: [
        'The Windows Internal Database needs no SQL Server and supports farms of up to 30 federation servers with 100 or fewer relying party trusts, which is plenty for Microsoft 365.',
        'Two servers in each tier keep sign-in working while one is down or being patched.',
      ],
      prerequisites: FARM_PREREQUISITES,
      checklist: [
        'Create the farm on the first federation server with the Windows Internal Database, then join the second.',
        ...FARM_CHECKLIST,
      ],
      links: [LINKS.topology, LINKS.requirements, LINKS.certificates],
      addenda: [
        {
          when: is('sites', 'several'),
          why: [
            'With the Windows Internal Database only the primary server accepts configuration changes; the others keep serving sign-ins if it is down.',
          ],
        },
        ...FARM_ADDENDA,
      ],
    },
  ],
};
