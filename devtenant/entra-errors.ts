import { randomUUID } from 'node:crypto';

/**
 * Token-endpoint errors in the identity platform's own shape: `error`, an `error_description`
 * starting "AADSTSnnnn:" and ending with trace id, correlation id and timestamp, `error_codes`,
 * `timestamp`, `trace_id`, `correlation_id`, `error_uri` (learn.microsoft.com/entra/identity-platform/reference-error-codes,
 * "Handling error codes in your application"). MSAL reads `error`, `error_description` and `suberror`.
 * The codes and texts are the ones Entra answers, as the reference page and the answers quoted in
 * public issue threads show them (e.g. AADSTS1002012 in microsoftgraph/msgraph-sdk-python#181,
 * AADSTS7000215 in OfficeDev/microsoft-365-agents-toolkit#8621, AADSTS900144 in
 * microsoftgraph/microsoft-graph-docs-contrib#1369, AADSTS7000218 in Azure/azure-sdk-for-go#22386).
 */
export interface EntraError {
  status: number;
  body: Record<string, unknown>;
}

function entraError(status: number, error: string, code: number, text: string, extra: Record<string, unknown> = {}): EntraError {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...extra,
    },
  };
}

/** The refusals of the token endpoint (the dev tenant's, and the rehearsal's identity platform), with the codes Entra gives for them. */
export const refuse = {
  missingParameter: (name: string) =>
    entraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  missingSecret: () =>
    entraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  tenantNotFound: (tenant: string) =>
    entraError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  unsupportedGrant: (grant: string) =>
    entraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  appNotFound: (clientId: string, tenant: string) =>
    entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    entraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  expiredSecret: (clientId: string) =>
    entraError(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  resourceNotFound: (resource: string, tenant: string) =>
    entraError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidScope: (scope: string) =>
    entraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  assertionInvalid: (reason: string) =>
    entraError(400, 'invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${reason}]`),
  assertionExpired: () =>
    entraError(
      400,
      'invalid_grant',
      500133,
      'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.',
    ),
  assertionAudience: (clientId: string) =>
    entraError(
      400,
      'invalid_grant',
      50013,
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was not '${clientId}'.`,
    ),
  consentRequired: (clientId: string, resource: string) =>
    entraError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named 'Entra Companion'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required', claims: undefined, resource },
    ),
};

/** Why an on-behalf-of assertion (the user's token) was refused, from jose's verdict on it. */
export function refuseAssertion(error: unknown, clientId: string): EntraError {
  const { code, claim } = error as { code?: string; claim?: string };
  if (code === 'ERR_JWT_EXPIRED') return refuse.assertionExpired();
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return refuse.assertionAudience(clientId);
  return refuse.assertionInvalid((error as Error).message);
}
