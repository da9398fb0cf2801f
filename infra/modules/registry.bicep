// The container registry the Function App's image is built into (`az acr build`) and pulled from with the managed
// identity (AcrPull): no admin user, no anonymous pull, so no registry password exists anywhere.

@description('Azure region.')
param location string

@description('Registry name (5–50 letters and digits, globally unique).')
@minLength(5)
@maxLength(50)
param registryName string

@description('Tags for every resource.')
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}
