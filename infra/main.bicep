// NEXUS on Azure: the isolated-worker Function App (src/Nexus.Functions) in a custom container on a Linux Elastic
// Premium plan, with everything it needs. Deploy with infra/deploy.sh (it also builds and pushes the image); the
// README's "Deploy to Azure" section says what is created and what is verified where.
//
// Hosting: Elastic Premium, not Functions on Azure Container Apps — see modules/functionapp.bicep for why.
// Secrets: the Anthropic key and NEXUS's API key arrive as secure parameters, go into Key Vault and reach the app as
// Key Vault references; no output carries a secret, and no storage, registry or Azure OpenAI key is ever used.

targetScope = 'resourceGroup'

metadata description = 'NEXUS durable multi-agent orchestrator on Azure Functions (Elastic Premium, custom container)'

@description('Azure region of every resource but Azure OpenAI (see openAiLocation).')
param location string = resourceGroup().location

@description('Short lowercase name (letters and digits) that starts every resource name.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'nexus'

@description('Image tag to run (infra/deploy.sh passes the commit it builds).')
@minLength(1)
param imageTag string

@description('Image repository in the registry.')
param imageRepository string = 'nexus-functions'

@description('Elastic Premium size.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Instances that always run.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int = 1

@description('''Most instances the plan scales out to. Keep 1 until the projects' git workspaces live on storage that
every instance shares: today each instance has its own disk, and a step that moves to another instance would not find
its workspace.''')
@minValue(1)
@maxValue(100)
param maximumInstances int = 1

@description('''Run agents without the bubblewrap sandbox (NEXUS_UNSANDBOXED=1). Only for a host where no sandbox can start
(no user namespaces): agents can then read every file of the app's user. See the README's "Agents in a sandbox".''')
param allowUnsandboxedAgents bool = false

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Azure region of the Azure OpenAI account (the model must be offered there).')
param openAiLocation string = location

@description('Azure OpenAI model.')
param openAiModelName string = 'gpt-4.1'

@description('Azure OpenAI model version.')
param openAiModelVersion string = '2025-04-14'

@description('Azure OpenAI deployment type.')
@allowed([
  'Standard'
  'GlobalStandard'
  'DataZoneStandard'
])
param openAiDeploymentSku string = 'GlobalStandard'

@description('Azure OpenAI capacity in thousands of tokens per minute.')
@minValue(1)
param openAiCapacity int = 30

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('The Anthropic API key (the claude CLI\'s credential). Stored in Key Vault only.')
@secure()
param anthropicApiKey string

@description('NEXUS\'s API key, what clients send in X-Api-Key (NEXUS_API_KEY). Stored in Key Vault only.')
@secure()
param nexusApiKey string

@description('Tags for every resource.')
param tags object = {
  application: 'nexus'
}

// Globally unique names from the resource group's id: the same group always gets the same names (redeploys update in
// place), another group gets others.
var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: 'id-${namePrefix}-${suffix}'
  workspace: 'log-${namePrefix}-${suffix}'
  appInsights: 'appi-${namePrefix}-${suffix}'
  storage: take('st${namePrefix}${suffix}', 24)
  registry: 'cr${namePrefix}${suffix}'
  openAi: 'oai-${namePrefix}-${suffix}'
  keyVault: take('kv-${namePrefix}-${suffix}', 24)
  plan: 'plan-${namePrefix}-${suffix}'
  app: 'func-${namePrefix}-${suffix}'
}

// The submission queue of the app's [QueueTrigger] and the poison queue the Functions host moves failed messages to
// (<queue>-poison, the host's convention); the scratchpads' blob container.
var queueNames = [
  'nexus-submissions'
  'nexus-submissions-poison'
]
var blobContainerNames = [
  'scratchpads'
]

var secretNames = {
  anthropic: 'anthropic-api-key'
  nexusApiKey: 'nexus-api-key'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    skuName: storageSku
    queueNames: queueNames
    containerNames: blobContainerNames
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    registryName: names.registry
    tags: tags
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  params: {
    location: openAiLocation
    accountName: names.openAi
    deploymentName: openAiModelName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSku: openAiDeploymentSku
    capacity: openAiCapacity
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: names.keyVault
    anthropicSecretName: secretNames.anthropic
    anthropicApiKey: anthropicApiKey
    nexusApiKeySecretName: secretNames.nexusApiKey
    nexusApiKey: nexusApiKey
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    identityName: identity.name
    storageAccountName: names.storage
    registryName: names.registry
    openAiAccountName: names.openAi
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    registry
    openAi
    keyVault
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    appName: names.app
    planName: names.plan
    planSku: planSku
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstances: maximumInstances
    identityName: identity.name
    registryName: names.registry
    imageRepository: imageRepository
    imageTag: imageTag
    storageAccountName: names.storage
    appInsightsName: names.appInsights
    openAiAccountName: names.openAi
    openAiDeploymentName: openAiModelName
    keyVaultName: names.keyVault
    anthropicSecretName: secretNames.anthropic
    nexusApiKeySecretName: secretNames.nexusApiKey
    allowUnsandboxedAgents: allowUnsandboxedAgents
    tags: tags
  }
  // The app reads its Key Vault references, pulls its image and opens its storage as the identity from its first
  // start: the roles and the secrets come first.
  dependsOn: [
    roles
    monitoring
    keyVault
  ]
}

@description('The Function App\'s name.')
output functionAppName string = functionApp.outputs.name

@description('The Function App\'s base URL (the projects API is under /api).')
output functionAppUrl string = functionApp.outputs.url

@description('The storage account (task hub, nexus-submissions queue, scratchpads container).')
output storageAccountName string = names.storage

@description('Client id of the app\'s user-assigned managed identity.')
output identityClientId string = identity.properties.clientId

@description('The container registry the image is pushed to.')
output registryName string = names.registry

@description('The Key Vault that holds the secrets.')
output keyVaultName string = names.keyVault
