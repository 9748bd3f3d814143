import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layers of the app, lowest first (README, "Layout"). A module may import its own folder and
 * any lower layer; never a higher one, never a sibling on its own layer.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['platform'],
  ['identity', 'storage'],
  ['cards', 'contract'],
  ['bot', 'tab/api', 'tab/web', 'notifications', 'devtenant'],
  ['server'],
];

/** Narrower rules on top of the layer order. */
const ONLY: Readonly<Record<string, readonly string[]>> = {
  // The domain is pure: of the platform it sees only the Graph seam's contract and the error catalogue.
  identity: ['platform/graph/port.ts', 'platform/errors.ts'],
  // The browser bundle: the wire contract and pure domain helpers, nothing that runs on Node.
  'tab/web': ['contract', 'identity'],
};

const root = path.resolve(import.meta.dirname, '../..');

function roomOf(file: string): string | undefined {
  return LAYERS.flat().find((room) => file === room || file.startsWith(`${room}/`));
}

function rankOf(room: string): number {
  return LAYERS.findIndex((rooms) => rooms.includes(room));
}

interface Arrow {
  from: string;
  to: string;
}

/** Every relative import of every tracked .ts/.tsx file in a layer, resolved to a repo path. */
function arrows(): Arrow[] {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && roomOf(file));
  return files.flatMap((from) => {
    const info = ts.preProcessFile(readFileSync(path.join(root, from), 'utf8'), true, true);
    return info.importedFiles
      .map((imported) => imported.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from, to: path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)) }));
  });
}

function verdict({ from, to }: Arrow): string | undefined {
  const source = roomOf(from)!;
  const target = roomOf(to);
  if (!target) return `${from} imports ${to}, which is outside every layer (tests/, scripts/ and the root are above the app)`;
  if (source === target) return undefined;
  const allowed = ONLY[source];
  if (allowed && !allowed.some((prefix) => to === prefix || to.startsWith(`${prefix}/`) || `${to}.ts` === prefix)) {
    return `${from} imports ${to}; ${source}/ may import only ${allowed.join(', ')}`;
  }
  const [up, down] = [rankOf(source), rankOf(target)];
  if (down > up) return `${from} imports ${to}: an arrow up, from ${source}/ to ${target}/`;
  if (down === up) return `${from} imports ${to}: an arrow sideways, between ${source}/ and ${target}/ on one layer`;
  return undefined;
}

describe('Layers: every import points down', () => {
  const all = arrows();

  it('finds the imports it checks', () => {
    assert.ok(all.length > 200, `only ${all.length} imports found`);
  });

  it('no module imports a higher layer, a sibling on its own layer, or tests/ and scripts/', () => {
    const wrong = all.map(verdict).filter((line): line is string => Boolean(line));
    assert.deepEqual(wrong, []);
  });

  it('the rule itself refuses an arrow up, sideways and out of the domain', () => {
    assert.match(verdict({ from: 'platform/logger.ts', to: 'server/main' })!, /arrow up/);
    assert.match(verdict({ from: 'bot/status.ts', to: 'notifications/service' })!, /sideways/);
    assert.match(verdict({ from: 'identity/tenant/reader.ts', to: 'platform/logger' })!, /may import only/);
    assert.match(verdict({ from: 'notifications/sender.ts', to: 'tests/support/connector' })!, /outside every layer/);
    assert.equal(verdict({ from: 'server/main.ts', to: 'bot/index' }), undefined);
    assert.equal(verdict({ from: 'identity/tenant/reader.ts', to: 'platform/graph/port' }), undefined);
  });
});
