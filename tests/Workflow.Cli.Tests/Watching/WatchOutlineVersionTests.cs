using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflow.Cli.Tests.Support;
using Workflow.Engine.Tests.Support;

namespace Workflow.Cli.Tests.Watching;

/// <summary>
/// <c>wf watch</c> draws the tasks of the version the run pinned, not of the pipeline as it is now: a run keeps its
/// version when the pipeline changes under it.
/// </summary>
public sealed class WatchOutlineVersionTests
{
    private const string Detail = """
        {"run": {"runId": "p@manual-1", "pipelineId": "p", "pipelineVersion": 3, "ownerGroup": "g",
                 "status": "succeeded", "trigger": "manual", "logicalTime": "2026-12-06T10:00:00Z",
                 "createdAt": "2026-12-06T10:00:00Z", "startedAt": "2026-12-06T10:00:01Z",
                 "finishedAt": "2026-12-06T10:00:02Z"},
         "tasks": [{"taskKey": "a", "taskId": "a", "status": "succeeded", "attempts": 1,
                    "startedAt": "2026-12-06T10:00:01Z", "finishedAt": "2026-12-06T10:00:02Z", "dependsOn": []}],
         "children": []}
        """;

    private const string Outline =
        """{"pipelineId": "p", "version": 3, "parameters": [], "tasks": [{"id": "a", "dependsOn": []}]}""";

    private static async Task<(CliResult Result, List<string> Queries)> WatchAsync(bool pinnedStored)
    {
        var queries = new ConcurrentQueue<string>();
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/api/runs/{runId}", () => Results.Text(Detail, "application/json"));
            app.MapGet("/api/pipelines/{id}/outline", (HttpContext http) =>
            {
                queries.Enqueue(http.Request.QueryString.Value ?? "");
                return http.Request.Query.ContainsKey("version") && !pinnedStored
                    ? Results.NotFound()
                    : Results.Text(Outline, "application/json");
            });
        });
        using var dir = new TempDirectory();

        var result = await new InProcessCli(dir.Path).RunAsync("watch", "p@manual-1", "--plain", "--server",
            server.BaseAddress.ToString());
        return (result, [.. queries]);
    }

    [Fact]
    public async Task The_outline_is_read_at_the_version_the_run_pinned()
    {
        var (result, queries) = await WatchAsync(pinnedStored: true);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(["?version=3"], queries);
    }

    [Fact]
    public async Task When_the_pinned_version_is_no_longer_stored_the_current_outline_is_read()
    {
        var (result, queries) = await WatchAsync(pinnedStored: false);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(["?version=3", ""], queries);
    }
}
