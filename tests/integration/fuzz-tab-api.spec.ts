import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SEED, useFuzzServer } from '../support/fuzz-server';

/**
 * Property-based robustness of the tab API (1000 runs): random query strings, malformed
 * percent-escapes included, on every GET route, as a signed-in admin. 200 or a clear 400.
 */
const RUNS = { tabQueries: 1000 };

describe('fuzz: tab API query strings', function () {
  this.timeout(120_000);
  const fuzz = useFuzzServer();

  it(`answers ${RUNS.tabQueries} random tab API query strings with 200 or a clear 400`, async () => {
    const paths = ['/api/tab/apps', '/api/tab/apps.csv', '/api/tab/history', '/api/tab/status', '/api/tab/settings', '/api/tab/me'];
    const key = fc.oneof(
      fc.constantFrom(
        'search',
        'verified',
        'highPrivilege',
        'expiring',
        'consent',
        'sort',
        'cursor',
        'limit',
        'refresh',
        'days',
        '__proto__',
        'constructor',
        'a[b]',
        'limit[]',
      ),
      fc.string({ maxLength: 10 }),
    );
    const value = fc.oneof(
      fc.constantFrom(
        'true',
        'false',
        'admin',
        'user',
        'none',
        'name',
        'expiry',
        'risk',
        '0',
        '1',
        '-1',
        '201',
        '1e3',
        'NaN',
        'Infinity',
        '',
        '%',
        '%zz',
        '%00',
        '%E0%A4%A',
        'MA',
        '!!!',
      ),
      fc.string({ maxLength: 50 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    const pair = fc.tuple(key, value, fc.boolean());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.array(pair, { maxLength: 6 }), async (path, pairs) => {
        // Half the values go in raw (malformed percent-escapes included), half properly encoded.
        const query = pairs
          .map(([k, v, raw]) =>
            raw ? `${k.replace(/[#\s&]/g, '')}=${v.replace(/[#\s&]/g, '')}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
          )
          .join('&');
        const response = await fetch(`${fuzz.server.url}${path}?${query}`, { headers: { authorization: `Bearer ${fuzz.adminToken}` } });
        const answer = await response.text();
        assert.ok(response.status < 500, `${path}?${query} → ${response.status}: ${answer.slice(0, 200)}`);
        if (response.status === 400) assert.match(answer, /error|message|code/i, '400 says why');
      }),
      { seed: SEED, numRuns: RUNS.tabQueries },
    );
  });
});
