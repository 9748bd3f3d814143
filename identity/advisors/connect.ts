/**
 * Entra Connect advisor: which sync tool, and which sign-in method for hybrid users.
 * Over 300 lines: one advisor defined as data (questions, outcomes, Learn links), one decision tree read top to bottom.
 */
import { all, any, is, not } from './conditions';
import type { Advisor } from './model';

const hybrid = is('on-prem-ad', 'yes');
const disconnected = is('forests', 'disconnected');
const needsFederation = is('federation-need', 'third-party-mfa', 'smart-card', 'domain-username', 'custom-adfs');
const needsPta = any(is('policy-at-sign-in', 'yes'), is('hash-sync-allowed', 'no'));
const needsConnectSync = any(is('sync-features', 'devices', 'rules'), is('domain-size', 'large'), is('sync-today', 'connect-sync'));
const hashesAllowed = is('hash-sync-allowed', 'yes');
const federatedToday = is('federated-today', 'yes');

const LINKS = {
  chooseAuth: {
    title: 'Choose the right authentication method for hybrid identity',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/choose-ad-authn',
  },
  phs: {
    title: 'Implement password hash synchronization',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-password-hash-synchronization',
  },
  pta: {
    title: 'Pass-through authentication quick start',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-pta-quick-start',
  },
  cloudSyncDecision: {
    title: 'Connect Sync or Cloud Sync: decision guide',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/connect-to-cloud-sync-decision-guide',
  },
  cloudSyncTopologies: {
    title: 'Supported topologies for Cloud Sync',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/plan-cloud-sync-topologies',
  },
  connectSync: {
    title: 'What is Microsoft Entra Connect?',
    url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/whatis-azure-ad-connect',
  },
  identityModels: {
    title: 'Microsoft 365 identity models',
    url: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/about-microsoft-365-identity',
  },
};

const STAGED_ROLLOUT_STEP =
  'You federate today: move users off AD FS in groups with staged rollout, then convert the domains to managed and retire the farm when nothing else depends on it.';
const SEAMLESS_SSO_STEP = 'Turn on seamless single sign-on for domain-joined devices that are not Microsoft Entra joined or hybrid joined.';

