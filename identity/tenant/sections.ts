import { graphErrorOf, type GraphPort, type GraphReply } from '../../platform/graph/port';
import type { ReadIdentity, Section } from './snapshot';

/** What to tell an admin when Graph refuses a read: the permission or role it needs. */
export interface AccessHint {
  /** e.g. "Organization.Read.All" */
  permission: string;
  /** Extra words for a 403, e.g. "only a Global Administrator can read this". */
  note?: string;
}

/**
 * The hint for a read with this access: an app-only read needs the application permission; a
 * signed-in user needs the delegated permission and a directory role that may read it.
 */
export function accessHint(readAs: ReadIdentity, permission: string, note?: string): AccessHint {
  return {
    permission:
      readAs.kind === 'app'
        ? `the application permission ${permission}`
        : `the delegated permission ${permission} and a directory role that may read it`,
    ...(note ? { note } : {}),
  };
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

/** A collection read to its end (or to a bound), as one reply whose body holds every page's values. */
export interface PagedReply extends GraphReply {
  /** Pages read, the first included. */
  pages: number;
  /** False when the bound stopped the read before the last @odata.nextLink. */
  complete: boolean;
}

/**
 * Follows @odata.nextLink as Graph gives it, at most `maxPages` pages in all. A page that fails
 * answers that failure (a collection read in part is not read).
 */
export async function followPages(graph: GraphPort, first: GraphReply, maxPages: number): Promise<PagedReply> {
  if (first.status !== 200) return { ...first, pages: 1, complete: false };
  const values: Record<string, unknown>[] = [];
  let page: GraphReply = first;
  let pages = 1;
  for (;;) {
    const list = (page.body as { value?: unknown } | undefined)?.value;
    // Not a collection: hand it on as it is, so the section's reader says it could not be read.
    if (!Array.isArray(list)) return { ...page, pages, complete: false };
    values.push(...(list as Record<string, unknown>[]));
    const next = str((page.body as Record<string, unknown>)['@odata.nextLink']);
    if (!next) return { status: 200, body: { value: values }, pages, complete: true };
    if (pages >= maxPages) return { status: 200, body: { value: values }, pages, complete: false };
    page = await graph.get({ url: next });
    pages += 1;
    if (page.status !== 200) return { ...page, pages, complete: false };
  }
}
