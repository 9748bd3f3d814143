import { z } from 'zod';

/**
 * The least an incoming activity must have before it reaches the SDK. botbuilder's own parser
 * throws (a 500) on many malformed bodies; we answer them with a clear 400 instead.
 */
const ActivityShape = z
  .object({
    type: z.string().min(1, 'type must be a non-empty string'),
    id: z.string().optional(),
    /** Where replies go; without it botbuilder would reply to a default public endpoint. */
    serviceUrl: z.url(),
    channelId: z.string().optional(),
    text: z.string().optional(),
    from: z.object({ id: z.string() }).loose().optional(),
    recipient: z.object({ id: z.string() }).loose().optional(),
    conversation: z.object({ id: z.string().min(1) }).loose(),
    membersAdded: z.array(z.object({ id: z.string() }).loose()).optional(),
    membersRemoved: z.array(z.object({ id: z.string() }).loose()).optional(),
    entities: z.array(z.object({ type: z.string() }).loose()).optional(),
    attachments: z.array(z.object({ contentType: z.string() }).loose()).optional(),
  })
  .loose();

/** Returns undefined when the body looks like an activity, else one line saying what is wrong. */
export function activityProblem(body: unknown): string | undefined {
  const result = ActivityShape.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `Invalid activity: ${issue.path.join('.') || 'body'}: ${issue.message}`;
}
