import { z } from 'zod';
import { isLoopbackUrl } from '../platform/http/loopback';

/**
 * The least an incoming activity must have before it reaches the SDK. botbuilder's own parser
 * throws (a 500) on many malformed bodies; we answer them with a clear 400 instead.
 */
const ActivityShape = z
  .object({
    type: z.string().min(1, 'type must be a non-empty string'),
    id: z.string().optional(),
    /** Where replies go; without it botbuilder would reply to a default public endpoint. */
    serviceUrl: z.url({ protocol: /^https?$/, error: 'serviceUrl must be an http or https URL' }),
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

/**
 * Returns undefined when the body looks like an activity, else one line saying what is wrong. With
 * `loopbackOnly` (demo mode, where no token vouches for the sender) the serviceUrl must be on this
 * machine too: otherwise any unsigned POST would make the bot send to, and store, an address of its choosing.
 */
export function activityProblem(body: unknown, { loopbackOnly = false }: { loopbackOnly?: boolean } = {}): string | undefined {
  const result = ActivityShape.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `Invalid activity: ${issue.path.join('.') || 'body'}: ${issue.message}`;
  }
  if (loopbackOnly && !isLoopbackUrl(result.data.serviceUrl)) {
    return 'Invalid activity: serviceUrl: in demo mode it must be http or https on 127.0.0.1, ::1 or localhost';
  }
  return undefined;
}
