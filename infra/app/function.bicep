// The Flex Consumption plan and the function app. Storage is reached through the user-assigned identity
// (AzureWebJobsStorage__credential = managedidentity); App Service Authentication validates Entra ID tokens
// before any HTTP trigger runs, and hands the caller to the app in the X-MS-CLIENT-PRINCIPAL header.
param name string
param planName string
param location string = resourceGroup().location
param tags object = {}
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param definitionsContainerName string
param logsContainerName string
param alertsTableName string
param applicationInsightsName string
@description('The vault of the groups\' secrets (Workflow__Secrets__VaultUri).')
param keyVaultUri string
param taskHubName string

@description('Client id of the Entra ID app registration. Authentication is always on: the app trusts the caller header only when the platform has validated the caller.')
@minLength(1)
param authClientId string
param maximumInstanceCount int = 840
param instanceMemoryMB int = 2048

@description('The newest .NET the Flex Consumption plan runs for isolated-worker apps; it matches the project TargetFramework.')
param dotnetVersion string = '10.0'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host storage and the Durable task hub, through the managed identity.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: account.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: account.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: account.properties.primaryEndpoints.table }
        { name: 'WORKFLOW_TASK_HUB', value: taskHubName }
        // The schedule tick (NCRONTAB with seconds): every 5 seconds. A run's start lag is the wait for a tick (up to
        // this interval), the tick itself, and at least four queue hops of up to maxQueuePollingInterval (2 s in
        // host.json) when idle; 5 + 8 s leaves 17 s of the 30 s start goal for the tick (docs/capacity.md, settings).
        { name: 'WORKFLOW_TICK_SCHEDULE', value: '*/5 * * * * *' }
        { name: 'WORKFLOW_PURGE_SCHEDULE', value: '0 0 * * * *' }
        // The queue backlog check: every minute.
        { name: 'WORKFLOW_BACKLOG_SCHEDULE', value: '0 */1 * * * *' }
        // Runs purged per hourly pass: the users start about 11,800 runs a day, which 500 a pass (12,000 a day) only
        // just matched; 2,000 gives four times that (docs/capacity.md, history after a year).
        { name: 'Workflow__Retention__MaxRunsPerPass', value: '2000' }
        // The app's own blob containers (definitions catalogue, logs), same identity.
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'Workflow__Storage__BlobServiceUri', value: account.properties.primaryEndpoints.blob }
        // queue-drain tasks' Storage queues (and their dead-letter queues) and the webhook queue, same identity.
        { name: 'Workflow__Storage__QueueServiceUri', value: account.properties.primaryEndpoints.queue }
        { name: 'Workflow__Storage__ManagedIdentityClientId', value: identityClientId }
        { name: 'Workflow__Storage__DefinitionsContainer', value: definitionsContainerName }
        { name: 'Workflow__Storage__LogsContainer', value: logsContainerName }
        { name: 'Workflow__Storage__TableServiceUri', value: account.properties.primaryEndpoints.table }
        { name: 'Workflow__Storage__AlertsTable', value: alertsTableName }
        { name: 'Workflow__Secrets__VaultUri', value: keyVaultUri }
        // Telemetry: the Azure Monitor exporter, authenticated with Entra ID (local auth is off).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
      ]
    }
  }
}

// App Service Authentication: every request needs an Entra ID token for this app, except the paths below. It is
// never off: without it anyone could send X-MS-CLIENT-PRINCIPAL themselves, so the app (EasyAuthHandler) trusts
// that header only when the platform reports authentication on (WEBSITE_AUTH_ENABLED).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      // The health probe, the OpenAPI document (anonymous in the embedded host too) and the dashboard's static files
      // (they hold no data; the page signs in through /.auth/login/aad and every API call it makes is authenticated).
      excludedPaths: [
        '/api/health'
        '/api/openapi/v1.json'
        '/api/dashboard'
        '/api/dashboard/*'
      ]
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

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
