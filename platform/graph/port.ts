/**
 * What the tenant reader needs from Microsoft Graph: one JSON batch and a plain GET (for
 * @odata.nextLink pages). The implementation (platform/graph/client.ts) owns tokens, retries on
 * 429/503 with Retry-After, timeouts and the base URL; the reader owns what to ask and how to read it.
 */
export interface GraphCall {
  /** Relative to the version root, without leading slash: "organization?$select=id". Or an absolute nextLink. */
  url: string;
  /** Defaults to v1.0. */
  version?: 'v1.0' | 'beta';
  headers?: Record<string, string>;
}

export interface GraphReply {
  status: number;
  body: unknown;
  /**
   * On a 429/503/504 the client stopped retrying: the Retry-After Graph asked for (seconds), which
   * the call's retry budget could not cover. The section is then "not read yet", not "absent".
   */
  retryAfterSeconds?: number;
}

export interface GraphPort {
  /** Sends up to 20 GETs of one version as one $batch; answers in request order. */
  batch(calls: readonly GraphCall[]): Promise<GraphReply[]>;
  get(call: GraphCall): Promise<GraphReply>;
}

/** Graph's limit of requests per JSON batch. */
export const BATCH_LIMIT = 20;

/** Graph's error body, when there is one. */
export function graphErrorOf(reply: GraphReply): { code: string; message: string } | undefined {
  const error = (reply.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error) return undefined;
  return { code: String(error.code ?? 'Unknown'), message: String(error.message ?? '') };
}
