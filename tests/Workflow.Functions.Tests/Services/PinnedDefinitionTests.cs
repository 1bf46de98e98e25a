using Microsoft.Extensions.DependencyInjection;
using Workflow.Building;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Tests.Services;

/// <summary>A run's views are built from the version it was started with, never the pipeline's current one.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PinnedDefinitionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_lists_the_tasks_of_the_version_it_started_with_while_it_goes_on_and_once_it_ended()
    {
        // Arrange: v1 waits at a gate; v2, saved while the run goes on, has other tasks.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "pinnedview");
        await host.UpsertAsync(Pipeline("pv", Code("hold", TestHandlers.Gate), Code("v1-only", TestHandlers.Count,
            null, "hold")));
        await host.StartAsync("pv", "pv@1");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("pv@1/hold/1"), "the run to reach its gate");
        await host.Workflow.UpsertPipelineAsync(Pipeline("pv", Code("v2-a", TestHandlers.Count),
            Code("v2-b", TestHandlers.Count)), 1, "test", CancellationToken.None);

        // Act
        var going = await host.Workflow.GetRunAsync("pv@1", CancellationToken.None);
        host.Handlers.OpenGate();
        var ended = await host.CompletedAsync("pv@1");

        // Assert
        Assert.NotNull(going);
        Assert.Equal(1, going.Run.PipelineVersion);
        Assert.Equal(["hold", "v1-only"], going.Tasks.Select(t => t.TaskKey));
        Assert.Equal(TaskStatus.Pending, going.Tasks.Single(t => t.TaskKey == "v1-only").Status);
        Assert.Equal(["hold", "v1-only"], ended.Tasks.Select(t => t.TaskKey));
        Assert.All(ended.Tasks, t => Assert.Equal(TaskStatus.Succeeded, t.Status));
        Assert.Null(ended.Notices);
    }

    [Fact]
    public async Task A_child_run_reports_the_version_it_resolved_after_its_pipeline_changed()
    {
        // Arrange: a child run's request names no version; it resolves the child pipeline's current one, v1.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "pinnedchild");
        await host.UpsertAsync(Pipeline("pc-child", Code("work", TestHandlers.Count)));
        await host.UpsertAsync(Pipeline("pc-parent", SubPipeline("call", "pc-child")));
        await host.StartAsync("pc-parent", "pc-parent@1");
        await host.CompletedAsync("pc-parent@1");

        // Act
        await host.Workflow.UpsertPipelineAsync(Pipeline("pc-child", Code("other", TestHandlers.Count)), 1, "test",
            CancellationToken.None);
        var child = await host.Workflow.GetRunAsync("pc-parent@1/call#1", CancellationToken.None);

        // Assert
        Assert.NotNull(child);
        Assert.Equal(1, child.Run.PipelineVersion);
        Assert.Equal(["work"], child.Tasks.Select(t => t.TaskKey));
    }

    [Fact]
    public async Task A_run_whose_version_is_gone_says_so_and_does_not_list_the_current_version()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "pinnedgone");
        await host.UpsertAsync(Pipeline("pg", Code("a", TestHandlers.Count)));
        await host.StartAsync("pg", "pg@1");
        await host.CompletedAsync("pg@1");
        await host.Workflow.UpsertPipelineAsync(Pipeline("pg", Code("b", TestHandlers.Count)), 1, "test",
            CancellationToken.None);
        var containers = host.Services.GetRequiredService<BlobContainers>();
        await containers.Definitions.GetBlobClient(BlobNames.Version("pg", 1)).DeleteAsync();

        // Act
        var run = await host.Workflow.GetRunAsync("pg@1", CancellationToken.None);

        // Assert: the attempt that ran is listed; the current version's task is not.
        Assert.NotNull(run);
        Assert.Equal(1, run.Run.PipelineVersion);
        Assert.Equal("team", run.Run.OwnerGroup);
        Assert.Equal(["a"], run.Tasks.Select(t => t.TaskKey));
        var notice = Assert.Single(run.Notices ?? []);
        Assert.Contains("Version 1 of pipeline 'pg'", notice, StringComparison.Ordinal);
        Assert.Contains("no longer stored", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_of_a_generated_version_its_source_moved_on_from_says_so_without_calling_it_unstored()
    {
        // Arrange: the run pins version 1 that the source generates; then the source generates version 2.
        var source = new MovingPipelineSource(Pipeline("gen", Code("a", TestHandlers.Count)) with { Version = 1 });
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "pinnedgen",
            userCode: s => s.AddSingleton<IPipelineSource>(source));
        await host.StartAsync("gen", "gen@1");
        await host.CompletedAsync("gen@1");
        source.Current = Pipeline("gen", Code("b", TestHandlers.Count)) with { Version = 2 };

        // Act
        var run = await host.Workflow.GetRunAsync("gen@1", CancellationToken.None);

        // Assert
        Assert.NotNull(run);
        Assert.Equal(["a"], run.Tasks.Select(t => t.TaskKey));
        var notice = Assert.Single(run.Notices ?? []);
        Assert.Contains("version 1 of pipeline 'gen', which code generates", notice, StringComparison.Ordinal);
        Assert.Contains("now generates version 2", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer stored", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_waiting_delay_of_a_run_with_more_than_fifty_shows_running()
    {
        // Arrange: 60 delays, each waiting an hour, beside a mapped delay over three items.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "manydelays");
        var delays = Enumerable.Range(0, 60).Select(i => Delay($"wait{i:D2}", "1h")).ToList();
        var mapped = Delay("each", "1h", "list") with { Map = new MapSpec { Over = "list" } };
        await host.UpsertAsync(Pipeline("md", [.. delays,
            Shell("list", "echo '[1,2,3]' > \"$WF_OUTPUT_FILE\""), mapped]) with
        {
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 200 },
        });
        await host.StartAsync("md", "md@1");

        // Act
        var run = await Poll.GetAsync(() => host.Workflow.GetRunAsync("md@1", CancellationToken.None).AsTask(),
            r => r?.Tasks.Count(t => t.Status == TaskStatus.Running) == 63, "every delay to wait on its timer",
            describe: r => string.Join(", ", r?.Tasks.Select(t => $"{t.TaskKey}={t.Status}") ?? []));

        // Assert
        Assert.All(run!.Tasks.Where(t => t.TaskId.StartsWith("wait", StringComparison.Ordinal)),
            t => Assert.Equal(TaskStatus.Running, t.Status));
        Assert.Equal(["each[0]", "each[1]", "each[2]"],
            run.Tasks.Where(t => t.TaskId == "each").Select(t => t.TaskKey));
        Assert.Null(run.Notices);
    }
}
