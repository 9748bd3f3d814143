import type { TurnContext } from 'botbuilder';
import { tenantSection, tenantUnavailable } from '../cards/tenant-grounding';
import { factKindsOf, groundTopic } from '../identity/grounding/tenant-facts';
import { asksAboutOwnTenant } from '../identity/grounding/tenant-question';
import type { Topic } from '../identity/knowledge/topic';
import type { RoleChecker } from '../identity/tenant/admin-roles';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import type { Logger } from '../platform/logger';
import { actorOf, tenantOf } from './conversation';

/**
 * How long an answer waits for the asker's roles and the tenant's snapshot together. The cached
 * snapshot comes at once; a cold read takes a few Graph round trips, and the answer does not wait
 * for more than this: it goes out general, saying so, and the read goes on to fill the cache.
 */
export const GROUNDING_WAIT_MS = 1500;

/** What the answer cards ask of grounding (bot/qa.ts). */
export interface AnswerGroundingPort {
  /** Cheap and synchronous: does the question ask about the asker's tenant, and does the topic bear on a tenant fact? */
  applies(question: string, topic: Topic): boolean;
  /** The card section to add, or undefined for a plain answer (the asker may not see the tenant, or nothing bears on it). */
  section(context: TurnContext, topic: Topic): Promise<Record<string, unknown> | undefined>;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Grounds answers in the asker's tenant, with the gate `status` uses: only a user who may see the
 * tenant status (the tab's admin roles) gets tenant facts; anyone else gets the plain answer.
 */
export class AnswerGrounding implements AnswerGroundingPort {
  constructor(
    private readonly snapshots: SnapshotSource,
    private readonly roles: RoleChecker,
    /** Says where status comes from ("the dev tenant", "Microsoft Graph"). */
    private readonly source: string,
    private readonly logger: Logger,
    private readonly waitMs = GROUNDING_WAIT_MS,
  ) {}

  applies(question: string, topic: Topic): boolean {
    return factKindsOf(topic).length > 0 && asksAboutOwnTenant(question);
  }

  async section(context: TurnContext, topic: Topic): Promise<Record<string, unknown> | undefined> {
    const tenantId = tenantOf(context);
    if (!tenantId) return undefined;
    const deadline = Date.now() + this.waitMs;
    let decision;
    try {
      decision = await within(this.roles.canManage(tenantId, actorOf(context)), deadline);
    } catch (error) {
      this.logger.warn('grounding: role check failed', { error: (error as Error).message });
      return undefined;
    }
    // Not knowing in time whether the asker may see the tenant is a "no": say only that it is not shown.
    if (decision === TIMED_OUT) return tenantUnavailable('it could not be checked in time');
    if (!decision.allowed) return undefined;
    let snapshot;
    try {
      snapshot = await within(this.snapshots.snapshot(tenantId), deadline);
    } catch (error) {
      this.logger.warn('grounding: snapshot read failed', { error: (error as Error).message });
      return tenantUnavailable(`it could not be read (${(error as Error).message})`);
    }
    if (snapshot === TIMED_OUT) return tenantUnavailable('it could not be read in time');
    const grounding = groundTopic(factKindsOf(topic), snapshot, new Date());
    return grounding ? tenantSection(grounding, this.source) : undefined;
  }
}

/** The promise's value, or TIMED_OUT at the deadline (the promise runs on; its failure is still handled). */
async function within<T>(promise: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
