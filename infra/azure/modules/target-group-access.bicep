// The app's rights in one resource group where it builds clusters, deployed once per target group: a custom role
// that can create, read and delete AKS clusters and fetch their user kubeconfig, and nothing else. The built-in
// AKS Contributor role would also allow every other managedClusters action (run commands, credential rotation,
// admin kubeconfigs, maintenance configurations), which the app never calls.
targetScope = 'resourceGroup'

param principalId string

// Role names are unique per tenant, so each group's copy of the role carries the group's name and a hash of its id.
var roleName = 'ClusterFunctions cluster builder (${resourceGroup().name}, ${uniqueString(resourceGroup().id)})'

resource clusterBuilder 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'clusterfunctions-cluster-builder')
  properties: {
    roleName: roleName
    description: 'Create, read and delete AKS managed clusters and list their user credentials in this resource group (ClusterFunctions).'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          // The app checks that the target group exists before it builds there.
          'Microsoft.Resources/subscriptions/resourceGroups/read'
          'Microsoft.ContainerService/managedClusters/read'
          // PUT of the cluster with its agentPoolProfiles: create, and update when a build is repeated.
          'Microsoft.ContainerService/managedClusters/write'
          'Microsoft.ContainerService/managedClusters/delete'
          'Microsoft.ContainerService/managedClusters/agentPools/read'
          // The kubeconfig the app applies manifests with (clusters keep local accounts; see README).
          'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action'
          // Polling the long-running operations a PUT or DELETE returns.
          'Microsoft.ContainerService/locations/operations/read'
          'Microsoft.ContainerService/locations/operationresults/read'
        ]
        notActions: []
      }
    ]
  }
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, clusterBuilder.name)
  properties: {
    // The canonical subscription-level form; naming the role makes this wait for it.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', clusterBuilder.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output roleDefinitionId string = clusterBuilder.id
