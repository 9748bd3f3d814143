/** Entra setup guide: the basic configuration of a Microsoft 365 tenant's Microsoft Entra ID. */
import { all, any, is } from './conditions';
import type { Addendum, Advisor } from './model';

const hybrid = is('identity-model', 'hybrid');
const wantsSspr = is('sspr', 'yes');

const LINKS = {
  licensing: { title: 'Microsoft Entra licensing', url: 'https://learn.microsoft.com/en-us/entra/fundamentals/licensing' },
  securityDefaults: {
    title: 'Security defaults in Microsoft Entra ID',
    url: 'https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults',
  },
  emergencyAccess: {
    title: 'Manage emergency access accounts',
    url: 'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access',
  },
  conditionalAccess: {
    title: 'What is Conditional Access?',
    url: 'https://learn.microsoft.com/en-us/entra/identity/conditional-access/overview',
  },
  ssprWriteback: {
    title: 'Enable SSPR password writeback',
    url: 'https://learn.microsoft.com/en-us/entra/identity/authentication/tutorial-enable-sspr-writeback',
  },
  pim: {
    title: 'What is Privileged Identity Management?',
    url: 'https://learn.microsoft.com/en-us/entra/id-governance/privileged-identity-management/pim-configure',
  },
  idProtection: {
    title: 'What is Microsoft Entra ID Protection?',
    url: 'https://learn.microsoft.com/en-us/entra/id-protection/overview-identity-protection',
  },
};

/** Steps every tenant needs, whatever its licence. */
const BASICS = [
  'Create two cloud-only emergency access accounts on the onmicrosoft.com domain with the Global Administrator role, protected by passkeys (FIDO2) or certificates, and alert on every sign-in.',
  'Keep fewer than five Global Administrators and give everyone else the least-privileged role that fits, such as User Administrator or Helpdesk Administrator.',
  'Set user consent to allow only apps from verified publishers asking for low-impact permissions (or turn it off), and turn on the admin consent workflow so users can request the rest.',
];

const COMMON_ADDENDA: readonly Addendum[] = [
  {
    when: hybrid,
    checklist: [
      'Run the Entra Connect advisor to choose the sync tool and the sign-in method.',
      'Give admin roles to cloud-only accounts, not to accounts synced from on-premises.',
    ],
  },
  {
    when: is('identity-model', 'cloud-only'),
    checklist: ['Create users and groups directly in Microsoft Entra ID or the Microsoft 365 admin center.'],
  },
  {
    when: is('global-admins', 'one'),
    why: ['With a single Global Administrator one lost phone can lock you out: add a second administrator besides the emergency accounts.'],
  },
  {
    when: is('global-admins', 'five-or-more'),
    why: [
      'You have five or more Global Administrators; Microsoft recommends fewer than five, because each one can change almost everything.',
    ],
  },
  {
    when: all(wantsSspr, is('identity-model', 'cloud-only')),
    checklist: [
      'Turn on self-service password reset for all users and require two methods to reset (needs Microsoft 365 Business Standard or higher, or Entra ID P1).',
    ],
  },
  {
    when: all(wantsSspr, hybrid),
    checklist: [
      'Turn on password writeback in your sync tool, then self-service password reset with writeback for all users (needs P1 or Microsoft 365 Business Premium).',
    ],
  },
  {
    when: is('saas-apps', 'yes'),
    checklist: [
      'Add your SaaS apps from the Microsoft Entra app gallery, set up SAML or OpenID Connect single sign-on, and assign them to groups.',
    ],
  },
];

