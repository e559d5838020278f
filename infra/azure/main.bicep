// ClusterFunctions' own hosting in one resource group: the function app on the Flex Consumption plan, its storage
// account (AzureWebJobsStorage, the Durable task hub, the deployment package), its Service Bus entities, monitoring,
// and one managed identity with least-privilege roles; no keys or connection strings anywhere.
// Deploy: az deployment group create -g <group> -f infra/azure/main.bicep -p infra/azure/parameters/<env>.bicepparam
targetScope = 'resourceGroup'

@description('A resource group where the app may build clusters; the subscription defaults to this deployment\'s.')
type targetGroup = {
  subscriptionId: string?
  resourceGroup: string
}

@description('Request limits the app enforces (its "Limits" section), so one caller cannot exhaust the subscription.')
type limitsConfig = {
  @minValue(1)
  requestsPerMinute: int
  @minValue(1)
  maxConcurrentBuildsPerRequester: int
  @minValue(1)
  maxConcurrentBuilds: int
}

@allowed([
  'developer'
  'testing'
  'production'
])
param environmentName string

param location string = resourceGroup().location

@description('Short prefix for resource names (lowercase letters and digits).')
@minLength(2)
@maxLength(8)
param namePrefix string = 'cfn'

@description('The only resource groups where the app gets AKS rights; clusters in any other group are refused by ARM.')
param targetResourceGroups targetGroup[]

@description('Audience (application ID URI or client ID) of the API\'s Entra ID app registration; callers present tokens for it. Empty: no Entra ID, and with no function keys configured every route but health refuses callers.')
param apiAudience string

param limits limitsConfig = {
  requestsPerMinute: 300
  maxConcurrentBuildsPerRequester: 5
  maxConcurrentBuilds: 50
}

@description('Also create an Event Grid topic for push subscribers of the CloudEvents.')
param enableEventGrid bool = false

@description('Whether the HTTP API is reachable from the internet; off, requests arrive on the queue only.')
param allowPublicAccess bool

@description('Instances kept warm for the Durable triggers; 0 lets the app scale to zero when idle.')
@minValue(0)
@maxValue(20)
param alwaysReadyInstances int

@description('The most instances the plan may run at once.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance (Flex Consumption sizes: 512, 2048 or 4096 MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 5

param duplicateDetectionWindow string = 'PT10M'
param requestTimeToLive string = 'P1D'

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

param taskHubName string = 'ClusterFunctions'

var suffix = uniqueString(resourceGroup().id, environmentName)
var baseName = '${namePrefix}-${environmentName}'
var tags = {
  application: 'ClusterFunctions'
  environment: environmentName
}
var requestsQueueName = 'cluster-requests'
var eventsTopicName = 'cluster-events'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    // Storage account names allow only lowercase letters and digits.
    name: take(toLower('st${replace(namePrefix, '-', '')}${suffix}'), 24)
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    skuName: storageSku
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: 'sb-${baseName}-${suffix}'
    location: location
    tags: tags
    skuName: serviceBusSku
    requestsQueueName: requestsQueueName
    eventsTopicName: eventsTopicName
    exampleSubscriptionName: 'example-subscriber'
    duplicateDetectionWindow: duplicateDetectionWindow
    maxDeliveryCount: maxDeliveryCount
    requestTimeToLive: requestTimeToLive
  }
}

module dataAccess 'modules/data-access.bicep' = {
  name: 'data-access'
  params: {
    principalId: identity.outputs.principalId
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    requestsQueueName: serviceBus.outputs.requestsQueueName
    eventsTopicName: serviceBus.outputs.eventsTopicName
    storageAccountName: storage.outputs.accountName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module targetAccess 'modules/target-group-access.bicep' = [
  for (group, i) in targetResourceGroups: {
    name: 'target-access-${i}'
    scope: resourceGroup(group.?subscriptionId ?? subscription().subscriptionId, group.resourceGroup)
    params: {
      principalId: identity.outputs.principalId
    }
  }
]

module eventGrid 'modules/eventgrid.bicep' = if (enableEventGrid) {
  name: 'eventgrid'
  params: {
    name: 'evgt-${baseName}-${suffix}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: 'func-${baseName}-${suffix}'
    planName: 'asp-${baseName}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    eventsTopicName: serviceBus.outputs.eventsTopicName
    eventGridEndpoint: enableEventGrid ? eventGrid!.outputs.endpoint : ''
    taskHubName: taskHubName
    apiAudience: apiAudience
    limits: limits
    allowPublicAccess: allowPublicAccess
    alwaysReadyInstances: alwaysReadyInstances
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host opens AzureWebJobsStorage, the task hub and the queue trigger as soon as it starts, with these roles.
  dependsOn: [
    dataAccess
  ]
}

output functionAppName string = functionApp.outputs.name
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'
output identityClientId string = identity.outputs.clientId
output identityPrincipalId string = identity.outputs.principalId
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output storageAccountName string = storage.outputs.accountName
