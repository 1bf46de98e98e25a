// Workflow on Azure: a Flex Consumption function app running the Durable Functions shell, its storage (task hub,
// definitions catalogue, logs) reached only through a managed identity, Application Insights on Log Analytics,
// Azure Monitor alert rules that page through one action group and, optionally, Durable Functions Monitor as an
// app of its own.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds a short unique token used in every resource name.')
param environmentName string

@minLength(1)
@description('Primary location for all resources. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user running azd, granted data access to storage for local debugging. Optional.')
param principalId string = ''

@description('What principalId is: a user signed in to azd, or the service principal a pipeline runs azd as.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Email address that alert rules notify. Leave empty for none.')
param alertEmail string = ''

@description('Webhook (Teams, Slack or any HTTPS endpoint) that alert rules notify. Leave empty for none.')
@secure()
param alertWebhookUrl string = ''

@description('Client id of the Entra ID app registration that App Service Authentication validates tokens for (see docs/azure.md, Sign-in). Required: the app trusts the caller header only behind it.')
@minLength(1)
param authClientId string

@description('Replication of the storage account that holds the task hub, the definitions and the logs (docs/azure-failover.md). GZRS needs a region with availability zones and a paired region.')
@allowed([
  'Standard_GZRS'
  'Standard_RAGZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_ZRS'
  'Standard_LRS'
])
param storageRedundancy string = 'Standard_GZRS'

@description('Deploy Durable Functions Monitor as an app of its own, behind the same Entra ID sign-in.')
param deployDfMon bool = false

@description('Days after which task logs in the logs container are deleted by the lifecycle rule.')
param logRetentionDays string = '30'

// From docs/capacity.md: at Monday 00:00 the users' 1,050 runs put up to 13,428 tasks in flight at once, and the
// simulator (bench/Workflow.Bench -- capacity) misses the 30 s start goal with any fewer workers; at 16 activity
// slots an instance (host.json) that is 840 instances, under the plan's 1,000. Meeting the deadlines alone needs
// about a quarter of that (216). A deployment whose long tasks run elsewhere (async http tasks) needs far fewer.
@description('Largest number of instances the Flex Consumption plan scales out to (docs/capacity.md).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 840

@description('Memory of each instance; 2048 or 4096 MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Durable task hub name; one hub per environment keeps environments from sharing queues.')
param taskHubName string = 'Workflow'

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}workflow-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity './app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}workflow-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage './app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    logRetentionDays: int(logRetentionDays)
    redundancy: storageRedundancy
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module keyVault './app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${take(resourceToken, 20)}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
  }
}

module functionApp './app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    definitionsContainerName: storage.outputs.definitionsContainerName
    logsContainerName: storage.outputs.logsContainerName
    alertsTableName: storage.outputs.alertsTableName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultUri: keyVault.outputs.uri
    taskHubName: taskHubName
    authClientId: authClientId
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The app starts polling the task hub at once: the roles must exist first.
  dependsOn: [
    rbac
  ]
}

module dfmon './app/dfmon.bicep' = if (deployDfMon) {
  name: 'dfmon'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}dfmon-${resourceToken}'
    planName: '${abbrs.webServerFarms}dfmon-${resourceToken}'
    identityName: '${abbrs.managedIdentityUserAssignedIdentities}dfmon-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    taskHubName: taskHubName
    authClientId: authClientId
  }
}

module alerts './app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: resourceToken
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    storageAccountName: storage.outputs.name
    alertEmail: alertEmail
    alertWebhookUrl: alertWebhookUrl
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output DFMON_URL string = deployDfMon ? dfmon!.outputs.uri : ''
