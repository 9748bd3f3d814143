import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { shiftScenario } from '../../devtenant/materialise';
import { parseScenario, resolveScenarioFile, ScenarioError } from '../../devtenant/scenario';
import { SEED } from '../support/fuzz-server';

/** The scenario parser on mutated, random and truncated files (3000 runs): a ScenarioError naming the file, or success. */
const RUNS = { scenarios: 3000 };

describe('fuzz: scenario files', () => {
  const shipped = JSON.parse(readFileSync(resolveScenarioFile('healthy-hybrid'), 'utf8')) as Record<string, unknown>;

  it(`parseScenario throws ScenarioError or succeeds on ${RUNS.scenarios} mutated and random files, never anything else`, () => {
    const pathInto = (value: unknown): fc.Arbitrary<string[]> => {
      const keys = value && typeof value === 'object' ? Object.keys(value as object) : [];
      return keys.length
        ? fc.constantFrom(...keys).chain((k) =>
            fc.oneof(
              fc.constant<string[]>([k]),
              pathInto((value as Record<string, unknown>)[k]).map((rest) => [k, ...rest]),
            ),
          )
        : fc.constant([]);
    };
    const mutation = fc.tuple(
      pathInto(shipped),
      fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(
          '2026-01-15T06:10:00Z',
          'yesterday',
          '',
          -1,
          1e308,
          null,
          '@certificate',
          { '@status': 403 },
          { '@status': 429, error: {} },
        ),
      ),
    );
    const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
      const copy = structuredClone(shipped);
      for (const [path, value] of mutations) {
        let node = copy as Record<string, unknown>;
        for (const key of path.slice(0, -1)) node = (node?.[key] ?? {}) as Record<string, unknown>;
        const last = path.at(-1);
        if (!last || !node || typeof node !== 'object') continue;
        if (value === undefined) delete node[last];
        else node[last] = value;
      }
      return JSON.stringify(copy);
    });
    const randomKeys = fc
      .dictionary(
        fc.oneof(
          fc.constantFrom('@scenario', 'organization', 'beta/organization', 'domains', '/x', 'a//b', '$batch', '..'),
          fc.string({ maxLength: 15 }),
        ),
        fc.jsonValue({ maxDepth: 3 }),
        { maxKeys: 5 },
      )
      .map((o) => JSON.stringify(o));
    const truncated = fc.nat(4000).map((n) => JSON.stringify(shipped).slice(0, n));
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 5, arbitrary: mutated },
          { weight: 2, arbitrary: randomKeys },
          { weight: 1, arbitrary: truncated },
          { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
        ),
        (text) => {
          try {
            const scenario = parseScenario(text, 'fuzz.json');
            shiftScenario(scenario, new Date());
          } catch (error) {
            if (!(error instanceof ScenarioError))
              throw new Error(`not a ScenarioError: ${(error as Error)?.name}: ${(error as Error)?.message}`);
            assert.match(error.message, /fuzz\.json/);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS.scenarios },
    );
  });
});
