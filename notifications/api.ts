import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { Logger } from '../server/logger';
import type { NotificationService } from './service';

/**
 * POST /api/notify: the admin trigger (and the tests' and the e2e's). Needs
 * `Authorization: Bearer <NOTIFY_API_KEY>`, compared in constant time; without it (or when no key is
 * configured) 401. A shared secret until the tab API's token validator lands; then an admin's SSO
 * token (Global Administrator / Hybrid Identity Administrator) should be accepted here as well.
 * Body: {"tenantId": "…", "action": "check" | "test"}; without tenantId "check" runs every tenant.
 */
const NotifyRequest = z.object({
  tenantId: z.string().min(1).max(100).optional(),
  action: z.enum(['check', 'test']).default('check'),
}).strict();

export function bearerMatches(header: string | undefined, secret: string): boolean {
  if (!secret || !header) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return false;
  const given = createHash('sha256').update(match[1]).digest();
  const wanted = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, wanted);
}

export function notifyHandler(service: NotificationService, apiKey: string, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    if (!bearerMatches(req.headers.authorization, apiKey)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401);
      res.json({ error: { code: 'unauthorized', message: apiKey ? 'Authorization: Bearer <NOTIFY_API_KEY> required' : 'POST /api/notify is disabled: set NOTIFY_API_KEY' } });
      return;
    }
    const parsed = NotifyRequest.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400);
      res.json({ error: { code: 'bad_request', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } });
      return;
    }
    const { tenantId, action } = parsed.data;
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
