import { graphError, type GraphResponse } from './answer';

/**
 * JSON batching as Graph does it (https://learn.microsoft.com/en-us/graph/json-batching): at most
 * 20 requests, each with a unique string id and a relative url; the batch answers 200 with one
 * response per request (its own status, headers such as Retry-After, and body), in an order of
 * Graph's choosing, so a client must match answers by id. A malformed batch fails as a whole (400).
 */

/** Graph's limit of requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
}

export function readBatch(body: unknown): BatchItem[] | GraphResponse {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    return graphError(400, 'BadRequest', 'Batch body must have a non-empty "requests" array.');
  if (requests.length > MAX_BATCH_REQUESTS)
    return graphError(400, 'BadRequest', `A batch can hold at most ${MAX_BATCH_REQUESTS} requests.`);
  const items: BatchItem[] = [];
  for (const raw of requests as Array<Record<string, unknown> | null>) {
    const id = typeof raw?.id === 'string' && raw.id ? raw.id : undefined;
    if (!raw || !id || typeof raw.url !== 'string')
      return graphError(400, 'BadRequest', 'Each batch request needs a string "id" and "url".');
    if (items.some((item) => item.id === id)) return graphError(400, 'BadRequest', `Batch request ids must be unique: "${id}" repeats.`);
    if (/^https?:/i.test(raw.url)) return graphError(400, 'BadRequest', `A batch request's url must be relative: ${raw.url}`);
    items.push({
      id,
      method: typeof raw.method === 'string' ? raw.method.toUpperCase() : 'GET',
      url: raw.url,
      headers: (raw.headers ?? {}) as Record<string, string>,
    });
  }
  return items;
}

/**
 * One request's answer inside the batch. A body that is not JSON (a `$count`'s text/plain number)
 * is base64-encoded, as Graph encodes non-JSON bodies in batch responses; GRAPH-FACTS notes the
 * exact form for text/plain is undocumented, so the client accepts a number, a string or base64.
 */
export function batchResponse(id: string, answer: GraphResponse): Record<string, unknown> {
  const json = (answer.headers['content-type'] ?? '').includes('json');
  const body = json || typeof answer.body !== 'string' ? answer.body : Buffer.from(answer.body).toString('base64');
  return { id, status: answer.status, headers: answer.headers, body };
}

/** Graph answers a batch in its own order: the dev tenant answers in reverse, so no client can rely on request order. */
export function inGraphOrder<T>(responses: T[]): T[] {
  return [...responses].reverse();
}
