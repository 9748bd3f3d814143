import assert from 'node:assert/strict';
import { createLogger, redact } from '../../platform/logger';

describe('logger', () => {
  it('never writes bearer tokens, JWTs or secret-named fields', () => {
    const lines: string[] = [];
    const logger = createLogger('t', 'debug', (line) => lines.push(line));
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';
    logger.info(`got Bearer ${jwt}`, { authorization: 'Bearer abc', password: 'p', nested: { clientSecret: 's', note: jwt } });
    const text = lines.join('\n');
    assert.doesNotMatch(text, /eyJhbGci|abc"|"p"|"s"/);
    assert.match(text, /\[redacted\]/);
  });

  it('keeps ordinary values', () => {
    assert.deepEqual(redact({ conversationId: 'a:1', count: 3 }), { conversationId: 'a:1', count: 3 });
  });

  it('drops messages under its level', () => {
    const lines: string[] = [];
    createLogger('t', 'warn', (line) => lines.push(line)).info('quiet');
    assert.equal(lines.length, 0);
  });
});
