using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflow.Cli.Tests.Support;
using Workflow.Engine.Tests.Support;

namespace Workflow.Cli.Tests.Commands;

/// <summary>
/// What <c>wf</c> sends and shows for commands whose server side is tested in the API: warnings on an apply, the
/// run filter of the alert list. Over real HTTP on loopback, against a server that answers as the API does.
/// </summary>
public sealed class ServerAnswersTests
{
    private const string Warning =
        "$.schedules[0].at: 'at' (2020-01-01T00:00:00Z) has passed, so it will not fire and shows 'expired'. " +
        "Give a future 'at' to run it once more, or remove the schedule; re-applying it unchanged is fine.";

    [Fact]
    public async Task Apply_prints_the_servers_warnings_on_stderr_and_succeeds()
    {
        await using var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/api/pipelines/{id}", () => Results.NotFound());
            app.MapPost("/api/pipelines", (HttpContext http) =>
            {
                http.Response.Headers.ETag = "\"v1\"";
                // Quoted as the API quotes it: a quote in the text is escaped.
                http.Response.Headers.Append("Warning", "299 - \"a \\\"quoted\\\" word\"");
                http.Response.Headers.Append("Warning", $"299 - \"{Warning}\"");
                return Results.Text("{}", "application/json", statusCode: StatusCodes.Status201Created);
            });
        });
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "once.json");
        await File.WriteAllTextAsync(file, """{ "id": "once", "ownerGroup": "g", "tasks": [] }""");

        var result = await new InProcessCli(dir.Path).RunAsync("pipelines", "apply", "-f", file, "--server",
            server.BaseAddress.ToString());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Created pipeline once (version 1).", result.Out, StringComparison.Ordinal);
        Assert.Equal(["Warning: a \"quoted\" word", $"Warning: {Warning}"],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Alerts_list_sends_the_run_filter()
    {
        var queries = new ConcurrentQueue<string>();
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/api/alerts", (HttpContext http) =>
        {
            queries.Enqueue(http.Request.QueryString.Value ?? "");
            return Results.Text("[]", "application/json");
        }));
        using var dir = new TempDirectory();

        var result = await new InProcessCli(dir.Path).RunAsync("alerts", "list", "--run", "p@1/sub#1", "--server",
            server.BaseAddress.ToString());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(["?status=active&run=p%401%2Fsub%231"], queries);
    }

    [Fact]
    public async Task Alerts_list_says_which_alert_superseded_a_cleared_one()
    {
        const string alerts = """
            [ { "id": "r/deadline-at-risk", "kind": "deadline-at-risk", "severity": "warning", "pipelineId": "p",
                "raisedAt": "2026-12-08T01:00:00Z", "clearedAt": "2026-12-08T02:00:00Z", "clearReason": "Deadline passed",
                "supersededBy": "deadline-missed", "message": "at risk" },
              { "id": "r/task-retrying/a", "kind": "task-retrying", "severity": "warning", "pipelineId": "p",
                "raisedAt": "2026-12-08T01:00:00Z", "clearedAt": "2026-12-08T01:05:00Z", "clearReason": "Task a succeeded",
                "supersededBy": null, "message": "retrying" } ]
            """;
        await using var server = await TestHttpServer.StartAsync(app =>
            app.MapGet("/api/alerts", () => Results.Text(alerts, "application/json")));
        using var dir = new TempDirectory();

        var result = await new InProcessCli(dir.Path).RunAsync("alerts", "list", "--status", "all", "--server",
            server.BaseAddress.ToString());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("(superseded by deadline-missed: Deadline passed)  r/deadline-at-risk", result.Out,
            StringComparison.Ordinal);
        Assert.Contains("(cleared: Task a succeeded)  r/task-retrying/a", result.Out, StringComparison.Ordinal);
    }
}
