// The vault of the groups' secrets: Azure RBAC authorization (no access policies), soft delete with purge
// protection, and the Key Vault Secrets Officer role for the app's managed identity, which sets, reads, lists and
// deletes secrets through the API and reads them when an attempt starts. Secret names are 'wf-' and a hash of the
// group and name; the group and name travel in tags (see src/Workflow.Functions/Secrets/KeyVaultSecretNames.cs).
param name string
param location string = resourceGroup().location
param tags object = {}
param appPrincipalId string

var secretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
  }
}

resource appSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, secretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
