// Log Analytics and workspace-based Application Insights for the Functions host and the worker's telemetry.
param logAnalyticsName string
param appInsightsName string
param location string
param tags object

@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Ingestion only with Entra tokens: the Functions host sends them when APPLICATIONINSIGHTS_AUTHENTICATION_STRING
    // names the app's identity, which holds Monitoring Metrics Publisher on this component.
    DisableLocalAuth: true
  }
}

output workspaceName string = workspace.name
output appInsightsName string = appInsights.name
