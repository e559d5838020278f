// Testing: like production in shape (Event Grid on, always one replica so durable timers fire), cheaper SKUs.
using '../main.bicep'

param environmentName = 'testing'
param image = readEnvironmentVariable('CLUSTERFUNCTIONS_IMAGE', 'clusterfunctions:latest')
param registryServer = readEnvironmentVariable('CLUSTERFUNCTIONS_REGISTRY', '')
param targetResourceGroups = [
  { resourceGroup: 'rg-clusters-testing' }
]
param ingressExternal = true
param minReplicas = 1
param enableEventGrid = true
param maxDeliveryCount = 5
param apiAudience = readEnvironmentVariable('CLUSTERFUNCTIONS_API_AUDIENCE', 'api://clusterfunctions-testing')
