using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>
/// Rerun failed and rerun from a task in the Azure app: real process tasks append their key to a file when they
/// succeed and fail while a flag file <c>fail-{key}</c> exists, so the file counts what really ran over a run and its
/// reruns.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RerunTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("wf-rerun-").FullName;

    private TaskDefinition Step(string id, string before = "", params string[] dependsOn) => Shell(id,
        $"if [ -e \"{dir}/fail-$WF_TASK_KEY\" ]; then exit 3; fi; {before} echo \"$WF_TASK_KEY\" >> '{dir}/ran'",
        dependsOn);

    [Fact]
    public async Task A_rerun_of_a_rerun_runs_each_successful_task_once_including_map_instances_and_the_child_run()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "rerun");
        await host.UpsertAsync(Pipeline("rr-child", Step("c1")));
        await host.UpsertAsync(Pipeline("rr-main",
            Step("list", "echo '[1,2,3]' > \"$WF_OUTPUT_FILE\";"),
            Step("each", "", "list") with { Map = new MapSpec { Over = "list" } },
            Step("flaky", "", "list"),
            SubPipeline("sub", "rr-child"),
            Step("final", "", "each", "flaky", "sub")));
        File.WriteAllText(Path.Combine(dir, "fail-each[1]"), "");
        File.WriteAllText(Path.Combine(dir, "fail-flaky"), "");
        await host.StartAsync("rr-main", "rr-main@1");
        var first = await host.CompletedAsync("rr-main@1");

        // Act
        File.Delete(Path.Combine(dir, "fail-each[1]"));
        var second = await host.Workflow.RerunFailedAsync("rr-main@1", RerunVersion.Pinned, "test", CancellationToken.None);
        var secondDone = await host.CompletedAsync(second.RunId);
        File.Delete(Path.Combine(dir, "fail-flaky"));
        var third = await host.Workflow.RerunFailedAsync(second.RunId, RerunVersion.Pinned, "test", CancellationToken.None);
        var thirdDone = await host.CompletedAsync(third.RunId);

        // Assert
        Assert.Equal([RunStatus.Failed, RunStatus.Failed, RunStatus.Succeeded],
            [first.Run.Status, secondDone.Run.Status, thirdDone.Run.Status]);
        Assert.Equal(["c1", "each[0]", "each[1]", "each[2]", "final", "flaky", "list"],
            File.ReadAllLines(Path.Combine(dir, "ran")).Order(StringComparer.Ordinal));
        var child = Assert.Single(first.Children ?? []);
        Assert.Equal("rr-main@1/sub#1", child.RunId);
        Assert.Equal("rr-main@1", child.ParentRunId);
        Assert.Empty(thirdDone.Children ?? []);
    }

    /// <summary>list → each (a map over list) → total; sub (a child run of rf-child) → after.</summary>
    private PipelineDefinition Parent(params TaskDefinition[] more) => Pipeline("rf-main", [
        Step("list", "echo '[1,2,3]' > \"$WF_OUTPUT_FILE\";"),
        Step("each", "", "list") with { Map = new MapSpec { Over = "list" } },
        Step("total", "", "each"),
        SubPipeline("sub", "rf-child"),
        Step("after", "", "sub"),
        .. more,
    ]);

    private string[] Ran()
    {
        var file = Path.Combine(dir, "ran");
        var lines = File.ReadAllLines(file).Order(StringComparer.Ordinal).ToArray();
        File.Delete(file);
        return lines;
    }

    [Fact]
    public async Task A_rerun_from_a_task_runs_it_and_its_downstream_again_on_the_pinned_and_the_latest_version()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "rerunfrom");
        await host.UpsertAsync(Pipeline("rf-child", Step("c1")));
        await host.UpsertAsync(Parent());
        await host.StartAsync("rf-main", "rf-main@1");
        var first = await host.CompletedAsync("rf-main@1");
        Ran();

        // Act
        var fromInstance = await host.Workflow.RerunFromTaskAsync("rf-main@1", "each[1]", RerunVersion.Pinned, "test",
            CancellationToken.None);
        var fromInstanceDone = await host.CompletedAsync(fromInstance.RunId);
        var ranFromInstance = Ran();
        await host.Workflow.UpsertPipelineAsync(Parent(Step("notify", "", "after")), 1, "test", CancellationToken.None);
        var fromSub = await host.Workflow.RerunFromTaskAsync(fromInstance.RunId, "sub", RerunVersion.Latest, "test",
            CancellationToken.None);
        var fromSubDone = await host.CompletedAsync(fromSub.RunId);
        var ranFromSub = Ran();
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(async () => await host.Workflow.RerunFromTaskAsync(
            "rf-main@1", "notify", RerunVersion.Pinned, "test", CancellationToken.None));

        // Assert
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded],
            [first.Run.Status, fromInstanceDone.Run.Status, fromSubDone.Run.Status]);
        Assert.Equal(["each[0]", "each[1]", "each[2]", "total"], ranFromInstance);
        Assert.Empty(fromInstanceDone.Children ?? []);
        Assert.Equal(["after", "c1", "notify"], ranFromSub);
        Assert.Equal(2, fromSubDone.Run.PipelineVersion);
        Assert.Equal(fromSub.RunId, Assert.Single(fromSubDone.Children ?? []).ParentRunId);
        Assert.Equal(RerunFrom.Field, Assert.Single(unknown.Errors).Path);
        Assert.Contains("version 1 of pipeline 'rf-main' has no task 'notify'", unknown.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
