// ClusterFunctions' own hosting in one resource group: the function app on Azure Container Apps, its Service Bus
// entities, durable state on Azure Files, Key Vault, monitoring, and one managed identity with least-privilege roles.
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

@description('The function app image, built with dotnet publish -t:PublishContainer (see README).')
param image string

@description('Registry the image is pulled from with the managed identity; empty for a public image.')
param registryServer string = ''

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

@description('Whether the HTTP API is reachable from the internet or only inside the environment.')
param ingressExternal bool

@minValue(0)
@maxValue(1)
param minReplicas int

@description('Queued requests per replica before KEDA wakes the app.')
@minValue(1)
param messagesPerReplica int = 5

param cpu string = '0.5'
param memory string = '1Gi'

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
    shareName: 'durable'
    shareQuotaGiB: 16
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

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('kv-${namePrefix}-${suffix}', 24)
    location: location
    tags: tags
    readerPrincipalId: identity.outputs.principalId
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    serviceBusRuleName: serviceBus.outputs.appRuleName
    enablePurgeProtection: environmentName == 'production'
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
    shareName: storage.outputs.shareName
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

module containerEnvironment 'modules/container-environment.bicep' = {
  name: 'container-environment'
  params: {
    name: 'cae-${baseName}'
    location: location
    tags: tags
    logAnalyticsName: monitoring.outputs.workspaceName
    storageAccountName: storage.outputs.accountName
    shareName: storage.outputs.shareName
    storageLinkName: 'durable'
  }
}

module app 'modules/container-app.bicep' = {
  name: 'container-app'
  params: {
    name: 'ca-${baseName}'
    location: location
    tags: tags
    environmentId: containerEnvironment.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    image: image
    registryServer: registryServer
    appInsightsName: monitoring.outputs.appInsightsName
    serviceBusConnectionSecretUri: keyVault.outputs.serviceBusConnectionSecretUri
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    requestsQueueName: serviceBus.outputs.requestsQueueName
    eventsTopicName: serviceBus.outputs.eventsTopicName
    eventGridEndpoint: enableEventGrid ? eventGrid!.outputs.endpoint : ''
    taskHubName: taskHubName
    apiAudience: apiAudience
    limits: limits
    storageLinkName: containerEnvironment.outputs.storageLinkName
    ingressExternal: ingressExternal
    cpu: cpu
    memory: memory
    minReplicas: minReplicas
    maxReplicas: 1
    messagesPerReplica: messagesPerReplica
  }
  // The scale rule and the app's first requests need the data-plane roles in place.
  dependsOn: [
    dataAccess
  ]
}

output appUrl string = 'https://${app.outputs.fqdn}'
output identityClientId string = identity.outputs.clientId
output identityPrincipalId string = identity.outputs.principalId
output serviceBusNamespace string = serviceBus.outputs.namespaceName
output keyVaultName string = keyVault.outputs.vaultName
