// Testing: like production in shape (Event Grid on, one warm instance so builds start without a cold start), cheaper SKUs.
using '../main.bicep'

param environmentName = 'testing'
param targetResourceGroups = [
  { resourceGroup: 'rg-clusters-testing' }
]
param allowPublicAccess = true
param alwaysReadyInstances = 1
param maximumInstanceCount = 20
param enableEventGrid = true
param maxDeliveryCount = 5
param apiAudience = readEnvironmentVariable('CLUSTERFUNCTIONS_API_AUDIENCE', 'api://clusterfunctions-testing')
