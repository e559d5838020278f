// Optional Event Grid topic for subscribers that prefer push delivery of the CloudEvents the app publishes.
param name string
param location string
param tags object

@description('Principal ID of the app identity that publishes events.')
param publisherPrincipalId string

// EventGrid Data Sender (built-in).
var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    // Publishers sign in with Entra ID; no access keys.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, publisherPrincipalId, eventGridDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output topicName string = topic.name
output endpoint string = topic.properties.endpoint
