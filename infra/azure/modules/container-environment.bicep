// The Container Apps environment: console logs to Log Analytics, and the Azure Files share registered for mounting.
param name string
param location string
param tags object
param logAnalyticsName string
param storageAccountName string
param shareName string

@description('Name under which the share is registered in the environment (volumes refer to it).')
param storageLinkName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// Container Apps mounts SMB shares with the account key only (no managed identity); the key stays in this resource.
resource share 'Microsoft.App/managedEnvironments/storages@2025-01-01' = {
  parent: environment
  name: storageLinkName
  properties: {
    azureFile: {
      accountName: storage.name
      accountKey: storage.listKeys().keys[0].value
      shareName: shareName
      accessMode: 'ReadWrite'
    }
  }
}

output id string = environment.id
output storageLinkName string = share.name
output defaultDomain string = environment.properties.defaultDomain
