// Durable Functions Monitor (DfMon) in its standalone mode: a function app of its own that runs DfMon's published
// package straight from its public release URL and reads the app's task hub through a managed identity. App Service
// Authentication (Entra ID) stands in front of every request; DfMon itself then checks the app roles.
//
// The plan is Linux Consumption, not Flex Consumption: Flex runs only what is deployed to its blob container, while
// DfMon's standalone mode runs from a package URL (WEBSITE_RUN_FROM_PACKAGE), which Linux Consumption supports
// without an Azure Files share, so no storage key is needed. Windows Consumption would need a keyed file share.
param name string
param planName string
param identityName string
param location string = resourceGroup().location
param tags object = {}
param storageAccountName string
param applicationInsightsName string

@description('The task hub DfMon shows: the same value as the app\'s WORKFLOW_TASK_HUB.')
param taskHubName string

@description('Client id of the Entra ID app registration that signs users in.')
@minLength(1)
param authClientId string

@description('DfMon\'s package, pinned: the NuGet package of its .NET isolated standalone build is a zip it runs from.')
param packageUrl string = 'https://www.nuget.org/api/v2/package/DurableFunctionsMonitor.DotNetIsolated/6.7.3'

@description('App roles that may change instances (terminate, purge, raise events). Comma-separated.')
param fullAccessAppRoles string = 'admin'

@description('App roles that may only look. Comma-separated.')
param readOnlyAppRoles string = 'viewer,operator,editor'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// The Functions host keeps its locks and keys in blobs; DfMon reads the hub's tables (instances, history) and large
// messages (blobs), and its Durable client sends control messages (terminate, raise event) through the hub's queues.
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Its own identity: a third-party package does not run with the workflow app's identity.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(account.id, identity.id, role)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'Y1'
    tier: 'Dynamic'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      // DfMon 6.x is built for .NET 8 (isolated worker).
      linuxFxVersion: 'DOTNET-ISOLATED|8.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: packageUrl }
        // Identity-based storage: DfMon reads AzureWebJobsStorage__* (credential, clientId and service URIs) for
        // its own table and blob clients, as the Functions host does.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: account.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: account.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: account.properties.primaryEndpoints.table }
        // Only this hub: without DFM_HUB_NAME DfMon would list every task hub in the account.
        { name: 'DFM_HUB_NAME', value: taskHubName }
        { name: 'DFM_ALLOWED_FULL_ACCESS_APP_ROLES', value: fullAccessAppRoles }
        { name: 'DFM_ALLOWED_READ_ONLY_APP_ROLES', value: readOnlyAppRoles }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
      ]
    }
  }
  // The host starts against storage at once: the roles must exist first.
  dependsOn: [
    storageRoleAssignments
  ]
}

// Sign-in through Entra ID: a browser without a session is sent to the login page (DfMon's UI relies on the
// server-directed flow), and nothing reaches DfMon unauthenticated.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
output principalId string = identity.properties.principalId
