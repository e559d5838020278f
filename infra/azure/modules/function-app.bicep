// The function app on the Flex Consumption plan (why Flex and not Elastic Premium: README, "Hosting plan"):
// a .NET 10 isolated worker that runs its Durable orchestrations on the Azure Storage provider and reaches storage,
// Service Bus, Application Insights and ARM with its one user-assigned managed identity. No setting holds a secret.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string

@description('Blob endpoint of the storage account, e.g. https://account.blob.core.windows.net/.')
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string

@description('Blob container the deployment package is uploaded to and run from.')
param deploymentContainerName string

param appInsightsName string

@description('Host name of the Service Bus namespace (no scheme).')
param serviceBusNamespace string
param eventsTopicName string
param eventGridEndpoint string
param taskHubName string

@description('Entra ID audience of the API; empty leaves Entra ID off.')
param apiAudience string

param limits {
  requestsPerMinute: int
  maxConcurrentBuildsPerRequester: int
  maxConcurrentBuilds: int
}

@description('Whether the HTTP API is reachable from the internet; off, requests arrive on the queue only.')
param allowPublicAccess bool

@description('Instances kept warm for the Durable triggers (orchestrations, activities): 0 lets the app scale to zero.')
@minValue(0)
param alwaysReadyInstances int

@description('Upper bound on instances, so one burst of requests cannot start hundreds of workers.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    // Flex Consumption runs on Linux only.
    reserved: true
  }
}

// Identity-based connections: "<connection>__<property>" settings, with credential=managedidentity and the
// user-assigned identity's client id. Service URIs (not accountName) keep the right suffixes in every cloud.
var storageSettings = [
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: tableEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
]
var serviceBusSettings = [
  { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusNamespace }
  { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
  { name: 'ServiceBusConnection__clientId', value: identityClientId }
  { name: 'ServiceBus__EventsTopic', value: eventsTopicName }
]
var appSettings = [
  // DefaultAzureCredential (ARM, Event Grid) picks the user-assigned identity by this.
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'Azure__ResourceManagerEndpoint', value: environment().resourceManager }
  // host.json: extensions.durableTask.hubName is %TASKHUB_NAME%.
  { name: 'TASKHUB_NAME', value: taskHubName }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  // Telemetry goes in with the identity's Entra token; the component refuses the connection string's key alone.
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  { name: 'OTEL_SERVICE_NAME', value: name }
  { name: 'Limits__RequestsPerMinute', value: string(limits.requestsPerMinute) }
  { name: 'Limits__MaxConcurrentBuildsPerRequester', value: string(limits.maxConcurrentBuildsPerRequester) }
  { name: 'Limits__MaxConcurrentBuilds', value: string(limits.maxConcurrentBuilds) }
]
// Tokens from this deployment's tenant, in this cloud.
var entraSettings = empty(apiAudience) ? [] : [
  { name: 'Auth__EntraId__Authority', value: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0' }
  { name: 'Auth__EntraId__Audience', value: apiAudience }
]
var eventGridSettings = empty(eventGridEndpoint) ? [] : [{ name: 'EventGrid__TopicEndpoint', value: eventGridEndpoint }]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: allowPublicAccess ? 'Enabled' : 'Disabled'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      // FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not app settings on Flex: this is where they go.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // 'durable' is the group of orchestration, activity and entity triggers; warm instances there answer a new
        // build without a cold start and keep polling the task hub's control queues.
        alwaysReady: alwaysReadyInstances == 0 ? [] : [
          {
            name: 'durable'
            instanceCount: alwaysReadyInstances
          }
        ]
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(storageSettings, serviceBusSettings, appSettings, entraSettings, eventGridSettings)
    }
  }
}

// No publishing passwords: deployments authenticate with Entra ID (az functionapp deploy).
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
