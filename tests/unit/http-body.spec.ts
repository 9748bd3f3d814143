import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { readBody } from '../../platform/http/body';
import { AppError } from '../../platform/errors';

/** A request as restify hands it over: headers, and the body as a stream of chunks. */
function request(body: Buffer, headers: Record<string, string> = {}): IncomingMessage {
  const stream = Readable.from(body.length ? [body.subarray(0, 5), body.subarray(5)] : []) as unknown as IncomingMessage;
  stream.headers = { 'content-type': 'application/json', 'content-length': String(body.length), ...headers };
  return stream;
}

const RULE = { takes: 'json', maxBytes: 1024 } as const;

describe('request bodies (platform/http/body.ts)', () => {
  it('parses a UTF-8 JSON body, non-ASCII text included, split across chunks', async () => {
    assert.deepEqual(await readBody(request(Buffer.from('{"text":"Ünïcode ✓ 日本"}')), RULE), { text: 'Ünïcode ✓ 日本' });
  });

  it('drops a leading byte order mark, as a UTF-8 decoder does', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    assert.deepEqual(await readBody(request(Buffer.concat([bom, Buffer.from('{"a":1}')])), RULE), { a: 1 });
  });

  it('refuses bytes that are not UTF-8 with a 400 that says so, and JSON that does not parse with a 400 that says that', async () => {
    for (const [bytes, message] of [
      [Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /not valid UTF-8/],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
      [Buffer.from('{"a":'), /not valid JSON/],
    ] as const) {
      await assert.rejects(readBody(request(bytes), RULE), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, message);
        return true;
      });
    }
  });
});
