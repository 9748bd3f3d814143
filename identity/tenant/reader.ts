import { readIntegratedApps } from './apps-reader';
import type { GraphPort } from '../../platform/graph/port';
import type { ReadIdentity, TenantSnapshot } from './snapshot';
import { readStatus } from './status-reader';

export interface ReadOptions {
  now: Date;
  /** Whose access `graph` carries: decides what is asked (app-only cannot read sync settings) and how a refusal is explained. */
  readAs: ReadIdentity;
  /** Also read integrated apps (more calls: every service principal, application and grant, paged). */
  includeApps?: boolean;
}

/** Reads a TenantSnapshot through a GraphPort (the dev tenant in tests and demo, Microsoft Graph in production). */
export async function readSnapshot(graph: GraphPort, options: ReadOptions): Promise<TenantSnapshot> {
  const status = await readStatus(graph, options.now, options.readAs);
  return options.includeApps ? withApps(graph, status) : status;
}

/** The status read before, with the integrated apps read now (they need its tenant id and organization name, not its calls). */
export async function withApps(graph: GraphPort, status: TenantSnapshot): Promise<TenantSnapshot> {
  const organizationName = status.organization.status === 'ok' ? status.organization.data.displayName : null;
  const { apps, parts } = await readIntegratedApps(graph, status.tenantId, organizationName);
  return { ...status, apps, ...(parts ? { appParts: parts } : {}) };
}
