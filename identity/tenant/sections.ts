import { graphErrorOf, type GraphReply } from '../../platform/graph/port';
import type { Section } from './snapshot';

/** What to tell an admin when Graph refuses a read: the permission or role it needs. */
export interface AccessHint {
  /** e.g. "Organization.Read.All" */
  permission: string;
  /** Extra words for a 403, e.g. "only a Global Administrator can read this". */
  note?: string;
}

/** Thrown by a reader when Graph answered fine but there is nothing to read (a never-synced tenant). */
export class NotPresent extends Error {}

/** Turns a Graph reply into a section: data when 2xx, else "unavailable" with a reason an admin understands. */
export function sectionFrom<T>(reply: GraphReply, hint: AccessHint, read: (body: unknown) => T): Section<T> {
  if (reply.status >= 200 && reply.status < 300) {
    try {
      return { status: 'ok', data: read(reply.body) };
    } catch (error) {
      if (error instanceof NotPresent) return { status: 'unavailable', reason: error.message, httpStatus: reply.status };
      return { status: 'unavailable', reason: `Graph's answer could not be read (${(error as Error).message})`, httpStatus: reply.status };
    }
  }
  return unavailableFrom(reply, hint);
}

export function unavailableFrom<T>(reply: GraphReply, hint: AccessHint): Section<T> {
  const error = graphErrorOf(reply);
  const code = error?.code;
  let reason: string;
  if (reply.status === 401 || reply.status === 403) {
    reason = `not permitted (${reply.status}${code ? ` ${code}` : ''}): needs ${hint.permission}${hint.note ? `; ${hint.note}` : ''}`;
  } else if (reply.status === 404) {
    reason = `not found (404${code ? ` ${code}` : ''})`;
  } else if (reply.status === 429) {
    reason = 'Microsoft Graph kept throttling the request (429) after retries';
  } else if (reply.status === 0) {
    reason = error?.message || 'Microsoft Graph did not answer in time';
  } else if (reply.status >= 500) {
    reason = `Microsoft Graph was unavailable (${reply.status}) after retries`;
  } else {
    reason = `Graph answered ${reply.status}${code ? ` ${code}` : ''}${error?.message ? `: ${error.message}` : ''}`;
  }
  return { status: 'unavailable', reason, code, httpStatus: reply.status };
}

/** The `value` array of a collection body. */
export function valuesOf(body: unknown): Record<string, unknown>[] {
  const value = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw new Error('no "value" array');
  return value as Record<string, unknown>[];
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function bool(value: unknown): boolean {
  return value === true;
}
