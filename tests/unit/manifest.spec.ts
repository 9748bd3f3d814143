import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { CATALOGUE } from '../../bot/commands';
import { SEARCH_COMMAND } from '../../bot/message-extension';
import { fillPlaceholders, SAMPLE_VALUES, validateManifest } from '../../scripts/lib/manifest';

const manifestText = readFileSync(new URL('../../appPackage/manifest.json', import.meta.url), 'utf8');
const filled = (): Record<string, any> => JSON.parse(fillPlaceholders(manifestText, SAMPLE_VALUES));

describe('appPackage/manifest.json', () => {
  it('is valid against the official Teams schema of the version it declares (1.19 or newer)', () => {
    const result = validateManifest(filled());
    assert.deepEqual(result.errors, []);
    assert.ok(Number(result.version.split('.')[1]) >= 19, `manifestVersion ${result.version}`);
  });

  it('uses only placeholders the Toolkit env files define', () => {
    const names = [...manifestText.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]);
    const env =
      readFileSync(new URL('../../env/.env.dev', import.meta.url), 'utf8') +
      readFileSync(new URL('../../env/.env.local', import.meta.url), 'utf8');
    for (const name of new Set(names)) assert.match(env, new RegExp(`^${name}=`, 'm'), `${name} is not in env/.env.dev or env/.env.local`);
  });

  it('fails with a readable message when broken', () => {
    const broken = filled();
    delete broken.name;
    broken.bots[0].scopes = ['everywhere'];
    broken.unknownField = true;
    const result = validateManifest(broken);
    assert.equal(result.valid, false);
    const text = result.errors.join('\n');
    assert.match(text, /must have required property 'name'/);
    assert.match(text, /\/bots\/0\/scopes\/0: must be equal to one of the allowed values \(allowed: team, personal, groupChat/);
    assert.match(text, /must NOT have additional properties \(unknownField\)/);
  });

  it('rejects a manifestVersion with no official schema', () => {
    const result = validateManifest({ ...filled(), manifestVersion: '0.9' });
    assert.equal(result.valid, false);
    assert.match(result.errors[0], /No official schema for manifestVersion "0.9"/);
  });

  it("lists the bot's commands as the help card does: the same titles, descriptions and order", () => {
    const listed = filled().bots[0].commandLists[0].commands.map((c: { title: string; description: string }) => ({
      name: c.title,
      description: c.description,
    }));
    assert.deepEqual(listed, CATALOGUE);
  });

  it('declares the bot-based search message extension, valid against the schema and described for Microsoft 365 Copilot', () => {
    const manifest = filled();
    const [extension, ...others] = manifest.composeExtensions;
    assert.equal(others.length, 0, 'Teams takes one compose extension per app');
    assert.equal(extension.composeExtensionType, 'botBased');
    assert.equal(extension.botId, manifest.bots[0].botId, 'the same bot answers chat and the message extension');
    const [command] = extension.commands;
    assert.deepEqual(
      { id: command.id, type: command.type, parameter: command.parameters[0].name },
      {
        id: SEARCH_COMMAND.id,
        type: 'query',
        parameter: SEARCH_COMMAND.parameter,
      },
    );
    assert.equal(command.initialRun, true, 'opening it lists answers before anything is typed');
    // Copilot picks a plugin's command by its descriptions: each says what it finds, and what it does not.
    for (const described of [command, ...command.parameters]) {
      assert.ok(described.description.length > 40, `${described.id ?? described.name}: a description that says what it is`);
      assert.ok(described.semanticDescription.length > described.description.length, 'a semanticDescription longer than the description');
    }
    assert.match(command.semanticDescription, /does not read or change the user's tenant/);
    assert.ok(command.samplePrompts.length >= 3);
    assert.deepEqual(validateManifest(manifest).errors, []);
    const tooLong = { ...manifest, composeExtensions: [{ ...extension, commands: [{ ...command, title: 'x'.repeat(33) }] }] };
    assert.match(
      validateManifest(tooLong).errors.join('\n'),
      /\/composeExtensions\/0\/commands\/0\/title: must NOT have more than 32 characters/,
    );
  });

  it('declares SSO for the tab with an api:// resource on the tab domain', () => {
    const info = filled().webApplicationInfo;
    assert.equal(info.id, SAMPLE_VALUES.AAD_APP_CLIENT_ID);
    assert.equal(info.resource, `api://${SAMPLE_VALUES.TAB_DOMAIN}/${SAMPLE_VALUES.AAD_APP_CLIENT_ID}`);
  });
});

/** Reads width, height, and the RGBA pixels of a non-interlaced 8-bit RGBA PNG. */
function readPng(file: string): { width: number; height: number; colorType: number; pixels: Buffer } {
  const data = readFileSync(new URL(file, import.meta.url));
  assert.equal(data.subarray(1, 4).toString(), 'PNG');
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const colorType = data[25];
  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length;) {
    const length = data.readUInt32BE(offset);
    const type = data.subarray(offset + 4, offset + 8).toString();
    if (type === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (width * 4 + 1)], 0, 'only filter type 0 is read here');
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colorType, pixels };
}

describe('app icons', () => {
  it('color.png is 192x192', () => {
    const png = readPng('../../appPackage/color.png');
    assert.deepEqual([png.width, png.height], [192, 192]);
  });

  it('outline.png is 32x32, white on a transparent background', () => {
    const png = readPng('../../appPackage/outline.png');
    assert.deepEqual([png.width, png.height, png.colorType], [32, 32, 6]);
    let transparent = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
    }
    assert.ok(transparent > 32 * 32 * 0.4, 'background is transparent');
    assert.equal(png.pixels[3], 0, 'corner pixel is transparent');
  });
});
