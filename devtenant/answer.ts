/** One Graph-style answer. */
export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Graph's error body: {"error": {"code", "message"}}. */
export function graphError(status: number, code: string, message: string): GraphResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: { error: { code, message } } };
}
