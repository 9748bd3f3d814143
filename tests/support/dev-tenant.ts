import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import type { TokenRequest } from '../../devtenant/tokens';
import { startedBefore } from './app';

/** A dev tenant for a describe block, and a GET with one of its tokens. */
export interface DevTenantForSpecs {
  readonly tenant: RunningDevTenant;
  /** GETs a path below the root ("v1.0/domains", "beta/…") with the dev tenant's token for `as` (app-only unless told). */
  get<T = Record<string, unknown>>(path: string, as?: TokenRequest): Promise<{ status: number; body: T }>;
}

/** Starts the dev tenant on a scenario before the block and closes it after; each test starts from the scenario's own consent. */
export function useDevTenant(scenario: string): DevTenantForSpecs {
  let tenant: RunningDevTenant | undefined;
  before(async () => {
    tenant = await startDevTenant({ scenario, port: 0 });
  });
  after(() => tenant?.close());
  afterEach(() => tenant?.setConsent(undefined));
  const started = (): RunningDevTenant => startedBefore(tenant, 'the dev tenant');
  return {
    get tenant() {
      return started();
    },
    get: async <T>(path: string, as: TokenRequest = { kind: 'app' }) => {
      const response = await fetch(`${started().url}/${path}`, {
        headers: { authorization: `Bearer ${await started().token(as).getToken()}` },
      });
      return { status: response.status, body: (await response.json()) as T };
    },
  };
}
