using Microsoft.Extensions.DependencyInjection;
using Workflow.Durable;
using Workflow.Functions.Activities;
using Workflow.Functions.Alerts;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Alerts;

/// <summary>
/// The Azure app starts a run's monitor by the same rule as the embedded host (<see cref="SlaMonitorStarts"/>),
/// with the same <c>Workflow:Alerts:Monitor</c> settings.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SlaMonitorStartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_resolved_monitor_reads_its_deadline_in_the_first_enabled_zone_with_the_apps_settings()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "sla-start",
            new Dictionary<string, string?> { ["Workflow:Alerts:Monitor:EvaluationInterval"] = "00:17:00" });
        var rule = new DeadlineRule { Time = new TimeOnly(12, 0) };
        await host.UpsertAsync(Pipeline("zoned-sla", Code("load", TestHandlers.Gate)) with
        {
            Schedules =
            [
                new ScheduleDefinition { Cron = "0 1 * * *", TimeZone = "Asia/Tokyo", Enabled = false },
                new ScheduleDefinition { Cron = "0 1 * * *", TimeZone = "America/New_York" },
            ],
            Sla = new SlaPolicy { Deadline = rule },
        });
        var logicalTime = new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);
        var activity = ActivatorUtilities.CreateInstance<ResolveRunActivity>(host.Services);

        // Act
        var resolution = await activity.RunAsync(
            new RunRequest("zoned-sla@1", "zoned-sla", RunTrigger.Schedule, logicalTime), host.Client,
            CancellationToken.None);

        // Assert
        Assert.NotNull(resolution.Monitor);
        Assert.Equal(DeadlineCalculator.Compute(rule, logicalTime, "America/New_York"), resolution.Monitor.Deadline);
        Assert.Equal(TimeSpan.FromMinutes(17), resolution.Monitor.Settings?.EvaluationInterval);
        Assert.Null(resolution.MonitorError);
    }
}
