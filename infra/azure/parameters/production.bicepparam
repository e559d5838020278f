// Production: internal ingress only (requests arrive on the queue), zone-redundant state, Premium Service Bus,
// longer log retention, and AKS rights only in the production cluster groups (a group in another subscription
// adds subscriptionId: '...').
using '../main.bicep'

param environmentName = 'production'
param image = readEnvironmentVariable('CLUSTERFUNCTIONS_IMAGE', 'clusterfunctions:latest')
param registryServer = readEnvironmentVariable('CLUSTERFUNCTIONS_REGISTRY', '')
param targetResourceGroups = [
  { resourceGroup: 'rg-clusters-production-westeurope' }
  { resourceGroup: 'rg-clusters-production-swedencentral' }
]
param ingressExternal = false
param minReplicas = 1
param enableEventGrid = true
param serviceBusSku = 'Premium'
param storageSku = 'Standard_ZRS'
param maxDeliveryCount = 10
param duplicateDetectionWindow = 'PT1H'
param logRetentionDays = 90
param cpu = '1.0'
param memory = '2Gi'
param apiAudience = readEnvironmentVariable('CLUSTERFUNCTIONS_API_AUDIENCE', 'api://clusterfunctions-production')
param limits = {
  requestsPerMinute: 600
  maxConcurrentBuildsPerRequester: 3
  maxConcurrentBuilds: 40
}
