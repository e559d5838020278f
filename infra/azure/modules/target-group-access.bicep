// Rights the app needs in one resource group where it builds clusters: create and read AKS clusters, fetch the
// user kubeconfig, and apply manifests through Azure RBAC for Kubernetes. Deployed once per target group.
import { roleIds } from 'roles.bicep'

targetScope = 'resourceGroup'

param principalId string

var roles = [
  roleIds.aksContributor
  roleIds.aksClusterUser
  roleIds.aksRbacClusterAdmin
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in roles: {
    name: guid(resourceGroup().id, principalId, role)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]
