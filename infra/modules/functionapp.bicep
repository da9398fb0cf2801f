// The Function App: NEXUS's isolated-worker app in its own container image, on a Linux Elastic Premium plan.
//
// Why Elastic Premium rather than Azure Functions on Azure Container Apps (both run a custom container):
//  - Durable Functions on the default Azure Storage backend scales on Premium through the Functions scale controller;
//    on Container Apps only the MSSQL backend scales by events, any other backend needs fixed minimum replicas.
//  - Agent turns run for many minutes: Premium has no execution time limit (60 minutes of grace at scale-in).
//  - Key Vault references in app settings, image pulls from ACR with a user-assigned identity and always-ready
//    instances are plain site settings, and the Functions tooling (portal, keys, Durable management URLs) works.
//  The price: at least one instance always runs (no scale to zero).
//
// No Azure Files content share (WEBSITE_CONTENTAZUREFILECONNECTIONSTRING / WEBSITE_CONTENTSHARE): Azure Files needs a
// shared key, which the storage account refuses, and a container app's code is in its image. /home is the container's
// own disk (WEBSITES_ENABLE_APP_SERVICE_STORAGE=false).

@description('Azure region.')
param location string

@description('Function App name (globally unique; its host name is <name>.azurewebsites.net).')
param appName string

@description('App Service plan name.')
param planName string

@description('Elastic Premium size.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string

@description('Instances that are always running (at least 1: no cold start for the queue and the HTTP API).')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int

@description('Most instances the plan scales out to.')
@minValue(1)
@maxValue(100)
param maximumInstances int

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the container registry that holds the image.')
param registryName string

@description('Image repository in the registry.')
param imageRepository string

@description('Image tag to run.')
param imageTag string

@description('Name of the storage account (AzureWebJobsStorage).')
param storageAccountName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Name of the Azure OpenAI account.')
param openAiAccountName string

@description('Name of the Azure OpenAI model deployment.')
param openAiDeploymentName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the Key Vault secret with the Anthropic API key.')
param anthropicSecretName string

@description('Name of the Key Vault secret with NEXUS\'s API key.')
param nexusApiKeySecretName string

@description('Run agents without the bubblewrap sandbox (NEXUS_UNSANDBOXED=1) where the host allows no user namespaces.')
param allowUnsandboxedAgents bool

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumInstances
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registry.properties.loginServer}/${imageRepository}:${imageTag}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identity.properties.clientId
      minimumElasticInstanceCount: alwaysReadyInstances
      functionAppScaleLimit: maximumInstances
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        // The Functions host.
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        // Host storage, the Durable task hub and the app's queue trigger: identity-based, no connection string.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        // The container.
        { name: 'DOCKER_REGISTRY_SERVER_URL', value: 'https://${registry.properties.loginServer}' }
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' }
        // The port of the image's Functions host: the Dockerfile's EXPOSE (its user is not root, so not port 80).
        { name: 'WEBSITES_PORT', value: '8080' }
        // The image carries Node.js, git and the claude CLI: the first pull takes longer than the default 230 s.
        { name: 'WEBSITES_CONTAINER_START_TIME_LIMIT', value: '600' }
        // Entra ID for the SDKs (DefaultAzureCredential picks the user-assigned identity by this client id).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        // Agent backends: Azure OpenAI with Entra ID (no key exists: the account disables local auth) and the claude
        // CLI with the Anthropic key from Key Vault.
        { name: 'AZURE_OPENAI_ENDPOINT', value: openAi.properties.endpoint }
        { name: 'AZURE_OPENAI_DEPLOYMENT', value: openAiDeploymentName }
        // Key Vault references without a version: the app reads the current secret, so a rotation needs no
        // redeployment (App Service refreshes references within a day, or at once on a restart).
        { name: 'ANTHROPIC_API_KEY', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${anthropicSecretName})' }
        // NEXUS's HTTP API key (X-Api-Key), the same for every instance.
        { name: 'NEXUS_API_KEY', value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${nexusApiKeySecretName})' }
        { name: 'NEXUS_UNSANDBOXED', value: allowUnsandboxedAgents ? '1' : '0' }
      ]
    }
  }
}

// Deployments are image pushes to the registry: the FTP and SCM basic-auth publishing credentials are not needed.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('The Function App\'s name.')
output name string = app.name

@description('The Function App\'s base URL.')
output url string = 'https://${app.properties.defaultHostName}'
