using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>
/// Rerun failed in the Azure app: real process tasks append their key to a file when they succeed and fail while a
/// flag file <c>fail-{key}</c> exists, so the file counts what really ran over a run, its rerun and the rerun's rerun.
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

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
