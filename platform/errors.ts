/**
 * The app's one error catalogue: every error we raise on purpose has a code from this table, which
 * fixes its HTTP status and the sentence a caller sees when the thrower has nothing more specific.
 * The tab API, the notify API and the bot map errors by type (`instanceof AppError`), never by name.
 */
export const ERROR_CATALOGUE = {
  // Callers: the request itself.
  bad_request: { status: 400, message: 'The request is not valid.' },
  unauthenticated: { status: 401, message: 'Sign-in required: send a bearer token.' },
  invalid_token: { status: 401, message: 'The token is not valid here.' },
  obo_failed: { status: 401, message: 'Your sign-in could not be exchanged for Microsoft Graph access.' },
  insufficient_scope: { status: 403, message: 'The token lacks the scope this needs.' },
  role_required: { status: 403, message: 'This needs a Microsoft Entra admin role.' },
  consent_required: { status: 403, message: 'Entra Companion needs consent to read the directory for you.' },
  forbidden: { status: 403, message: 'This is not allowed for you.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'Someone else holds this right now.' },
  precondition_failed: { status: 412, message: 'It changed since it was read; read it again.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'This endpoint does not take this kind of body.' },
  // Our own data and files: a bad scenario, topic, advisor or certificate spec.
  invalid_data: { status: 422, message: 'The data is not valid.' },
  // The server.
  internal_error: { status: 500, message: 'Something went wrong on our side. Try again.' },
  invalid_config: { status: 500, message: 'The configuration is not valid.' },
  port_in_use: { status: 500, message: 'The port is already in use.' },
  not_available: { status: 503, message: 'This is not running on this server.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error with a catalogue code; `details` go into the JSON body next to code and message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].message,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** The wire form of an error: `{ "error": { "code", "message", …details } }`. */
export interface ErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...error.details } };
}

/** The part of an HTTP response an error needs (restify's and node's both fit). */
export interface ErrorResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

/**
 * Writes an AppError as JSON with its catalogue status. A 401 carries the bearer challenge: without
 * an error code when the request had no token, `invalid_token` otherwise (RFC 6750, section 3.1).
 */
export function sendAppError(res: ErrorResponse, error: AppError): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', error.code === 'unauthenticated' ? 'Bearer' : 'Bearer error="invalid_token"');
  res.status(error.status);
  res.json(errorBody(error));
}

/** zod's issues as one line: "limit: Too big; cursor: Invalid". */
export function issuesLine(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, root = 'body'): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || root}: ${issue.message}`).join('; ');
}
