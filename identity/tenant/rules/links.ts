/** Public Microsoft Learn pages that explain each fix (checked against the MicrosoftDocs sources). */
const ENTRA_HYBRID = 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect';

export const LEARN = {
  fixDirectorySync: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/fix-problems-with-directory-synchronization',
  syncScheduler: `${ENTRA_HYBRID}/how-to-connect-sync-feature-scheduler`,
  troubleshootPasswordHashSync: `${ENTRA_HYBRID}/tshoot-connect-password-hash-synchronization`,
  duplicateAttributeResiliency: `${ENTRA_HYBRID}/how-to-connect-syncservice-duplicate-attribute-resiliency`,
  preventAccidentalDeletes: `${ENTRA_HYBRID}/how-to-connect-sync-feature-prevent-accidental-deletes`,
  connectApplicationIdentity: `${ENTRA_HYBRID}/authenticate-application-id`,
  renewFederationCertificates: `${ENTRA_HYBRID}/how-to-connect-fed-o365-certs`,
  addAppCredentials: 'https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials',
  reviewAppPermissions: 'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-application-permissions',
  cloudSyncTroubleshoot: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-troubleshoot',
  cloudSyncPrerequisites: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-prerequisites',
  cloudSyncAccidentalDeletes: 'https://learn.microsoft.com/en-us/entra/identity/hybrid/cloud-sync/how-to-accidental-deletes',
  appConsentInvestigation: 'https://learn.microsoft.com/en-us/security/operations/incident-response-playbook-app-consent',
  serviceHealth: 'https://learn.microsoft.com/en-us/microsoft-365/enterprise/view-service-health',
} as const;
