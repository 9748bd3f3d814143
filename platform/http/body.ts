import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from '../errors';

/**
 * Request bodies, read before any authentication: what a route takes and nothing else. A route
 * takes JSON (UTF-8, `Content-Type: application/json`) or no body at all; multipart, form-encoded,
 * text and every other type are a 415, so neither a file upload nor a hidden form on some web page
 * gets in. Compressed bodies (gzip, deflate, br) are inflated as they stream in, and the limit
 * counts the bytes after inflating: a bomb stops at the limit, not after it has filled memory.
 * Nothing is written to disk.
 */
export type BodyRule = { takes: 'json'; maxBytes: number } | { takes: 'nothing' };

/** A body that is larger than the route takes, once decoded. */
export class BodyTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`);
  }
}

const NO_BODY = 'This endpoint takes no request body.';
const JSON_ONLY = 'This endpoint takes a JSON body (Content-Type: application/json) or none.';

/** True when the request carries a body (a non-zero Content-Length, or any Transfer-Encoding). */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

function checkJsonType(contentType: string | undefined): void {
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') throw new AppError('unsupported_media_type', JSON_ONLY);
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((part) => part.trim());
    if (name === 'charset' && value.replace(/"/g, '') !== 'utf-8') {
      throw new AppError('unsupported_media_type', 'A JSON body must be UTF-8.');
    }
  }
}

/** The decoder for Content-Encoding, undefined for none; 415 for anything else, stacked codings included. */
function decoderFor(contentEncoding: string | undefined): Transform | undefined {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding && coding !== 'identity');
  if (codings.length === 0) return undefined;
  if (codings.length === 1) {
    if (codings[0] === 'gzip' || codings[0] === 'x-gzip') return createGunzip();
    if (codings[0] === 'deflate') return createInflate();
    if (codings[0] === 'br') return createBrotliDecompress();
  }
  throw new AppError('unsupported_media_type', 'The Content-Encoding is not supported: send gzip, deflate, br or none.');
}

/** Reads the whole (decoded) body into memory, stopping as soon as it passes maxBytes, raw or decoded. */
function collect(req: IncomingMessage, decoder: Transform | undefined, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      if (error) {
        // Whatever is still on its way is read and dropped, never held.
        req.removeListener('data', onRaw);
        req.resume();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const onRaw = (chunk: Buffer): void => {
      raw += chunk.length;
      if (raw > maxBytes) finish(new BodyTooLargeError(maxBytes));
    };
    const onDecoded = (chunk: Buffer): void => {
      decoded += chunk.length;
      if (decoded > maxBytes) finish(new BodyTooLargeError(maxBytes));
      else chunks.push(chunk);
    };
    req.on('data', onRaw);
    req.on('error', (error) => finish(error));
    req.on('aborted', () => finish(new AppError('bad_request', 'The request was aborted.')));
    if (decoder) {
      decoder.on('data', onDecoded);
      decoder.on('error', () => finish(new AppError('bad_request', 'The body is not valid for its Content-Encoding.')));
      decoder.on('end', () => finish());
      req.pipe(decoder);
    } else {
      req.on('data', onDecoded);
      req.on('end', () => finish());
    }
  });
}

/**
 * Reads a request's body by `rule`: the parsed JSON, or undefined when the request has no body.
 * Rejects with an AppError: 415 (a type, charset or encoding the route does not take, or any body
 * where it takes none), 413 (over maxBytes, decoded), 400 (not JSON, or not valid for its encoding).
 */
export async function readBody(req: IncomingMessage, rule: BodyRule): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  if (rule.takes === 'nothing') throw new AppError('unsupported_media_type', NO_BODY);
  checkJsonType(req.headers['content-type']);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > rule.maxBytes) throw new BodyTooLargeError(rule.maxBytes);
  const buffer = await collect(req, decoderFor(req.headers['content-encoding']), rule.maxBytes);
  if (buffer.length === 0) return undefined;
  // Validated as UTF-8 in one pass (no decoder object per request: every bot turn comes through here); a BOM is dropped.
  if (!isUtf8(buffer)) throw new AppError('bad_request', 'The body is not valid UTF-8.');
  const text = buffer.toString('utf8', hasByteOrderMark(buffer) ? 3 : 0);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.');
  }
}

function hasByteOrderMark(buffer: Buffer): boolean {
  return buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
}
