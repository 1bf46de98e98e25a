using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Durable;
using Workflow.Functions.Retention;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Retention;

[Collection(AzuriteCollection.Name)]
public sealed class RetentionPurgeTests(AzuriteFixture azurite)
{
    private static readonly RetentionPolicy OneHour = new() { Runs = TimeSpan.FromHours(1) };

    [Fact]
    public async Task Purge_removes_finished_runs_past_retention_with_their_blobs_keeps_an_active_run_and_stops_at_the_bound()
    {
        // Arrange: three finished runs, then (version 2) a run blocked on a gate, all of one pipeline.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "retention",
            new Dictionary<string, string?> { ["Workflow:Retention:MaxRunsPerPass"] = "2" });
        await host.UpsertAsync(Pipeline("ret", Code("a", TestHandlers.Count)) with { Retention = OneHour });
        string[] finished = ["ret@1", "ret@2", "ret@3"];
        foreach (var runId in finished)
        {
            await host.StartAsync("ret", runId);
            await host.CompletedAsync(runId);
        }

        await host.Workflow.UpsertPipelineAsync(Pipeline("ret", Code("hang", TestHandlers.Gate)) with { Retention = OneHour },
            1, "test", CancellationToken.None);
        await host.StartAsync("ret", "ret@4");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("ret@4/hang/1"), "the active run to start");
        var attempts = host.Services.GetRequiredService<AttemptStore>();
        foreach (var runId in finished)
        {
            Assert.NotEmpty(await attempts.ListAsync(runId, null, CancellationToken.None));
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        var purger = ActivatorUtilities.CreateInstance<RunRetentionPurger>(host.Services, clock);

        // Act
        var first = await purger.PurgeAsync(host.Client, CancellationToken.None);
        var second = await purger.PurgeAsync(host.Client, CancellationToken.None);
        var third = await purger.PurgeAsync(host.Client, CancellationToken.None);

        // Assert
        Assert.Equal([2, 1, 0], new[] { first, second, third });
        foreach (var runId in finished)
        {
            Assert.Null(await host.Client.GetInstanceAsync(InstanceIds.For(runId)));
            Assert.Empty(await attempts.ListAsync(runId, null, CancellationToken.None));
        }

        var active = await host.Client.GetInstanceAsync(InstanceIds.For("ret@4"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, active?.RuntimeStatus);
        Assert.NotEmpty(await attempts.ListAsync("ret@4", null, CancellationToken.None));
    }

    [Fact]
    public async Task Purge_removes_the_runs_of_a_deleted_pipeline_by_its_last_versions_retention()
    {
        // Arrange: a finished run of a pipeline deleted since, and one of a pipeline still there.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "retention-deleted");
        foreach (var id in new[] { "dropped", "stays" })
        {
            await host.UpsertAsync(Pipeline(id, Code("a", TestHandlers.Count)) with { Retention = OneHour });
            await host.StartAsync(id, id + "@1");
            await host.CompletedAsync(id + "@1");
        }

        Assert.True(await host.Workflow.DeletePipelineAsync("dropped", null, "test", CancellationToken.None));
        var attempts = host.Services.GetRequiredService<AttemptStore>();
        var young = ActivatorUtilities.CreateInstance<RunRetentionPurger>(host.Services,
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(30)));
        var old = ActivatorUtilities.CreateInstance<RunRetentionPurger>(host.Services,
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2)));

        // Act
        var withinRetention = await young.PurgeAsync(host.Client, CancellationToken.None);
        var pastRetention = await old.PurgeAsync(host.Client, CancellationToken.None);

        // Assert
        Assert.Equal([0, 2], new[] { withinRetention, pastRetention });
        foreach (var runId in new[] { "dropped@1", "stays@1" })
        {
            Assert.Null(await host.Client.GetInstanceAsync(InstanceIds.For(runId)));
            Assert.Empty(await attempts.ListAsync(runId, null, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Purge_keeps_a_finished_run_still_within_its_retention()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "retention-keep");
        await host.UpsertAsync(Pipeline("young", Code("a", TestHandlers.Count)) with { Retention = OneHour });
        await host.StartAsync("young", "young@1");
        await host.CompletedAsync("young@1");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(30));
        var purger = ActivatorUtilities.CreateInstance<RunRetentionPurger>(host.Services, clock);

        // Act
        var removed = await purger.PurgeAsync(host.Client, CancellationToken.None);

        // Assert
        Assert.Equal(0, removed);
        Assert.NotNull(await host.Client.GetInstanceAsync(InstanceIds.For("young@1")));
    }
    [Fact]
    public async Task A_deleted_pipelines_duration_samples_go_with_it_and_those_a_run_records_later_with_retention()
    {
        // Arrange: two pipelines whose runs recorded the samples their estimates read.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "retention-durations");
        var durations = host.Services.GetRequiredService<BlobDurationHistory>();
        foreach (var id in new[] { "gone", "kept" })
        {
            await host.UpsertAsync(Pipeline(id, Code("a", TestHandlers.Count)));
            await host.StartAsync(id, id + "@1");
            await host.CompletedAsync(id + "@1");
            Assert.Single((await durations.RecentAsync(id, CancellationToken.None))["a"]);
        }

        var purger = ActivatorUtilities.CreateInstance<RunRetentionPurger>(host.Services);

        // Act
        Assert.True(await host.Workflow.DeletePipelineAsync("gone", null, "test", CancellationToken.None));
        var afterDelete = await durations.RecentAsync("gone", CancellationToken.None);
        // A run still going at the delete records its attempt's duration when the attempt ends.
        await durations.RecordAsync("gone", "b", TimeSpan.FromSeconds(3), CancellationToken.None);
        var pipelinesBeforePurge = await durations.PipelinesAsync(CancellationToken.None);
        await purger.PurgeAsync(host.Client, CancellationToken.None);

        // Assert
        Assert.Empty(afterDelete);
        Assert.Equal(["gone", "kept"], pipelinesBeforePurge.Order(StringComparer.Ordinal));
        Assert.Equal(["kept"], await durations.PipelinesAsync(CancellationToken.None));
        Assert.Empty(await durations.RecentAsync("gone", CancellationToken.None));
        Assert.Single((await durations.RecentAsync("kept", CancellationToken.None))["a"]);
    }
}
