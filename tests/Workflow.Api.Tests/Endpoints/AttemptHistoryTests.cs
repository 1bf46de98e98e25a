using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Engine.Retention;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// What an attempt's history shows over real HTTP on loopback: the priority and timeout it was dispatched with, and
/// a log that retention removed answering 410 rather than reading as empty.
/// </summary>
public sealed class AttemptHistoryTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private const string Pipeline = """
        { "id": "ah-p1", "ownerGroup": "data-eng",
          "retention": { "runs": "2h", "logs": "1h" },
          "tasks": [ { "id": "say", "kind": "process", "priority": 7, "timeout": "5m",
                       "config": { "command": "sh", "args": ["-c", "echo kept-for-an-hour"] } } ] }
        """;

    [Fact]
    public async Task An_attempt_shows_its_priority_and_timeout_and_its_log_past_retention_answers_410()
    {
        // Arrange: a finished run whose end is put 90 minutes back in the store, past the 1h of retention.logs.
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        Assert.Equal(HttpStatusCode.Created, (await erin.PostAsync("/api/pipelines", Pipeline)).StatusCode);
        var started = await erin.PostAsync("/api/pipelines/ah-p1/runs");
        var runId = (await ApiClient.JsonAsync(started)).GetProperty("runId").GetString()!;
        await erin.WaitForRunAsync(runId);
        var log = $"/api/runs/{Uri.EscapeDataString(runId)}/tasks/say/attempts/1/log";
        var before = await ApiClient.JsonAsync(await erin.GetAsync(log));
        var finishedAt = DateTimeOffset.UtcNow.AddMinutes(-90);
        await SqliteFile.ExecuteAsync(Path.Combine(factory.DataDirectory, "workflow.db"),
            $"UPDATE runs SET finished_at = {finishedAt.ToUnixTimeMilliseconds()} WHERE run_id = '{runId}';");

        // Act
        await factory.Services.GetRequiredService<RetentionPurger>().PurgeAsync(CancellationToken.None);
        var attempts = await ApiClient.JsonAsync(
            await erin.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}/tasks/say/attempts"));
        var gone = await erin.GetAsync(log);

        // Assert
        Assert.Contains("kept-for-an-hour", before.GetProperty("text").GetString(), StringComparison.Ordinal);
        var attempt = Assert.Single(attempts.EnumerateArray());
        Assert.Equal(7, attempt.GetProperty("priority").GetInt32());
        Assert.Equal(300, attempt.GetProperty("timeoutSeconds").GetDouble());
        Assert.True(attempt.GetProperty("logBytes").GetInt64() > 0);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Gone, gone);
        var detail = (await ApiClient.JsonAsync(gone)).GetProperty("detail").GetString()!;
        Assert.Contains($"attempt 1 of task 'say' in run '{runId}'", detail, StringComparison.Ordinal);
        Assert.Contains("retention.logs of 1h", detail, StringComparison.Ordinal);
        Assert.Contains($"expired at {finishedAt.AddHours(1):yyyy-MM-dd'T'HH:mm}", detail, StringComparison.Ordinal);
    }
}
