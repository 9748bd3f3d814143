// Azure resources for Entra Companion: one App Service (Node 24 LTS) hosting bot, tab and tab API,
// the Azure Bot registration with the Teams channel, a storage account for bot state, installations,
// alert state and the notification outbox, and a Key Vault holding the secrets the app settings
// only reference. Not compiled on the build machines (no bicep CLI offline): tests/unit/provisioning.spec.ts
// pins the properties the app relies on by reading this file.
@maxLength(20)
@minLength(4)
param resourceBaseName string

// Azure refuses to create MultiTenant bots since 2025-07-31 (InvalidBotCreationData).
@description('SingleTenant: the bot signs in as its Entra app (botAadApp/create) with a secret. UserAssignedMSI: as a user-assigned managed identity created here, no secret.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
  'UserAssignedMsi'
])
param botAppType string = 'SingleTenant'

@description('Entra app id of the bot (botAadApp/create); unused for UserAssignedMSI')
param botAadAppClientId string

@secure()
@description('The bot app\'s secret; unused for UserAssignedMSI')
param botAadAppClientSecret string = ''

@description('Tenant of the bot\'s Entra app (the Microsoft 365 tenant signed in at provision)')
param botAadAppTenantId string

@description('Entra app used by the tab for SSO and on-behalf-of')
param aadAppClientId string

@secure()
param aadAppClientSecret string

param aadAppTenantId string
param aadAppOauthAuthorityHost string = 'https://login.microsoftonline.com'

@description('The Teams app id (teamsApp/create), for "Open status tab" deep links')
param teamsAppId string

@description('The app\'s id in the org app catalog (teamsapp publish); empty until published')
param teamsAppPublishedAppId string = ''

param webAppSku string = 'B1'
param botDisplayName string = 'Entra Companion'
param location string = resourceGroup().location

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var storageName = toLower(take(replace('${resourceBaseName}store', '-', ''), 24))
var keyVaultName = toLower(take(replace('${resourceBaseName}-kv', '_', '-'), 24))
var useMsi = toLower(botAppType) == 'userassignedmsi'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useMsi) {
  name: '${resourceBaseName}-bot'
  location: location
}

var botId = useMsi ? botIdentity.properties.clientId : botAadAppClientId
var botTenantId = useMsi ? botIdentity.properties.tenantId : botAadAppTenantId

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

// Secrets live here; the web app's settings hold only Key Vault references, which App Service
// resolves with the app's system-assigned identity ("Use Key Vault references as app settings in
// Azure App Service", learn.microsoft.com/azure/app-service/app-service-key-vault-references).
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useMsi) {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource aadSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: serverfarmsName
  location: location
  kind: 'app,linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

var commonSettings = [
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
  {
    name: 'BOT_ID'
    value: botId
  }
  {
    name: 'BOT_TYPE'
    value: useMsi ? 'UserAssignedMsi' : 'SingleTenant'
  }
  {
    name: 'BOT_TENANT_ID'
    value: botTenantId
  }
  {
    name: 'TEAMS_APP_ID'
    value: teamsAppId
  }
  {
    name: 'TEAMS_APP_PUBLISHED_APP_ID'
    value: teamsAppPublishedAppId
  }
  {
    name: 'AAD_APP_CLIENT_ID'
    value: aadAppClientId
  }
  {
    name: 'AAD_APP_CLIENT_SECRET'
    value: '@Microsoft.KeyVault(SecretUri=${aadSecret.properties.secretUri})'
  }
  {
    name: 'AAD_APP_TENANT_ID'
    value: aadAppTenantId
  }
  {
    name: 'AAD_APP_OAUTH_AUTHORITY_HOST'
    value: aadAppOauthAuthorityHost
  }
  {
    name: 'PUBLIC_URL'
    value: 'https://${resourceBaseName}.azurewebsites.net'
  }
  {
    name: 'STORAGE_KIND'
    value: 'azure'
  }
  {
    name: 'AZURE_STORAGE_CONNECTION_STRING'
    value: '@Microsoft.KeyVault(SecretUri=${storageSecret.properties.secretUri})'
  }
]
var passwordSettings = useMsi ? [] : [
  {
    name: 'BOT_PASSWORD'
    value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
  }
]

var systemIdentity = {
  type: 'SystemAssigned'
}
var msiIdentity = {
  type: 'SystemAssigned, UserAssigned'
  userAssignedIdentities: {
    '${botIdentity.id}': {}
  }
}

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  // The system-assigned identity reads Key Vault; the user-assigned one (UserAssignedMSI) is the bot.
  identity: useMsi ? msiIdentity : systemIdentity
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appCommandLine: 'npm run serve'
      appSettings: concat(commonSettings, passwordSettings)
    }
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botId
    msaAppType: useMsi ? 'UserAssignedMSI' : 'SingleTenant'
    msaAppTenantId: botTenantId
    msaAppMSIResourceId: useMsi ? botIdentity.id : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output STORAGE_ACCOUNT_NAME string = storage.name
output KEY_VAULT_NAME string = keyVault.name
// With UserAssignedMSI the bot is the identity: the manifest's bots[].botId (zipped after this step) must be its client id.
output BOT_ID string = botId
output BOT_TENANT_ID string = botTenantId
