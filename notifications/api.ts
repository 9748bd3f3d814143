import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { AppError, issuesLine, sendAppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { NotificationService } from './service';

/**
 * POST /api/notify: the admin trigger (and the tests' and the e2e's). Accepts either
 * - `Authorization: Bearer <NOTIFY_API_KEY>` (automation; compared in constant time), for any tenant, or
 * - an admin's Teams SSO token (the tab's validator; Global Administrator or Hybrid Identity
 *   Administrator), for that admin's own tenant only.
 * Anything else is 401 (403 for a valid token without the role).
 * Body: {"tenantId": "…", "action": "check" | "test"}; without tenantId "check" runs every tenant (key only).
 */
const NotifyRequest = z
  .object({
    tenantId: z.string().min(1).max(100).optional(),
    action: z.enum(['check', 'test']).default('check'),
  })
  .strict();

export function bearerMatches(header: string | undefined, secret: string): boolean {
  if (!secret || !header) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return false;
  const given = createHash('sha256').update(match[1]).digest();
  const wanted = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, wanted);
}

/** Validates an admin's SSO token; answers the admin's tenant, or throws an AppError (401/403). */
export type AdminTokenCheck = (authorization: string | undefined) => Promise<{ tenantId: string }>;

/** undefined for the API key (any tenant); the admin's own tenant for an admin token; else an AppError. */
async function callerTenant(authorization: string | undefined, apiKey: string, adminToken?: AdminTokenCheck): Promise<string | undefined> {
  if (bearerMatches(authorization, apiKey)) return undefined;
  if (adminToken && authorization) return (await adminToken(authorization)).tenantId;
  throw new AppError(
    'unauthenticated',
    apiKey ? 'Authorization: Bearer <NOTIFY_API_KEY> or an admin SSO token required' : 'Authorization: Bearer <admin SSO token> required',
  );
}

/** What the trigger runs: a check of one tenant or of all, or a test alert. */
export type NotifyActions = Pick<NotificationService, 'check' | 'checkAll' | 'sendTest'>;

export function notifyHandler(service: NotifyActions, apiKey: string, logger: Logger, adminToken?: AdminTokenCheck) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const onlyTenant = await callerTenant(req.headers.authorization, apiKey, adminToken);
      const parsed = NotifyRequest.safeParse(req.body ?? {});
      if (!parsed.success) throw new AppError('bad_request', issuesLine(parsed.error.issues));
      const { action } = parsed.data;
      if (onlyTenant && parsed.data.tenantId && parsed.data.tenantId !== onlyTenant) {
        throw new AppError('forbidden', 'an admin token may trigger only its own tenant');
      }
      const tenantId = onlyTenant ?? parsed.data.tenantId;
      if (action === 'test') {
        if (!tenantId) throw new AppError('bad_request', 'tenantId: required for a test alert');
        const queued = await service.sendTest(tenantId, randomUUID());
        res.json({ action, tenantId, queued });
        return;
      }
      // A check on request reads the apps too; the schedule reads them every few hours (app-watch.ts).
      const results = tenantId ? [await service.check(tenantId, { apps: true })] : await service.checkAll({ apps: true });
      res.json({ action, results });
    } catch (error) {
      if (error instanceof AppError) return sendAppError(res, error);
      logger.error('notify trigger failed', { error: (error as Error).message });
      sendAppError(res, new AppError('internal_error', 'the check failed; see the server log'));
    }
  };
}
