import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/**
 * What `teamsapp provision` / `deploy` hand the server. There is no bicep CLI on these machines, so
 * the files are read as text: each spec pins a property the app relies on, not the whole file.
 */
const read = (file: string): string => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

/** The `envs:` a file/createOrUpdateEnvironmentFile step writes, as name -> value text. */
function localConfigEnvs(yaml: string): Record<string, string> {
  const block = yaml.slice(yaml.indexOf('target: ./.localConfigs'));
  const envs: Record<string, string> = {};
  for (const match of block.matchAll(/^ {8}([A-Z_]+): (.+)$/gm)) envs[match[1]!] = match[2]!.trim();
  return envs;
}

describe('provisioning: the bot registration is SingleTenant (Azure refuses new MultiTenant bots since 2025-07-31)', () => {
  it('a local run in real Teams starts the server as a SingleTenant bot of the signed-in tenant', () => {
    const yaml = read('teamsapp.local.yml');
    const envs = localConfigEnvs(yaml);
    assert.equal(envs.BOT_TYPE, 'SingleTenant');
    assert.equal(envs.BOT_TENANT_ID, '${{TEAMS_APP_TENANT_ID}}');
    assert.match(yaml, /teamsAppTenantId: TEAMS_APP_TENANT_ID/, 'teamsApp/create writes the tenant it reads');
  });
});