export const CONNECT_ADVISOR: Advisor = {
  id: 'connect',
  name: 'Entra Connect advisor',
  intro:
    'A few questions about your Active Directory and your sign-in requirements, then a recommendation for the sync tool (Connect Sync or Cloud Sync) and the sign-in method.',
  questions: [
    {
      id: 'on-prem-ad',
      text: 'Do you have an on-premises Active Directory whose users should sign in to Microsoft 365?',
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No, our users exist only in the cloud' },
      ],
      tenantFact: { key: 'syncEnabled', choices: { on: 'yes' } },
    },
    {
      id: 'forests',
      text: 'How many Active Directory forests will you synchronise?',
      help: 'Forests are "connected" when the sync server can reach all of them over the network, for example through trusts. Forests from a merger that cannot see each other are "disconnected".',
      when: hybrid,
      choices: [
        { id: 'one', label: 'One forest' },
        { id: 'connected', label: 'Several connected forests' },
        { id: 'disconnected', label: 'Several disconnected forests (for example after a merger)' },
      ],
    },
    {
      id: 'federation-need',
      text: 'Do you have a sign-in requirement that Microsoft Entra ID cannot meet on its own?',
      help: 'Entra ID now covers many needs that once required federation: certificate-based authentication for smart cards and external authentication methods for some third-party MFA.',
      when: hybrid,
      choices: [
        { id: 'none', label: 'No, none of these' },
        { id: 'third-party-mfa', label: 'A third-party MFA server or identity provider that requires federation' },
        { id: 'smart-card', label: 'On-premises smart-card sign-in we will not move to Entra certificate-based authentication' },
        { id: 'domain-username', label: 'Users must sign in as DOMAIN\\username instead of their UPN' },
        { id: 'custom-adfs', label: 'A heavily customised AD FS sign-in we must keep' },
      ],
    },
    {
      id: 'federated-today',
      text: 'Do your users sign in through AD FS or another federation service today?',
      when: hybrid,
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
      tenantFact: { key: 'federatedDomains', choices: { some: 'yes', none: 'no' } },
    },
    {
      id: 'policy-at-sign-in',
      text: 'Must on-premises account rules be enforced at the moment of sign-in?',
      help: 'For example logon hours, or a disabled, locked-out or expired account being refused straight away rather than after the next sync.',
      when: all(hybrid, not(needsFederation)),
      choices: [
        { id: 'yes', label: 'Yes, immediately' },
        { id: 'no', label: 'No, a short delay is fine' },
      ],
    },
    {
      id: 'hash-sync-allowed',
      text: 'May password hashes be synchronised to Microsoft Entra ID?',
      help: 'Password hash sync sends a salted hash of the AD password hash, never the password itself; some organisations still forbid any password material leaving their network.',
      when: hybrid,
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No, our policy forbids it' },
      ],
    },
    {
      id: 'sync-features',
      text: 'Do you need any of these sync features?',
      when: hybrid,
      choices: [
        { id: 'none', label: 'None of these' },
        { id: 'devices', label: 'Device sync for Microsoft Entra hybrid join, or device writeback' },
        { id: 'rules', label: 'Custom sync rules, attribute-based filtering or cross-forest object references' },
      ],
    },
    {
      id: 'domain-size',
      text: 'How many objects (users, groups, contacts) are in your largest Active Directory domain?',
      when: hybrid,
      choices: [
        { id: 'small', label: 'Up to 150,000' },
        { id: 'large', label: 'More than 150,000' },
      ],
    },
    {
      id: 'sync-today',
      text: 'Which sync tool do you run today?',
      when: hybrid,
      choices: [
        { id: 'none', label: 'None yet' },
        { id: 'connect-sync', label: 'Microsoft Entra Connect Sync, and it works well' },
        { id: 'cloud-sync', label: 'Microsoft Entra Cloud Sync' },
      ],
      tenantFact: { key: 'syncEnabled', choices: { never: 'none', off: 'none' } },
    },
  ],
  outcomes: [
    {
      id: 'cloud-only',
      title: 'Cloud-only identities: no sync tool needed',
      recommendation:
        'Create and manage users directly in Microsoft Entra ID; you do not need Connect Sync, Cloud Sync or a hybrid sign-in method.',
      when: is('on-prem-ad', 'no'),
      why: [
        'Sync tools and hybrid sign-in only exist to bring on-premises Active Directory accounts to the cloud.',
        'Cloud-only accounts are the simplest identity model to run: there is no on-premises server to patch or monitor.',
      ],
      prerequisites: ['Global Administrator or User Administrator role to create users.'],
      checklist: [
        'Create users in the Microsoft 365 admin center or the Microsoft Entra admin center.',
        'Require MFA for everyone (security defaults or Conditional Access).',
        'Run the Entra setup guide for licences, admin protection and self-service password reset.',
      ],
      links: [LINKS.identityModels],
    },
    {
      id: 'federation',
      title: 'Federation, synced with Connect Sync, with password hash sync as backup',
      recommendation:
        'Keep sign-in federated (AD FS or your third-party identity provider) only for the requirement you named, sync with Microsoft Entra Connect Sync, and keep password hash sync on as a backup.',
      when: all(hybrid, needsFederation),
      why: [
        'Federation is the method for sign-in requirements that cloud authentication cannot meet, such as a third-party MFA product that needs a federated identity provider or DOMAIN\\username sign-in.',
        'Connect Sync can set up and manage an AD FS federation trust for you; Cloud Sync does not configure federation.',
        'Federation needs the most infrastructure of all methods: a load-balanced farm, proxies in the perimeter network and certificates you must renew.',
      ],
      prerequisites: [
        'At least two federation servers and two proxy (Web Application Proxy) servers for high availability.',
        'A public TLS certificate for the federation service name.',
        'Hybrid Identity Administrator (or Global Administrator) for the Entra side.',
      ],
      checklist: [
        'Confirm the requirement really needs federation: Entra certificate-based authentication and external authentication methods may cover it.',
        'Install Microsoft Entra Connect Sync and choose federation with AD FS as the sign-in method.',
        'Plan or review the farm with the AD FS deployment advisor.',
        'Monitor the token-signing certificate and the farm health.',
      ],
      links: [
        LINKS.chooseAuth,
        {
          title: 'Plan your AD FS deployment topology',
          url: 'https://learn.microsoft.com/en-us/windows-server/identity/ad-fs/design/plan-your-ad-fs-deployment-topology',
        },
        LINKS.phs,
      ],
      addenda: [
        {
          when: hashesAllowed,
          why: [
            'Password hash sync as a backup lets users keep signing in if the farm is down, and ID Protection needs it for leaked-credential detection.',
          ],
          checklist: ['Turn on password hash sync as the backup sign-in method.'],
        },
        {
          when: is('hash-sync-allowed', 'no'),
          why: [
            'Without password hash sync there is no cloud backup: when the farm is down, nobody signs in. Build the farm for high availability.',
          ],
        },
        {
          when: federatedToday,
          checklist: [
            'You already federate: plan to move users to cloud authentication with staged rollout once the requirement goes away.',
          ],
        },
        {
          when: disconnected,
          why: [
            'Connect Sync cannot sync disconnected forests; if you sync them with Cloud Sync, configure federation separately, since Cloud Sync does not do it.',
          ],
        },
      ],
    },
    {
      id: 'pta-needs-trusts',
      title: 'Pass-through authentication needs trusted forests',
      recommendation:
        'Pass-through authentication cannot validate users in forests without trusts. Either connect the forests with trusts and use Connect Sync with pass-through authentication, or sync them with Cloud Sync and password hash sync if your policy can allow it.',
      when: all(hybrid, disconnected, needsPta),
      why: [
        'Pass-through authentication agents validate passwords against your domain controllers; across several forests that works only when the forests trust each other.',
        'Disconnected forests are what Cloud Sync handles well, but Cloud Sync does not configure pass-through authentication.',
      ],
      prerequisites: ['A decision on forest trusts, or on whether password hashes may be synchronised.'],
      checklist: [
        'Decide between forest trusts with Connect Sync and pass-through authentication, or Cloud Sync with password hash sync.',
        'If you choose trusts: configure them with name suffix routing, then install Connect Sync and at least three pass-through agents.',
        'If you choose Cloud Sync: install at least two provisioning agents per forest and turn on password hash sync.',
      ],
      links: [
        {
          title: 'Pass-through authentication FAQ',
          url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-pta-faq',
        },
        LINKS.cloudSyncTopologies,
      ],
      addenda: [{ when: federatedToday, checklist: [STAGED_ROLLOUT_STEP] }],
    },
    {
      id: 'pta',
      title: 'Pass-through authentication with Connect Sync',
      recommendation: 'Use pass-through authentication with seamless single sign-on, and sync with Microsoft Entra Connect Sync.',
      when: all(hybrid, needsPta),
      why: [
        'Pass-through authentication checks each password against your Active Directory, so disabled, locked-out and expired accounts and logon hours apply at the moment of sign-in.',
        'Connect Sync sets up pass-through authentication in its wizard; Cloud Sync does not configure it.',
      ],
      prerequisites: [
        'Windows Server machines for the agents with outbound internet access and line of sight to your domain controllers (not in the perimeter network).',
        'Hybrid Identity Administrator (or Global Administrator).',
      ],
      checklist: [
        'Install (or reconfigure) Microsoft Entra Connect Sync and choose pass-through authentication as the sign-in method.',
        'Install two more authentication agents, three in total, so one can fail while another is in maintenance.',
        SEAMLESS_SSO_STEP,
        'Require MFA with Microsoft Entra MFA or Conditional Access.',
      ],
      links: [LINKS.pta, LINKS.chooseAuth, LINKS.phs],
      addenda: [
        {
          when: hashesAllowed,
          why: [
            'Also turn on password hash sync: it is the backup if the agents or on-premises AD become unreachable, and ID Protection needs it for leaked-credential detection.',
          ],
          checklist: ['Turn on password hash sync as the backup; switching to it is a manual step in Connect Sync.'],
        },
        {
          when: is('hash-sync-allowed', 'no'),
          why: ['Your policy keeps password hashes on-premises, so there is no cloud backup: keep the three agents healthy and monitored.'],
        },
        {
          when: is('sync-today', 'cloud-sync'),
          why: [
            'You run Cloud Sync today, which does not set up pass-through authentication: plan Connect Sync for it, or configure pass-through authentication separately.',
          ],
        },
        { when: federatedToday, checklist: [STAGED_ROLLOUT_STEP] },
      ],
    },
    {
      id: 'phs-connect-sync',
      title: 'Password hash sync with Connect Sync',
      recommendation: 'Use password hash sync with seamless single sign-on, and sync with Microsoft Entra Connect Sync.',
      when: all(hybrid, not(disconnected), needsConnectSync),
      why: [
        'Password hash sync is the simplest sign-in method and keeps working when on-premises servers are down.',
        'Connect Sync covers what you need that Cloud Sync does not yet.',
      ],
      prerequisites: [
        'A Windows Server for Connect Sync, and ideally a second one in staging mode.',
        'Hybrid Identity Administrator (or Global Administrator).',
      ],
      checklist: [
        'Install (or keep) Microsoft Entra Connect Sync on the current version and turn on password hash sync.',
        SEAMLESS_SSO_STEP,
        'Add a staging-mode server so you can fail over.',
        'Require MFA with Microsoft Entra MFA or Conditional Access.',
      ],
      links: [LINKS.phs, LINKS.connectSync, LINKS.cloudSyncDecision],
      addenda: [
        { when: is('sync-features', 'devices'), why: ['Device sync for hybrid join is available in Connect Sync only.'] },
        {
          when: is('sync-features', 'rules'),
          why: ['Custom sync rules, attribute-based filtering and cross-forest references need the Connect Sync rules engine.'],
        },
        {
          when: is('domain-size', 'large'),
          why: ['Cloud Sync supports up to 150,000 objects per domain; Connect Sync has no such limit.'],
        },
        {
          when: is('sync-today', 'connect-sync'),
          why: [
            'You already run Connect Sync successfully; there is no need to change tools now. Review Cloud Sync again when you plan an upgrade.',
          ],
        },
        { when: federatedToday, checklist: [STAGED_ROLLOUT_STEP] },
      ],
    },
    {
      id: 'phs-cloud-sync',
      title: 'Password hash sync with Cloud Sync',
      recommendation: 'Use password hash sync with seamless single sign-on, and sync with Microsoft Entra Cloud Sync.',
      why: [
        'Password hash sync is the simplest sign-in method, needs no extra servers and keeps working when on-premises servers are down.',
        'Cloud Sync uses lightweight agents, is configured from the cloud, and stays available when one agent fails; Microsoft develops new sync features there first.',
      ],
      prerequisites: [
        'Windows Server machines for at least two provisioning agents with outbound internet access.',
        'Hybrid Identity Administrator (or Global Administrator).',
      ],
      checklist: [
        'Install two or more provisioning agents and create the Cloud Sync configuration.',
        'Turn on password hash sync in the configuration.',
        SEAMLESS_SSO_STEP,
        'Require MFA with Microsoft Entra MFA or Conditional Access.',
      ],
      links: [
        LINKS.phs,
        {
          title: 'What is Microsoft Entra Cloud Sync?',
          url: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/what-is-cloud-sync',
        },
        LINKS.cloudSyncTopologies,
      ],
      addenda: [
        {
          when: all(hybrid, disconnected),
          why: ['Cloud Sync syncs several disconnected forests into one tenant, which Connect Sync cannot do.'],
          checklist: ['Install the agents in each forest.'],
        },
        {
          when: all(
            disconnected,
            any(is('sync-features', 'devices', 'rules'), is('domain-size', 'large'), is('sync-today', 'connect-sync')),
          ),
          why: [
            'Some of your needs are Connect Sync only: you can run Connect Sync for the forest that needs it and Cloud Sync for the others, as long as their scopes do not overlap.',
          ],
        },
        { when: federatedToday, checklist: [STAGED_ROLLOUT_STEP] },
      ],
    },
  ],
};
