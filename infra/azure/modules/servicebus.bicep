// The request queue the app's queue trigger listens on and the events topic it publishes to, with one example
// subscriber. Local (SAS) auth is off: the app and every client sign in with Entra ID.
param name string
param location string
param tags object

@allowed([
  'Standard'
  'Premium'
])
param skuName string

param requestsQueueName string
param eventsTopicName string

@description('Name of the example subscription on the events topic.')
param exampleSubscriptionName string

@description('How long a repeated MessageId is recognised and dropped (ISO 8601).')
param duplicateDetectionWindow string

@minValue(1)
@maxValue(100)
param maxDeliveryCount int

@description('How long a request may wait in the queue before it expires to the dead-letter queue (ISO 8601).')
param requestTimeToLive string

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    // Premium is billed per messaging unit; one is the smallest.
    capacity: skuName == 'Premium' ? 1 : null
  }
  properties: {
    minimumTlsVersion: '1.2'
    // The app reaches the namespace with its managed identity (ServiceBusConnection__fullyQualifiedNamespace).
    disableLocalAuth: true
  }
}

resource requestsQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: requestsQueueName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: requestTimeToLive
    // The trigger renews the lock while it works (host.json maxAutoLockRenewalDuration); a minute keeps renewals rare.
    lockDuration: 'PT1M'
  }
}

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: eventsTopicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
  }
}

resource exampleSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = {
  parent: eventsTopic
  name: exampleSubscriptionName
  properties: {
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P7D'
  }
}

output namespaceName string = namespace.name
output requestsQueueName string = requestsQueue.name
output eventsTopicName string = eventsTopic.name
output exampleSubscriptionName string = exampleSubscription.name
// Host name only (no scheme or port): what ServiceBusConnection__fullyQualifiedNamespace takes, in this cloud's suffix.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
