// Azure Monitor alert rules over the app's OpenTelemetry metrics (exported to Application Insights, where they
// land in customMetrics) and over the task hub's storage queues. Every rule notifies one action group whose
// email and webhook come from parameters. The metric names are those of Workflow.Functions.Hosting.
// OrchestrationMetrics that the Azure app records (PublishActivities); a test checks each query against them.
param namePrefix string
param location string = resourceGroup().location
param tags object = {}
param applicationInsightsName string
param storageAccountName string

@description('Email receiver; empty for none.')
param alertEmail string = ''

@description('Webhook receiver (Teams, Slack or any HTTPS endpoint); empty for none.')
@secure()
param alertWebhookUrl string = ''

@description('More task hub messages than this in the storage account queues means the app cannot keep up.')
param taskHubBacklogThreshold int = 5000

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-workflow-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'workflow'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'workflow-email'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
    webhookReceivers: empty(alertWebhookUrl) ? [] : [
      {
        name: 'workflow-webhook'
        serviceUri: alertWebhookUrl
        useCommonAlertSchema: true
      }
    ]
  }
}

@description('A queue-drain queue deeper than this many messages after a drain raises the backlog alert.')
param queueBacklogThreshold int = 1000

var logAlerts = [
  {
    name: 'run-failures'
    displayName: 'Workflow: pipeline runs failed'
    description: 'At least one pipeline run ended failed in the last 5 minutes.'
    severity: 1
    query: 'customMetrics | where name == "workflow.runs.failed" | project timestamp, failed = valueSum'
    measure: 'failed'
    aggregation: 'Total'
    threshold: 0
    window: 'PT5M'
  }
  {
    name: 'sla-alerts'
    displayName: 'Workflow: SLA or deadline alert raised'
    description: 'The SLA monitor raised a slower-than-normal, may-miss-deadline or deadline-missed alert.'
    severity: 2
    query: 'customMetrics | where name == "workflow.sla.alerts" | project timestamp, alerts = valueSum'
    measure: 'alerts'
    aggregation: 'Total'
    threshold: 0
    window: 'PT5M'
  }
  {
    name: 'queue-backlog'
    displayName: 'Workflow: queue backlog'
    description: 'A queue-drain queue held more than ${queueBacklogThreshold} messages after a drain.'
    severity: 2
    query: 'customMetrics | where name == "workflow.queue.backlog" | project timestamp, depth = valueMax'
    measure: 'depth'
    aggregation: 'Maximum'
    threshold: queueBacklogThreshold
    window: 'PT15M'
  }
]

resource queryRules 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for rule in logAlerts: {
  name: 'sqr-${rule.name}-${namePrefix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: rule.aggregation
          metricMeasureColumn: rule.measure
          operator: 'GreaterThan'
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

// The Durable task hub's own backlog: control and work-item queue messages waiting in storage. QueueMessageCount
// is a capacity metric that storage emits once an hour (time grain PT1H), so the window spans several hours: a
// window of an hour or less can hold no data point at all and then the rule never fires.
resource taskHubBacklog 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'ma-task-hub-backlog-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages are piling up in the Durable task hub queues: the app is not keeping up or is down.'
    severity: 2
    enabled: true
    scopes: [
      queueService.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT6H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'QueueMessageCount'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.Storage/storageAccounts/queueServices'
          metricName: 'QueueMessageCount'
          operator: 'GreaterThan'
          threshold: taskHubBacklogThreshold
          timeAggregation: 'Maximum'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

output actionGroupId string = actionGroup.id
