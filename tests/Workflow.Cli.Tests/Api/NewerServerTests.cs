using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflow.Cli.Tests.Support;
using Workflow.Engine.Tests.Support;

namespace Workflow.Cli.Tests.Api;

/// <summary>
/// The point of carrying states as strings in the contracts: a server newer than this <c>wf</c>, with run and task
/// states it does not know, is still read and shown, over real HTTP on loopback.
/// </summary>
public sealed class NewerServerTests
{
    private const string NewRunState = "awaiting-approval";
    private const string NewTaskState = "approval-wait";
    private const string NewTrigger = "webhook";

    private static readonly string Run = $$"""
        {"runId": "p@manual-1", "pipelineId": "p", "pipelineVersion": 2, "ownerGroup": "g",
         "status": "{{NewRunState}}", "trigger": "{{NewTrigger}}", "logicalTime": "2026-12-06T10:00:00Z",
         "createdAt": "2026-12-06T10:00:00Z", "startedAt": "2026-12-06T10:00:01Z", "aFieldFromTheFuture": 1}
        """;

    private static readonly string Detail = $$"""
        {"run": {{Run}},
         "tasks": [{"taskKey": "gate", "taskId": "gate", "status": "{{NewTaskState}}", "attempts": 1,
                    "startedAt": "2026-12-06T10:00:02Z", "dependsOn": []}],
         "children": []}
        """;

    [Fact]
    public async Task Run_and_task_states_a_newer_server_adds_are_shown_as_the_server_names_them()
    {
        // Arrange: the states are unknown to this client.
        Assert.DoesNotContain(NewRunState, RunStatusNames.All);
        Assert.DoesNotContain(NewTaskState, TaskStatusNames.All);
        Assert.DoesNotContain(NewTrigger, RunTriggerNames.All);
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/api/runs", () => Results.Text($$"""{"items": [{{Run}}]}""", "application/json"));
            app.MapGet("/api/runs/{runId}", () => Results.Text(Detail, "application/json"));
        });
        using var dir = new TempDirectory();
        var cli = new InProcessCli(dir.Path);

        // Act
        var shown = await cli.RunAsync("runs", "show", "p@manual-1", "--server", server.BaseAddress.ToString());
        var listed = await cli.RunAsync("runs", "list", "--server", server.BaseAddress.ToString());

        // Assert
        Assert.True(shown.ExitCode == ExitCodes.Ok, shown.ToString());
        Assert.Contains($"Status    {NewRunState} ({NewTrigger})", shown.Out, StringComparison.Ordinal);
        Assert.Contains(NewTaskState, shown.Out, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == ExitCodes.Ok, listed.ToString());
        Assert.Contains(NewRunState, listed.Out, StringComparison.Ordinal);
    }
}
