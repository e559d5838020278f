// The app identity's data-plane rights on its own Service Bus entities and file share, each at the narrowest scope.
import { roleIds } from 'roles.bicep'

param principalId string
param serviceBusNamespaceName string
param requestsQueueName string
param eventsTopicName string
param storageAccountName string
param shareName string

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusNamespaceName
}

resource requestsQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' existing = {
  parent: serviceBus
  name: requestsQueueName
}

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' existing = {
  parent: serviceBus
  name: eventsTopicName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' existing = {
  parent: fileService
  name: shareName
}

resource queueReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(requestsQueue.id, principalId, roleIds.serviceBusDataReceiver)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// KEDA's azure-servicebus scaler reads the queue's runtime message count, which Service Bus only grants with the
// Manage claim; Data Owner on this one queue is the narrowest built-in that carries it.
resource queueScaler 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(requestsQueue.id, principalId, roleIds.serviceBusDataOwner)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventsTopic.id, principalId, roleIds.serviceBusDataSender)
  scope: eventsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource shareContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(share.id, principalId, roleIds.storageFileDataSmbShareContributor)
  scope: share
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageFileDataSmbShareContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output assignmentIds array = [
  queueReceiver.id
  queueScaler.id
  topicSender.id
  shareContributor.id
]
