// Developer: scales to zero when idle, public ingress, cheapest SKUs, one sandbox group for clusters.
using '../main.bicep'

param environmentName = 'developer'
param image = readEnvironmentVariable('CLUSTERFUNCTIONS_IMAGE', 'clusterfunctions:latest')
param registryServer = readEnvironmentVariable('CLUSTERFUNCTIONS_REGISTRY', '')
param targetResourceGroups = [
  { resourceGroup: 'rg-clusters-developer' }
]
param ingressExternal = true
param minReplicas = 0
param enableEventGrid = false
param apiAudience = readEnvironmentVariable('CLUSTERFUNCTIONS_API_AUDIENCE', 'api://clusterfunctions-developer')
param limits = {
  requestsPerMinute: 120
  maxConcurrentBuildsPerRequester: 2
  maxConcurrentBuilds: 10
}
