// The one identity the function app runs as: storage (AzureWebJobsStorage, Durable task hub, deployment package),
// Service Bus, Application Insights ingestion and ARM/AKS all see this principal.
@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
