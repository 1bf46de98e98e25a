using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using Workflow.Durable;
using Workflow.Functions.Tests.Support;
using Workflow.Scheduling;

namespace Workflow.Functions.Tests.TaskHub;

/// <summary>
/// The run list of a pipeline is a query by instance id prefix (<c>InstanceIds.PrefixFor(pipelineId + "@")</c>); the
/// Azure Storage backend answers it from the encoded ids.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstanceIdPrefixTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Two = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_pipelines_runs_are_found_by_its_prefix_and_pipelines_whose_ids_share_a_start_are_not()
    {
        // Arrange
        var sales = new[]
        {
            RunIds.ForSchedule("sales", Two), RunIds.ForSchedule("sales", Two.AddHours(1)),
            RunIds.Manual("sales", "20260301T020000123Z-9f86d081"),
        };
        var others = new[] { RunIds.ForSchedule("sales-eu", Two), RunIds.ForSchedule("salesforce", Two) };
        await using var hub = await TaskHubOnAzurite.StartAsync(azurite.ConnectionString);
        await Task.WhenAll(sales.Concat(others).Select(runId => hub.Client.CreateOrchestrationInstanceAsync(
            typeof(EchoOrchestration), InstanceIds.For(runId), runId)));

        // Act
        var found = await hub.Service.GetOrchestrationStateAsync(
            new OrchestrationInstanceStatusQueryCondition { InstanceIdPrefix = InstanceIds.PrefixFor("sales@") }, 100,
            null, CancellationToken.None);

        // Assert
        Assert.Equal(sales.Select(InstanceIds.For).Order(StringComparer.Ordinal),
            found.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_runs_of_a_pipeline_whose_instance_ids_are_cut_and_hashed_are_found_by_its_prefix()
    {
        // Arrange: a 90-character pipeline id makes instance ids over 100 characters, kept as start + hash.
        var pipeline = new string('l', 90);
        var runs = new[] { RunIds.ForSchedule(pipeline, Two), RunIds.Manual(pipeline, "20260301T020000123Z-9f86d081") };
        await using var hub = await TaskHubOnAzurite.StartAsync(azurite.ConnectionString);
        await Task.WhenAll(runs.Select(runId => hub.Client.CreateOrchestrationInstanceAsync(
            typeof(EchoOrchestration), InstanceIds.For(runId), runId)));

        // Act
        var found = await hub.Service.GetOrchestrationStateAsync(
            new OrchestrationInstanceStatusQueryCondition { InstanceIdPrefix = InstanceIds.PrefixFor(pipeline + "@") },
            100, null, CancellationToken.None);

        // Assert
        Assert.All(runs, run => Assert.True(InstanceIds.For(run).Length == InstanceIds.MaxLength));
        Assert.Equal(runs.Select(InstanceIds.For).Order(StringComparer.Ordinal),
            found.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId).Order(StringComparer.Ordinal));
    }
}
