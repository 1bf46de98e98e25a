using System.Text.Json.Nodes;
using Workflow.Cli.Tests.Support;

namespace Workflow.Cli.Tests.EndToEnd;

/// <summary>A sub-pipeline's child run, id <c>{parent}/{task}#{attempt}</c>, through every run command of the CLI.</summary>
[Collection(HostCollection.Name)]
public sealed class ChildRunTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [Fact]
    public async Task Show_watch_and_logs_take_a_child_run_id_and_show_names_parent_and_child()
    {
        // Arrange
        await LoginAsync();
        await SucceedsAsync("pipelines", "apply", "-f", PipelineCopy("tiny.json", out var child, json =>
            json["tasks"]![0]!["config"] = JsonNode.Parse("""{ "command": "sh", "args": ["-c", "echo hello from the child"] }""")));
        var parentId = child.Replace("cli-tiny", "cli-parent", StringComparison.Ordinal);
        await SucceedsAsync("pipelines", "apply", "-f", WritePipeline(JsonNode.Parse($$"""
            { "id": "{{parentId}}", "ownerGroup": "data-eng",
              "tasks": [ { "id": "sub", "kind": "sub-pipeline", "config": { "pipelineId": "{{child}}" } } ] }
            """)!.AsObject()));
        var parent = await TriggerAsync(parentId);
        await SucceedsAsync("watch", parent, "--plain");
        var childRun = $"{parent}/sub#1";

        // Act
        var showParent = await SucceedsAsync("runs", "show", parent);
        var showChild = await SucceedsAsync("runs", "show", childRun);
        var watchChild = await Cli.RunAsync("watch", childRun, "--plain");
        var logs = await SucceedsAsync("logs", childRun, "only");

        // Assert
        Assert.Contains($"Child     {childRun} (succeeded)", showParent, StringComparison.Ordinal);
        Assert.Contains($"Parent    {parent}", showChild, StringComparison.Ordinal);
        Assert.True(watchChild.ExitCode == ExitCodes.Ok, watchChild.ToString());
        Assert.Equal("hello from the child\n", logs);
    }
}
