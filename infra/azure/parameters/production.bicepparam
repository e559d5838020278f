// Production: no public HTTP endpoint (requests arrive on the queue), two warm instances, zone-redundant storage,
// Premium Service Bus,
// longer log retention, and AKS rights only in the production cluster groups (a group in another subscription
// adds subscriptionId: '...').
using '../main.bicep'

param environmentName = 'production'
param targetResourceGroups = [
  { resourceGroup: 'rg-clusters-production-westeurope' }
  { resourceGroup: 'rg-clusters-production-swedencentral' }
]
param allowPublicAccess = false
param alwaysReadyInstances = 2
param maximumInstanceCount = 100
param instanceMemoryMB = 4096
param enableEventGrid = true
param serviceBusSku = 'Premium'
param storageSku = 'Standard_ZRS'
param maxDeliveryCount = 10
param duplicateDetectionWindow = 'PT1H'
param logRetentionDays = 90
param apiAudience = readEnvironmentVariable('CLUSTERFUNCTIONS_API_AUDIENCE', 'api://clusterfunctions-production')
param limits = {
  requestsPerMinute: 600
  maxConcurrentBuildsPerRequester: 3
  maxConcurrentBuilds: 40
}
