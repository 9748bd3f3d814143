/**
 * The wire shapes of alerts admins shape: snoozes with a reason, exclusions (this app, this
 * finding) with who, when, why and an expiry, and the tab's view of the tenant's alerts. One zod
 * schema each; the types derive from them. Bot cards and the tab API both parse with these.
 */
import { z } from 'zod';
import { CATEGORY_OF_CODE, type FINDING_CATEGORIES, isAppFinding } from '../identity/alerts/categories';
import { MAX_EXCLUSION_DAYS } from '../identity/alerts/exclusions';
import type { FindingCode } from '../identity/tenant/findings';

/** Snooze lengths the alert card offers, hours: 1 h, 8 h, 24 h, 7 days. */
export const SNOOZE_CHOICES = [1, 8, 24, 168] as const;
/** The longest snooze: a week. */
export const MAX_SNOOZE_HOURS = 168;
/** Exclusion lengths the card and the tab offer, days. */
export const EXCLUSION_CHOICES = [7, 30, 90] as const;

const Reason = z.string().trim().min(3, 'say why, in at least 3 characters').max(500);

/** A finding code this app knows (the category table lists every one). */
export const FindingCodeName = z
  .string()
  .refine((code) => Object.hasOwn(CATEGORY_OF_CODE, code), 'not a finding code this app knows')
  .transform((code) => code as FindingCode);

/** "Snooze…" on an alert card: how long (1 h to 7 days) and why. */
export const SnoozeRequest = z
  .object({
    hours: z.coerce.number().int('whole hours').min(1).max(MAX_SNOOZE_HOURS, `at most ${MAX_SNOOZE_HOURS} hours (7 days)`),
    reason: Reason,
  })
  .strict();
export type SnoozeRequest = z.infer<typeof SnoozeRequest>;

/** The id of a consolidated alert (a stored record of the card that lists many alerts): 16 hex digits. */
export const BatchId = z.string().regex(/^[0-9a-f]{16}$/, 'not a consolidated alert id (16 hex digits)');

/** The most a consolidated card's action may carry, bytes of JSON: its id, a snooze length and a reason of at most 500 characters. */
export const MAX_BATCH_ACTION_BYTES = 4_096;

/**
 * "Acknowledge all" / "Snooze all…" on a consolidated alert card: the card's id, and for a snooze
 * how long and why (parsed as SnoozeRequest). Nothing else: which alerts it covers is read from the
 * stored record, never taken from the card.
 */
export const BatchActionRequest = z
  .object({
    batchId: BatchId,
    hours: z.union([z.string().max(8), z.number()]).optional(),
    reason: z.string().max(2_000).optional(),
  })
  .strict();
export type BatchActionRequest = z.infer<typeof BatchActionRequest>;

/** "Exclude…" on an alert card or in the tab: this app (every app finding about it) or this finding, why, and for how long. */
export const ExclusionRequest = z
  .object({
    scope: z.enum(['app', 'finding']),
    /** The finding's code; required for scope "finding", for scope "app" it must be an app finding's code when given. */
    code: FindingCodeName.optional(),
    /** The finding's subject: for an app, its application (client) id. */
    subject: z.string().trim().min(1).max(300),
    reason: Reason,
    expiresInDays: z.coerce
      .number()
      .int('whole days')
      .min(1)
      .max(MAX_EXCLUSION_DAYS, `at most ${MAX_EXCLUSION_DAYS} days: an exclusion always ends`),
  })
  .strict()
  .superRefine((request, context) => {
    if (request.scope === 'finding' && !request.code)
      context.addIssue({ code: 'custom', path: ['code'], message: 'which finding: its code is required' });
    if (request.scope === 'app' && request.code && !isAppFinding(request.code))
      context.addIssue({ code: 'custom', path: ['scope'], message: 'only an app finding can exclude its app' });
  });
export type ExclusionRequest = z.infer<typeof ExclusionRequest>;

const Person = z.object({ name: z.string().max(300), id: z.string().max(300).optional() });

/** A stored exclusion, as the tab lists it. */
export const Exclusion = z.object({
  id: z.string(),
  scope: z.enum(['app', 'finding']),
  code: FindingCodeName.optional(),
  subject: z.string(),
  /** What it was set on, as the admin saw it ("Client secret of Contoso HR expires in 12 days"). */
  title: z.string().max(500),
  /** Scope "app": the app's display name when known (from its findings' evidence), shown before the app id. */
  appName: z.string().max(300).optional(),
  reason: z.string(),
  createdBy: Person,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedBy: Person.optional(),
  revokedAt: z.iso.datetime().optional(),
});
export type Exclusion = z.infer<typeof Exclusion>;

/** active: in force; expired: ended by itself; revoked: ended by an admin. */
export type ExclusionState = 'active' | 'expired' | 'revoked';

export function exclusionState(exclusion: Pick<Exclusion, 'expiresAt' | 'revokedAt'>, now: number): ExclusionState {
  if (exclusion.revokedAt) return 'revoked';
  return Date.parse(exclusion.expiresAt) > now ? 'active' : 'expired';
}

/** One alert of the tenant as the tab shows it: open or recently resolved, with who quietened it and how. */
export interface AlertView {
  id: string;
  code: FindingCode;
  subject: string;
  title: string;
  severity: 'info' | 'warning' | 'critical';
  category: (typeof FINDING_CATEGORIES)[number];
  status: 'open' | 'resolved';
  openedAt: string;
  acknowledged?: { by: string; at: string };
  /** A snooze in force. */
  snoozed?: { by: string; at?: string; until: string; reason?: string };
  /** The exclusion in force that holds its messages back. */
  excludedBy?: string;
}

/** GET /api/tab/alerts: the tenant's alerts and its exclusions (in force first, then ended ones of the last 30 days). */
export interface AlertsResponse {
  alerts: AlertView[];
  exclusions: Array<Exclusion & { state: ExclusionState }>;
  canEdit: boolean;
}
