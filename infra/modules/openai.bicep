// Azure OpenAI (a Cognitive Services account of kind OpenAI) with one model deployment. Key authentication is off: the
// app's backends use Entra ID tokens of the managed identity (role Cognitive Services OpenAI User), which needs the
// custom subdomain.

@description('Azure region of the account (model availability differs by region).')
param location string

@description('Account name; also its custom subdomain (<name>.openai.azure.com).')
@minLength(2)
@maxLength(64)
param accountName string

@description('Name of the model deployment (what AZURE_OPENAI_DEPLOYMENT names).')
param deploymentName string

@description('The model.')
param modelName string

@description('The model version.')
param modelVersion string

@description('Deployment type.')
@allowed([
  'Standard'
  'GlobalStandard'
  'DataZoneStandard'
])
param deploymentSku string

@description('Capacity in thousands of tokens per minute.')
@minValue(1)
param capacity int

@description('Tags for every resource.')
param tags object

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: accountName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSku
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
    versionUpgradeOption: 'NoAutoUpgrade'
  }
}
