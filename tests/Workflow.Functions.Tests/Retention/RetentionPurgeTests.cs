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
}
