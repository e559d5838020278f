// The function app's container: ingress on the port the image listens on, health probes, settings the app reads,
// secrets only through Key Vault references, and a KEDA Service Bus rule that wakes it for queued requests.
param name string
param location string
param tags object
param environmentId string
param identityId string
param identityClientId string

@description('Image reference, e.g. myregistry.azurecr.io/clusterfunctions:1.0.0.')
param image string

@description('Registry to pull from with the managed identity (needs AcrPull there); empty for a public image.')
param registryServer string

param appInsightsName string
param serviceBusConnectionSecretUri string
param serviceBusNamespaceName string
param requestsQueueName string
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
param storageLinkName string
param ingressExternal bool
param cpu string
param memory string
param minReplicas int

@description('SQLite allows one writer: never more than one replica (see README).')
@minValue(1)
@maxValue(1)
param maxReplicas int

@description('Queued requests per replica before KEDA wakes or adds a replica.')
param messagesPerReplica int

// The port the image listens on: ContainerPort and Kestrel__Endpoints__Http__Url in ClusterFunctions.Functions.csproj.
var port = 8080
var durableMount = '/mnt/durable'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

var settings = [
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  { name: 'LocalCloud__Mode', value: 'external' }
  { name: 'Kestrel__Endpoints__Http__Url', value: 'http://0.0.0.0:${port}' }
  { name: 'ServiceBusConnection', secretRef: 'servicebus-connection' }
  { name: 'ServiceBus__RequestsQueue', value: requestsQueueName }
  { name: 'ServiceBus__EventsTopic', value: eventsTopicName }
  { name: 'Azure__ResourceManagerEndpoint', value: environment().resourceManager }
  { name: 'TASKHUB_NAME', value: taskHubName }
  { name: 'DURABLE_DATABASE_PATH', value: '${durableMount}/${taskHubName}.db' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection' }
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

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      // One revision at a time: a second revision would be a second writer on the SQLite file.
      activeRevisionsMode: 'Single'
      ingress: {
        external: ingressExternal
        targetPort: port
        transport: 'http'
        allowInsecure: false
      }
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: [
        {
          name: 'servicebus-connection'
          keyVaultUrl: serviceBusConnectionSecretUri
          identity: identityId
        }
        {
          name: 'appinsights-connection'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(settings, entraSettings, eventGridSettings)
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health/live'
                port: port
              }
              periodSeconds: 3
              failureThreshold: 20
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: port
              }
              periodSeconds: 15
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: port
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
          volumeMounts: [
            {
              volumeName: 'durable'
              mountPath: durableMount
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'durable'
          storageType: 'AzureFile'
          storageName: storageLinkName
          // nobrl: SMB byte-range locks break SQLite's locking; uid/gid: the image runs as the non-root 'app' user.
          mountOptions: 'nobrl,mfsymlinks,uid=1654,gid=1654,dir_mode=0700,file_mode=0600'
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'cluster-requests'
            custom: {
              type: 'azure-servicebus'
              metadata: {
                namespace: serviceBusNamespaceName
                queueName: requestsQueueName
                messageCount: string(messagesPerReplica)
              }
              identity: identityId
            }
          }
        ]
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
