using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// <c>statusQueryGetUri</c> in the Durable Functions style, against a real run that waits until the test releases it:
/// 202 with <c>Location</c> (itself) and <c>Retry-After</c> while the run is active, 200 with the outcome at the end.
/// </summary>
public sealed class StatusQueryEndpointsTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    /// <summary>A pipeline whose one task runs until the file <paramref name="marker"/> exists.</summary>
    public static string WaitsFor(string id, string marker) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "data-eng",
          "tasks": [ { "id": "wait", "kind": "process",
            "config": { "command": "sh", "args": ["-c", "while [ ! -f '{{marker}}' ]; do sleep 0.1; done; echo released"] } } ]
        }
        """;

    /// <summary>An editor, and the 202 answer to a run of a new pipeline that waits for <paramref name="marker"/>.</summary>
    private async Task<(ApiClient Erin, HttpResponseMessage Started)> StartWaitingRunAsync(string id, string marker)
    {
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        var created = await erin.PostAsync("/api/pipelines", WaitsFor(id, marker));
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, created);
        var started = await erin.PostAsync($"/api/pipelines/{id}/runs");
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, started);
        return (erin, started);
    }

    [Fact]
    public async Task The_status_uri_answers_202_with_location_and_retry_after_while_the_run_is_active_then_200()
    {
        // Arrange
        var marker = Path.Combine(factory.DataDirectory, "sp-release");
        var (erin, started) = await StartWaitingRunAsync("sp-wait", marker);
        var statusUri = new Uri((await ApiClient.JsonAsync(started)).GetProperty("statusQueryGetUri").GetString()!);

        // Act
        var active = await erin.Http.GetAsync(statusUri);
        var activeBody = await ApiClient.JsonAsync(active);
        await File.WriteAllTextAsync(marker, "go");
        HttpResponseMessage ended = null!;
        await Poll.UntilAsync(async () =>
        {
            ended = await erin.Http.GetAsync(statusUri);
            return ended.StatusCode != HttpStatusCode.Accepted;
        }, "the status URI to stop answering 202");

        // Assert
        Assert.Equal(statusUri.AbsolutePath, started.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Accepted, active.StatusCode);
        Assert.Equal(statusUri, active.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(2), active.Headers.RetryAfter!.Delta);
        Assert.Contains(activeBody.GetProperty("run").GetProperty("status").GetString(), new[] { "queued", "running" });
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, ended);
        Assert.Null(ended.Headers.Location);
        Assert.Null(ended.Headers.RetryAfter);
        var outcome = await ApiClient.JsonAsync(ended);
        Assert.Equal("succeeded", outcome.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("succeeded", outcome.GetProperty("tasks")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_run_resource_keeps_answering_200_while_the_run_is_active()
    {
        var marker = Path.Combine(factory.DataDirectory, "sp-release-2");
        var (erin, started) = await StartWaitingRunAsync("sp-wait2", marker);
        var runId = (await ApiClient.JsonAsync(started)).GetProperty("runId").GetString()!;

        var run = await erin.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}");
        var status = await erin.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}/status");
        await File.WriteAllTextAsync(marker, "go");
        await erin.WaitForRunAsync(runId);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
    }

    [Fact]
    public async Task A_backfills_status_uri_answers_200_once_its_runs_have_ended()
    {
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.PostAsync("/api/pipelines", """
            { "id": "sp-daily", "ownerGroup": "data-eng",
              "schedules": [{ "name": "daily", "kind": "cron", "cron": "0 2 * * *" }],
              "tasks": [ { "id": "t", "kind": "process", "config": { "command": "true" } } ] }
            """));

        var started = await erin.PostAsync("/api/pipelines/sp-daily/backfills",
            """{ "from": "2026-03-01T00:00:00Z", "to": "2026-03-02T23:00:00Z" }""");
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, started);
        var statusUri = new Uri((await ApiClient.JsonAsync(started)).GetProperty("statusQueryGetUri").GetString()!);
        HttpResponseMessage ended = null!;
        await Poll.UntilAsync(async () =>
        {
            ended = await erin.Http.GetAsync(statusUri);
            Assert.True(ended.StatusCode == HttpStatusCode.OK || ended.Headers.Location == statusUri,
                $"a {(int)ended.StatusCode} without Location to itself");
            return ended.StatusCode != HttpStatusCode.Accepted;
        }, "the backfill's status URI to stop answering 202");

        Assert.Equal(statusUri.AbsolutePath, started.Headers.Location!.OriginalString);
        Assert.NotNull(started.Headers.RetryAfter);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, ended);
        var progress = (await ApiClient.JsonAsync(ended)).GetProperty("progress");
        Assert.Equal((2, 0, 0), (progress.GetProperty("succeeded").GetInt32(), progress.GetProperty("waiting").GetInt32(),
            progress.GetProperty("running").GetInt32()));
    }
}
