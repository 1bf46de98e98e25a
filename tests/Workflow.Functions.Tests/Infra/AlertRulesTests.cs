using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Functions.Alerts;
using Workflow.Functions.Hosting;
using Workflow.Functions.Tests.Alerts;
using Workflow.Functions.Tests.Support;
using Workflow.Queues;
using Workflow.Sla;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// The alert rules in <c>infra/app/alerts.bicep</c> can fire: each log query reads a metric that the Azure app
/// records, each platform metric alert looks at a window long enough to hold one of the metric's data points, and
/// every rule notifies the action group.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class AlertRulesTests(AzuriteFixture azurite)
{
    /// <summary>
    /// The time grain of each platform metric an alert may use (Azure Monitor's supported-metrics reference).
    /// Storage capacity metrics such as QueueMessageCount are emitted once an hour.
    /// </summary>
    private static readonly Dictionary<(string Namespace, string Metric), TimeSpan> PlatformMetricGrains = new()
    {
        [("Microsoft.Storage/storageAccounts/queueServices", "QueueMessageCount")] = TimeSpan.FromHours(1),
    };

    [Fact]
    public async Task Every_log_alert_queries_a_metric_that_the_Azure_app_records()
    {
        // Arrange
        var recorded = await MetricsTheAzureAppRecordsAsync();
        var rules = await CompiledTemplate.ResourcesAsync("Microsoft.Insights/scheduledQueryRules");

        // Act
        var queries = (await CompiledTemplate.StringsAsync()).Where(s => KustoQuery().IsMatch(s)).ToList();

        // Assert
        Assert.NotEmpty(rules);
        Assert.NotEmpty(queries);
        Assert.All(queries, query =>
        {
            var table = KustoQuery().Match(query).Groups[1].Value;
            Assert.True(table == "customMetrics", $"No check knows what the app writes to '{table}': {query}");
            var metric = MetricName().Match(query);
            Assert.True(metric.Success, $"The query names no metric: {query}");
            Assert.True(recorded.Contains(metric.Groups[1].Value),
                $"The Azure app never records '{metric.Groups[1].Value}' (it records {string.Join(", ", recorded)}).");
        });
    }

    [Fact]
    public async Task Every_metric_alert_reads_a_known_platform_metric_over_a_window_longer_than_its_grain()
    {
        // Arrange
        var alerts = await CompiledTemplate.ResourcesAsync("Microsoft.Insights/metricAlerts");

        // Assert
        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert =>
        {
            var window = XmlConvert.ToTimeSpan(alert.Properties.GetProperty("windowSize").GetString()!);
            foreach (var criterion in alert.Properties.GetProperty("criteria").GetProperty("allOf").EnumerateArray())
            {
                var key = (criterion.GetProperty("metricNamespace").GetString()!,
                    criterion.GetProperty("metricName").GetString()!);
                Assert.True(PlatformMetricGrains.TryGetValue(key, out var grain),
                    $"{key} has no known time grain: add it from the supported-metrics reference.");
                Assert.True(window > grain,
                    $"{key.Item2} arrives every {grain}; a {window} window can hold no data point and never fire.");
            }
        });
    }

    [Fact]
    public async Task Every_alert_rule_notifies_the_action_group()
    {
        // Arrange
        var logAlerts = await CompiledTemplate.ResourcesAsync("Microsoft.Insights/scheduledQueryRules");
        var metricAlerts = await CompiledTemplate.ResourcesAsync("Microsoft.Insights/metricAlerts");

        // Assert
        Assert.All(logAlerts, a => Assert.NotEmpty(
            a.Properties.GetProperty("actions").GetProperty("actionGroups").EnumerateArray()));
        Assert.All(metricAlerts, a => Assert.NotEmpty(a.Properties.GetProperty("actions").EnumerateArray()));
    }

    /// <summary>
    /// The instruments the Azure app records to: its publish activities, the only place it records metrics, run
    /// with every kind of notification and with a raised and a cleared alert.
    /// </summary>
    private async Task<HashSet<string>> MetricsTheAzureAppRecordsAsync()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => recorded.Add(instrument.Name));
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => recorded.Add(instrument.Name));
        listener.Start();

        using var metrics = new OrchestrationMetrics(factory);
        var activities = (await AlertTestBed.CreateAsync(azurite, metrics: metrics)).Activities;
        var at = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            await activities.NotifyAsync(new NotificationInput("sales@1", "sales", "data-eng",
                new Notify(kind, at, kind.ToString())), null, CancellationToken.None);
        }

        await activities.PublishAsync(new AlertInput(new Alert("a1", AlertKind.DeadlineAtRisk, AlertSeverity.Warning,
            "sales", "data-eng", "sales@1", null, "May miss its deadline.", at)), null, CancellationToken.None);
        await activities.PublishAsync(new AlertInput(ClearedId: "a1", ClearedAt: at, Reason: "back on track"),
            null, CancellationToken.None);

        // What the queue-drain handler records after each drain in the Azure app, where OrchestrationMetrics is
        // registered (Queues/StorageWorkQueueTests drain real Storage queues).
        metrics.RecordQueueBacklog(new QueueStatus(QueueAddress.Create("data-eng", "orders"), 12,
            TimeSpan.FromMinutes(3), 0));
        return recorded;
    }

    [GeneratedRegex(@"^\s*([A-Za-z_]\w*)\s*\|")]
    private static partial Regex KustoQuery();

    [GeneratedRegex(@"\bname\s*==\s*""([^""]+)""")]
    private static partial Regex MetricName();
}
