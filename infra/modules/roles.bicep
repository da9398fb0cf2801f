// Every role the Function App's user-assigned identity holds, each on the one resource it is needed for — and nothing
// else (no role on the resource group or the subscription).
//
//   Storage Blob Data Owner        storage    AzureWebJobsStorage (host keys, leases), Durable task hub blobs, scratchpads
//                                             (the role the Functions docs name for an identity-based AzureWebJobsStorage)
//   Storage Queue Data Contributor storage    Durable control/work-item queues, nexus-submissions and its poison queue
//   Storage Table Data Contributor storage    Durable Instances/History tables
//   AcrPull                        registry   pulling the app's image
//   Cognitive Services OpenAI User openai     chat completions with Entra ID tokens (no key)
//   Key Vault Secrets User         keyvault   resolving the app settings' Key Vault references
//
// Role definition ids are the built-in roles' (the same in every Azure cloud and tenant), written out so that the
// compiled template names them (tests/Nexus.Infra.Tests checks each one).

@description('Name of the user-assigned managed identity that receives the roles.')
param identityName string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the container registry.')
param registryName string

@description('Name of the Azure OpenAI account.')
param openAiAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = {
  name: registryName
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'NEXUS Function App: host state, Durable task hub blobs, scratchpads'
  }
}

resource storageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88') // Storage Queue Data Contributor
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'NEXUS Function App: Durable queues, nexus-submissions and its poison queue'
  }
}

resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3') // Storage Table Data Contributor
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'NEXUS Function App: Durable Instances and History tables'
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d') // AcrPull
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'NEXUS Function App: pull its container image'
  }
}

resource cognitiveServicesOpenAIUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, identity.id, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: openAi
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd') // Cognitive Services OpenAI User
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'NEXUS Function App: Azure OpenAI chat with Entra ID'
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6') // Key Vault Secrets User
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'NEXUS Function App: resolve Key Vault references in app settings'
  }
}
