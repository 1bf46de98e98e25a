// One storage account for the Durable task hub (queues and tables), the deployment package, the definitions
// catalogue and the task logs. Shared keys are off: every client authenticates with Entra ID.
param name string
param location string = resourceGroup().location
param tags object = {}
param deploymentContainerName string

@description('Task logs older than this many days are deleted.')
@minValue(1)
param logRetentionDays int = 30

@description('Containers the app reads and writes; the names match Workflow:Storage in the app settings.')
param definitionsContainerName string = 'definitions'
param logsContainerName string = 'logs'

@description('The alerts table (Workflow:Storage:AlertsTable). The webhook queue name is fixed: the app\'s queue trigger names it.')
param alertsTableName string = 'alerts'
var webhookQueueName = 'alert-webhooks'

@description('Replication: zone- and geo-redundant by default (docs/azure-failover.md says how to choose).')
@allowed([
  'Standard_GZRS'
  'Standard_RAGZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_ZRS'
  'Standard_LRS'
])
param redundancy string = 'Standard_GZRS'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: redundancy
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Definitions are versioned by the app; soft delete guards against an accidental purge.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource definitionsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: definitionsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource logsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: logsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Alerts, one entity per alert with its webhook deliveries, and the queue that carries those deliveries.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource alertsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: alertsTableName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource webhookQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: webhookQueueName
}

// Logs expire by themselves: the lifecycle rule deletes log blobs (block and append) that were not written to
// for logRetentionDays. Pipelines with a longer retention keep their own copy elsewhere.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'expire-task-logs'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${logsContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: logRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    logsContainer
  ]
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output definitionsContainerName string = definitionsContainer.name
output logsContainerName string = logsContainer.name
output alertsTableName string = alertsTable.name
output webhookQueueName string = webhookQueue.name
