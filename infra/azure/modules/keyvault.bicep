// Key Vault for the one secret the app still needs (the Service Bus SAS connection string); the container app
// reads it through a Key Vault reference with the managed identity, so it never appears as a plain setting.
import { roleIds } from 'roles.bicep'

param name string
param location string
param tags object

@description('Principal ID of the app identity that may read the secrets.')
param readerPrincipalId string

param serviceBusNamespaceName string
param serviceBusRuleName string

@description('Purge protection keeps deleted secrets recoverable; on in production.')
param enablePurgeProtection bool

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusNamespaceName
}

resource appRule 'Microsoft.ServiceBus/namespaces/authorizationRules@2022-10-01-preview' existing = {
  parent: serviceBus
  name: serviceBusRuleName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource serviceBusConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'servicebus-connection'
  properties: {
    value: appRule.listKeys().primaryConnectionString
    contentType: 'Service Bus connection string (Listen, Send)'
  }
}

// Scoped to the one secret, not the vault: the identity can read nothing else stored here.
resource secretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBusConnection.id, readerPrincipalId, roleIds.keyVaultSecretsUser)
  scope: serviceBusConnection
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output vaultName string = vault.name
output serviceBusConnectionSecretUri string = serviceBusConnection.properties.secretUri
output readerAssignmentId string = secretReader.id
