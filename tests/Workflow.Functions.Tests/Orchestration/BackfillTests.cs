using Microsoft.Extensions.DependencyInjection;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Services;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>Backfills and the overlap rule in the Azure app, on the Durable Task in-process host over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BackfillTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> FastPasses = new() { ["Workflow:Backfill:PollInterval"] = "00:00:01" };

    private static PipelineDefinition Daily(string id) =>
        Pipeline(id, Code("one", TestHandlers.Count)) with
        {
            Schedules = [new ScheduleDefinition { Name = "daily", Cron = "0 2 * * *" }],
            Concurrency = new ConcurrencyPolicy { Overlap = OverlapPolicy.Skip },
        };

    private static async Task<BackfillRecord> FinishedAsync(IBackfillService backfills, string pipelineId, string id)
    {
        BackfillRecord? record = null;
        await Poll.UntilAsync(async () =>
        {
            record = await backfills.GetAsync(pipelineId, id, CancellationToken.None);
            return record?.Progress.Done == true;
        }, "the backfill to finish", seconds: 120);
        return record!;
    }

    [Fact]
    public async Task A_three_day_backfill_starts_three_runs_with_their_logical_times_and_a_repeat_starts_none()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "backfill", FastPasses);
        await host.UpsertAsync(Daily("bfa"));
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DurableClientHolder>().Client = host.Client;
        var backfills = scope.ServiceProvider.GetRequiredService<IBackfillService>();
        var request = new BackfillRequest("bfa", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 3, 23, 59, 0, TimeSpan.Zero), null, 2, "test");

        // Act
        var first = await backfills.StartAsync(request, CancellationToken.None);
        var done = await FinishedAsync(backfills, "bfa", first.BackfillId);
        var again = await backfills.StartAsync(request, CancellationToken.None);
        var repeat = await FinishedAsync(backfills, "bfa", again.BackfillId);

        // Assert
        Assert.Equal((3, 3, 3), (done.Progress.Total, done.Progress.Started, done.Progress.Succeeded));
        Assert.Equal((0, 3), (repeat.Progress.Started, repeat.Progress.Existing));
        for (var day = 1; day <= 3; day++)
        {
            var at = new DateTimeOffset(2026, 3, day, 2, 0, 0, TimeSpan.Zero);
            var run = await host.Workflow.GetRunAsync(global::Workflow.Scheduling.RunIds.ForSchedule("bfa", at), CancellationToken.None);
            Assert.Equal((at, RunTrigger.Backfill, RunStatus.Succeeded), (run!.Run.LogicalTime, run.Run.Trigger, run.Run.Status));
        }
    }

    [Fact]
    public async Task Two_api_triggers_under_skip_start_one_run_and_the_second_is_refused()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "overlapskip");
        await host.UpsertAsync(Pipeline("ovs", Code("hang", TestHandlers.Gate)));
        await host.StartAsync("ovs", "ovs@1");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("ovs@1/hang/1"), "the first run's task to start");

        // Act
        var second = await Assert.ThrowsAsync<ConflictException>(() => host.StartAsync("ovs", "ovs@2"));
        host.Handlers.OpenGate();
        await host.CompletedAsync("ovs@1");

        // Assert
        Assert.Contains("'skip'", second.Message, StringComparison.Ordinal);
        Assert.Null(await host.Workflow.GetRunAsync("ovs@2", CancellationToken.None));
    }
}
