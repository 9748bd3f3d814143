import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Validates a Teams app manifest offline against Microsoft's official JSON schema for the
 * manifestVersion it declares (shipped in npm @microsoft/app-manifest).
 */
export interface ManifestCheck {
  valid: boolean;
  version: string;
  /** One readable line per problem: "<json path>: <what is wrong>". */
  errors: string[];
}

const require = createRequire(import.meta.url);

/** Replaces `${{NAME}}` placeholders with values (unknown names get a sample GUID or host). */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => values[name] ?? '');
}

export function schemaPathFor(version: string): string {
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(root, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) throw new Error(`No official schema for manifestVersion "${version}" in @microsoft/app-manifest`);
  return file;
}

export function validateManifest(manifest: unknown): ManifestCheck {
  const version =
    typeof manifest === 'object' && manifest !== null ? String((manifest as { manifestVersion?: unknown }).manifestVersion ?? '') : '';
  if (!version) return { valid: false, version, errors: ['/manifestVersion: missing'] };
  let schemaFile: string;
  try {
    schemaFile = schemaPathFor(version);
  } catch (error) {
    return { valid: false, version, errors: [`/manifestVersion: ${(error as Error).message}`] };
  }
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const valid = validate(manifest) as boolean;
  const errors = (validate.errors ?? []).map((e) => {
    const detail =
      e.params && 'additionalProperty' in e.params
        ? ` (${String(e.params.additionalProperty)})`
        : e.params && 'allowedValues' in e.params
          ? ` (allowed: ${(e.params.allowedValues as unknown[]).join(', ')})`
          : '';
    return `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${detail}`;
  });
  return { valid, version, errors };
}

/** Sample values for the placeholders, as the Toolkit would fill them for a local run. */
export const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '2f6d3c4a-1b2c-4d5e-8f90-123456789abc',
  APP_NAME_SUFFIX: 'local',
  BOT_ID: '7d1f2e3a-4b5c-4d6e-8f70-abcdef012345',
  AAD_APP_CLIENT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  TAB_ENDPOINT: 'https://entra-companion.example.net',
  TAB_DOMAIN: 'entra-companion.example.net',
  BOT_DOMAIN: 'entra-companion-bot.example.net',
};
