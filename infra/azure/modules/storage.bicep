// The function app's storage account: AzureWebJobsStorage (host locks and keys), the Durable task hub (the Azure
// Storage provider's queues, tables and blobs) and the blob container Flex Consumption deploys the package from.
// Every client reaches it with the app's managed identity, so shared keys are switched off.
param name string
param location string
param tags object

@description('Blob container holding the deployment package (Flex Consumption functionAppConfig.deployment).')
param deploymentContainerName string

@description('Zone- or geo-redundancy for production, locally redundant elsewhere.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Flex Consumption needs no Azure Files content share (the one piece of Functions hosting that only takes an
    // account key), so nothing here uses a key: Entra ID only.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output accountName string = account.name
output deploymentContainerName string = deploymentContainer.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
