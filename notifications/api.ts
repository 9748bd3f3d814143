import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { z } from 'zod';
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

/** Validates an admin's SSO token; answers the admin's tenant, or throws (status 401/403). */
export type AdminTokenCheck = (authorization: string | undefined) => Promise<{ tenantId: string }>;

export function notifyHandler(service: NotificationService, apiKey: string, logger: Logger, adminToken?: AdminTokenCheck) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    let onlyTenant: string | undefined;
    if (!bearerMatches(req.headers.authorization, apiKey)) {
      let refusal: { status: number; message: string } = {
        status: 401,
        message: apiKey
          ? 'Authorization: Bearer <NOTIFY_API_KEY> or an admin SSO token required'
          : 'Authorization: Bearer <admin SSO token> required',
      };
      if (adminToken && req.headers.authorization) {
        try {
          onlyTenant = (await adminToken(req.headers.authorization)).tenantId;
        } catch (error) {
          const status = (error as { status?: number }).status === 403 ? 403 : 401;
          refusal = { status, message: (error as Error).message };
        }
      }
      if (!onlyTenant) {
        if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(refusal.status);
        res.json({ error: { code: refusal.status === 401 ? 'unauthorized' : 'forbidden', message: refusal.message } });
        return;
      }
    }
    const parsed = NotifyRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400);
      res.json({
        error: { code: 'bad_request', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') },
      });
      return;
    }
    const { action } = parsed.data;
    if (onlyTenant && parsed.data.tenantId && parsed.data.tenantId !== onlyTenant) {
      res.status(403);
      res.json({ error: { code: 'forbidden', message: 'an admin token may trigger only its own tenant' } });
      return;
    }
    const tenantId = onlyTenant ?? parsed.data.tenantId;
    try {
      if (action === 'test') {
        if (!tenantId) {
          res.status(400);
          res.json({ error: { code: 'bad_request', message: 'tenantId: required for a test alert' } });
          return;
        }
        const queued = await service.sendTest(tenantId, randomUUID());
        res.json({ action, tenantId, queued });
        return;
      }
      const results = tenantId ? [await service.check(tenantId)] : await service.checkAll();
      res.json({ action, results });
    } catch (error) {
      logger.error('notify trigger failed', { error: (error as Error).message });
      res.status(500);
      res.json({ error: { code: 'internal', message: 'the check failed; see the server log' } });
    }
  };
}
