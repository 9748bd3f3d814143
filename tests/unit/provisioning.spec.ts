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

  it('a local run in real Teams hands the server the Teams app id for deep links to the tab', () => {
    assert.equal(localConfigEnvs(read('teamsapp.local.yml')).TEAMS_APP_ID, '${{TEAMS_APP_ID}}');
  });
});

/** The text of `resource <symbol> '<type>@…' = … { … }`, braces matched. */
function resourceBlock(bicep: string, symbol: string): string {
  const start = bicep.search(new RegExp(`^resource ${symbol} '`, 'm'));
  assert.ok(start >= 0, `resource ${symbol} is declared`);
  let depth = 0;
  for (let i = bicep.indexOf('{', start); i < bicep.length; i++) {
    if (bicep[i] === '{') depth++;
    if (bicep[i] === '}' && --depth === 0) return bicep.slice(start, i + 1);
  }
  throw new Error(`resource ${symbol} is not closed`);
}

/** The web app's settings as name -> value expression (every `name: '…'` followed by its `value: …`). */
function appSettings(bicep: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const match of bicep.matchAll(/name: '([A-Z_]+)'\n\s+value: (.+)/g)) settings[match[1]!] = match[2]!.trim();
  return settings;
}

/** `key: value` inside a block, as text. */
const property = (block: string, key: string): string | undefined => block.match(new RegExp(`^\\s+${key}: (.+)$`, 'm'))?.[1]?.trim();

describe('infra/azure.bicep (read as text; not compiled here)', () => {
  const bicep = read('infra/azure.bicep');
  const parameters = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };
  const settings = appSettings(bicep);

  it('registers the bot as SingleTenant with its tenant, or as a user-assigned managed identity, never MultiTenant', () => {
    const bot = resourceBlock(bicep, 'bot');
    assert.equal(property(bot, 'msaAppType'), "useMsi ? 'UserAssignedMSI' : 'SingleTenant'");
    assert.equal(property(bot, 'msaAppTenantId'), 'botTenantId');
    assert.equal(property(bot, 'msaAppMSIResourceId'), 'useMsi ? botIdentity.id : null');
    assert.doesNotMatch(bicep, /'MultiTenant'/);
    assert.match(bicep, /param botAppType string = 'SingleTenant'/);
    assert.equal(parameters.parameters.botAppType?.value, '${{BOT_TYPE}}');
    assert.equal(parameters.parameters.botAadAppTenantId?.value, '${{TEAMS_APP_TENANT_ID}}');
  });

  it('gives a managed-identity bot its identity: created here, attached to the web app, its client id and tenant as the bot id', () => {
    assert.match(resourceBlock(bicep, 'botIdentity'), /'Microsoft\.ManagedIdentity\/userAssignedIdentities@[\d-]+' = if \(useMsi\)/);
    assert.match(bicep, /var botId = useMsi \? botIdentity\.properties\.clientId : botAadAppClientId/);
    assert.match(bicep, /var botTenantId = useMsi \? botIdentity\.properties\.tenantId : botAadAppTenantId/);
    assert.match(bicep, /userAssignedIdentities: \{\n\s+'\$\{botIdentity\.id\}': \{\}/);
    assert.equal(property(resourceBlock(bicep, 'webApp'), 'identity'), 'useMsi ? msiIdentity : systemIdentity');
    assert.match(bicep, /var passwordSettings = useMsi \? \[\] :/, 'no BOT_PASSWORD for a managed identity');
  });

  it('tells the server the same: BOT_TYPE, BOT_TENANT_ID and BOT_ID', () => {
    assert.equal(settings.BOT_TYPE, "useMsi ? 'UserAssignedMsi' : 'SingleTenant'");
    assert.equal(settings.BOT_TENANT_ID, 'botTenantId');
    assert.equal(settings.BOT_ID, 'botId');
  });

  it('hands the server the Teams app id and, once published, the catalog id for deep links', () => {
    assert.equal(settings.TEAMS_APP_ID, 'teamsAppId');
    assert.equal(settings.TEAMS_APP_PUBLISHED_APP_ID, 'teamsAppPublishedAppId');
    assert.equal(parameters.parameters.teamsAppId?.value, '${{TEAMS_APP_ID}}');
    assert.equal(parameters.parameters.teamsAppPublishedAppId?.value, '${{TEAMS_APP_PUBLISHED_APP_ID}}');
  });

  it('keeps the storage key and the secrets out of the app settings: Key Vault references the app identity resolves', () => {
    for (const name of ['AZURE_STORAGE_CONNECTION_STRING', 'BOT_PASSWORD', 'AAD_APP_CLIENT_SECRET']) {
      assert.match(settings[name] ?? '', /^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.secretUri\}\)'$/, name);
    }
    assert.doesNotMatch(resourceBlock(bicep, 'webApp'), /listKeys|AccountKey/);
    assert.equal(property(resourceBlock(bicep, 'webApp'), 'keyVaultReferenceIdentity'), "'SystemAssigned'");
    assert.equal(property(resourceBlock(bicep, 'keyVault'), 'enableRbacAuthorization'), 'true');
    const access = resourceBlock(bicep, 'webAppReadsSecrets');
    assert.equal(property(access, 'scope'), 'keyVault');
    assert.equal(property(access, 'principalId'), 'webApp.identity.principalId');
    // Key Vault Secrets User: read secret values, nothing more.
    assert.match(bicep, /keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'/);
  });

  it('runs the server on Node 24 LTS', () => {
    assert.equal(property(resourceBlock(bicep, 'webApp'), 'linuxFxVersion'), "'NODE|24-lts'");
  });
});
