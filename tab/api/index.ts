import type { AppConfig } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import type { SnapshotSource } from '../../identity/tenant/snapshot-cache';
import { delegatedGraph } from './delegated-graph';
import { DevIssuer } from './dev-issuer';
import type { TabNotifications } from '../../contract/notifications';
import type { TabApiDeps } from './routes';
import { TokenValidator } from './token-validator';

/** The tenant the demo sign-in's tokens belong to (Contoso, as in the dev tenant's scenarios). */
export const DEMO_TENANT_ID = '84841066-274d-4ec0-a5c1-276be684bdd3';
export const DEMO_CLIENT_ID = 'entra-companion-demo';
export const REQUIRED_SCOPE = 'access_as_user';

/**
 * Builds the tab API's dependencies for the mode. Production: Teams SSO tokens from Entra
 * (keys from the authority's JWKS, issuer of the token's tenant, audience = this app), OBO to
 * Graph. Demo: the local sign-in's tokens through the same validator, the dev tenant as Graph.
 */
export async function createTabApiDeps(
  config: AppConfig,
  snapshots: SnapshotSource,
  logger: Logger,
  notifications?: TabNotifications,
): Promise<TabApiDeps> {
  const graph = delegatedGraph(config, logger.child('graph'));
  if (config.mode === 'demo') {
    const audience = config.aad.clientId || DEMO_CLIENT_ID;
    const devIssuer = await DevIssuer.create({ issuerBase: `${config.publicUrl}/_dev`, audience, tenantId: DEMO_TENANT_ID });
    const validator = new TokenValidator({
      audiences: [audience],
      issuerFor: (tenantId) => devIssuer.issuerFor(tenantId),
      keys: { jwks: devIssuer.jwks },
      requiredScope: REQUIRED_SCOPE,
    });
    return { config, validator, graph, snapshots, devIssuer, notifications, logger };
  }
  if (!config.aad.clientId) logger.warn('AAD_APP_CLIENT_ID is not set: the tab API will refuse every token');
  const host = new URL(config.publicUrl).host;
  const validator = new TokenValidator({
    audiences: [config.aad.clientId, `api://${host}/${config.aad.clientId}`].filter((a) => !a.endsWith('/') && a.length > 0),
    issuerFor: (tenantId, version) =>
      version === '1.0' ? `https://sts.windows.net/${tenantId}/` : `${config.aad.authorityHost}/${tenantId}/v2.0`,
    keys: { jwksUri: `${config.aad.authorityHost}/common/discovery/v2.0/keys` },
    requiredScope: REQUIRED_SCOPE,
  });
  return { config, validator, graph, snapshots, notifications, logger };
}
