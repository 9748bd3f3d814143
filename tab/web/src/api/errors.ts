import type { ApiError } from '../../../../contract/tab';

/** What the UI does about a failed call. */
export type ErrorKind =
  'consent_required' | 'role_required' | 'unauthorized' | 'not_found' | 'throttled' | 'server' | 'network' | 'bad_request';

/** A failed tab API call, mapped from the contract's { error: { code, message } } body. */
export class TabApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status: number,
    readonly code: string,
    readonly allowedRoles: string[] = [],
  ) {
    super(message);
    this.name = 'TabApiError';
  }
}

export function kindOf(status: number, code: string): ErrorKind {
  if (status === 403 && (code === 'consent_required' || code === 'role_required')) return code;
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Reads an error response; tolerates bodies that are not the contract's shape. */
export async function errorFromResponse(response: Response): Promise<TabApiError> {
  let body: Partial<ApiError> | undefined;
  try {
    body = (await response.json()) as Partial<ApiError>;
  } catch {
    body = undefined;
  }
  const code = typeof body?.error?.code === 'string' ? body.error.code : `http_${response.status}`;
  const message =
    typeof body?.error?.message === 'string' ? body.error.message : `The server answered ${response.status} ${response.statusText}.`;
  const allowedRoles = Array.isArray(body?.error?.allowedRoles) ? body.error.allowedRoles : [];
  return new TabApiError(kindOf(response.status, code), message, response.status, code, allowedRoles);
}

export function asTabApiError(error: unknown): TabApiError {
  if (error instanceof TabApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TabApiError('network', `Could not reach the Entra Companion server (${message}).`, 0, 'network');
}
