// Key Vault in RBAC mode holding the secrets the app reads through Key Vault references: the Anthropic API key (the
// claude CLI's credential) and NEXUS's own API key (what clients send in X-Api-Key). The values arrive as secure
// parameters and are written through Azure Resource Manager; no output, log or app setting carries them.

@description('Azure region.')
param location string

@description('Vault name (3–24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Name of the secret that holds the Anthropic API key.')
param anthropicSecretName string

@description('The Anthropic API key.')
@secure()
param anthropicApiKey string

@description('Name of the secret that holds NEXUS\'s API key.')
param nexusApiKeySecretName string

@description('NEXUS\'s API key: what clients send in X-Api-Key (NEXUS_API_KEY).')
@secure()
param nexusApiKey string

@description('Tags for every resource.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

resource anthropicSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: anthropicSecretName
  properties: {
    value: anthropicApiKey
    contentType: 'text/plain'
  }
}

resource nexusApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: nexusApiKeySecretName
  properties: {
    value: nexusApiKey
    contentType: 'text/plain'
  }
}