export const SETUP_GUIDE: Advisor = {
  id: 'setup',
  name: 'Entra setup guide',
  intro:
    'The basic configuration of Microsoft Entra ID for a Microsoft 365 tenant: identity model, licence, admin protection, self-service password reset, app sign-in and consent.',
  questions: [
    {
      id: 'identity-model',
      text: 'Where do your user accounts live?',
      help: 'Hybrid means accounts are created in on-premises Active Directory and synchronised to Microsoft Entra ID.',
      choices: [
        { id: 'cloud-only', label: 'Only in the cloud' },
        { id: 'hybrid', label: 'In on-premises Active Directory, synchronised to the cloud (hybrid)' },
      ],
      tenantFact: { key: 'syncEnabled', choices: { on: 'hybrid' } },
    },
    {
      id: 'protection',
      text: 'What protection do you need beyond MFA for everyone?',
      choices: [
        { id: 'baseline', label: 'Nothing more: MFA for everyone and blocking legacy sign-in is enough' },
        { id: 'conditional-access', label: 'Policies by user, app, location or device (Conditional Access)' },
        { id: 'risk-pim', label: 'Risk-based policies, or just-in-time admin roles (PIM)' },
      ],
    },
    {
      id: 'sspr',
      text: 'Should users reset forgotten passwords themselves?',
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No, the helpdesk resets them' },
      ],
    },
    {
      id: 'edition',
      text: 'Which Microsoft Entra ID edition do your licences include?',
      help: 'Microsoft 365 E3 and Business Premium include P1; Microsoft 365 E5 includes P2; other plans include Free.',
      choices: [
        { id: 'free', label: 'Free' },
        { id: 'p1', label: 'P1' },
        { id: 'p2', label: 'P2' },
        { id: 'unsure', label: 'Not sure' },
      ],
      tenantFact: { key: 'edition', choices: { free: 'free', p1: 'p1', p2: 'p2' } },
    },
    {
      id: 'global-admins',
      text: 'How many people hold the Global Administrator role?',
      choices: [
        { id: 'one', label: 'One' },
        { id: 'two-to-four', label: 'Two to four' },
        { id: 'five-or-more', label: 'Five or more' },
      ],
    },
    {
      id: 'saas-apps',
      text: 'Will users sign in to SaaS apps (for example Salesforce or ServiceNow) with their work account?',
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'Not now' },
      ],
    },
  ],
  outcomes: [
    {
      id: 'p2',
      title: 'Microsoft Entra ID P2',
      recommendation:
        'License Microsoft Entra ID P2 (included in Microsoft 365 E5) for the users you protect, and build Conditional Access with risk-based policies and Privileged Identity Management for admins.',
      when: is('protection', 'risk-pim'),
      why: [
        'Risk-based Conditional Access relies on ID Protection, and just-in-time admin roles rely on Privileged Identity Management; both are P2 features.',
        'P2 includes everything in P1, such as Conditional Access and self-service password reset with writeback.',
      ],
      prerequisites: [
        'P2 licences (or Microsoft 365 E5) for every user the features protect.',
        'Conditional Access Administrator and Privileged Role Administrator roles.',
      ],
      checklist: [
        'Create Conditional Access policies: MFA for admins, MFA for all users, block legacy authentication, then sign-in and user risk policies; turn off security defaults once they are on.',
        'Make admin roles eligible in PIM, with MFA and a justification on activation.',
        ...BASICS,
      ],
      links: [LINKS.idProtection, LINKS.pim, LINKS.licensing],
      addenda: [
        {
          when: is('edition', 'free', 'p1', 'unsure'),
          prerequisites: ['Buy P2 or Microsoft 365 E5 first; your current licences do not include it (or you are not sure they do).'],
        },
        { when: is('edition', 'p2'), why: ['Your licences already include P2.'] },
        ...COMMON_ADDENDA,
      ],
    },
    {
      id: 'p1',
      title: 'Microsoft Entra ID P1',
      recommendation:
        'License Microsoft Entra ID P1 (included in Microsoft 365 E3 and Business Premium) for your users, and replace security defaults with Conditional Access policies.',
      when: any(is('protection', 'conditional-access'), all(hybrid, wantsSspr)),
      why: ['P1 is the edition that adds Conditional Access and self-service password reset with writeback to on-premises AD.'],
      prerequisites: [
        'P1 licences (or Microsoft 365 E3 / Business Premium) for every user the features apply to.',
        'Conditional Access Administrator role.',
      ],
      checklist: [
        'Create Conditional Access policies: MFA for admins, MFA for all users and blocking legacy authentication, in report-only mode first; turn off security defaults once they are on.',
        ...BASICS,
      ],
      links: [LINKS.conditionalAccess, LINKS.licensing, LINKS.ssprWriteback],
      addenda: [
        { when: is('protection', 'conditional-access'), why: ['Conditional Access, which you need, requires at least P1.'] },
        {
          when: all(hybrid, wantsSspr),
          why: ['Self-service password reset for hybrid users writes the new password back to AD, which requires P1.'],
        },
        {
          when: is('edition', 'free', 'unsure'),
          prerequisites: [
            'Buy P1 or a Microsoft 365 plan that includes it first; your current licences do not include it (or you are not sure they do).',
          ],
        },
        { when: is('edition', 'p1', 'p2'), why: ['Your licences already include P1.'] },
        ...COMMON_ADDENDA,
      ],
    },
    {
      id: 'free',
      title: 'Microsoft Entra ID Free with security defaults',
      recommendation:
        'The Free edition included with Microsoft 365 covers your needs: turn on security defaults so everyone registers for MFA and legacy sign-in is blocked.',
      why: [
        'Security defaults are free and require MFA for everyone, including every admin sign-in, and block legacy authentication.',
        'Single sign-on to gallery apps and the basics of user and group management are available in Free.',
      ],
      prerequisites: ['Security Administrator (or Global Administrator) to turn on security defaults.'],
      checklist: [
        'Turn on security defaults in Microsoft Entra ID, Overview, Properties.',
        'Tell users to register Microsoft Authenticator (or another authenticator app) for MFA within the 14 days that security defaults allow.',
        ...BASICS,
      ],
      links: [
        LINKS.securityDefaults,
        LINKS.emergencyAccess,
        {
          title: 'Configure how users consent to applications',
          url: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-user-consent',
        },
      ],
      addenda: [
        {
          when: is('edition', 'p1', 'p2'),
          why: [
            'Your licences include P1 or more: you could use Conditional Access instead of security defaults for finer control; the two cannot be on together.',
          ],
        },
        ...COMMON_ADDENDA,
      ],
    },
  ],
};
