// Developer: scales to zero when idle, public ingress, cheapest SKUs, one sandbox group for clusters.
using '../main.bicep'

param environmentName = 'developer'
param targetResourceGroups = [
  { resourceGroup: 'rg-clusters-developer' }
]
param allowPublicAccess = true
param alwaysReadyInstances = 0
param maximumInstanceCount = 10
param enableEventGrid = false
param apiAudience = readEnvironmentVariable('CLUSTERFUNCTIONS_API_AUDIENCE', 'api://clusterfunctions-developer')
param limits = {
  requestsPerMinute: 120
  maxConcurrentBuildsPerRequester: 2
  maxConcurrentBuilds: 10
}
