using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Tests.Shared;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>One host for the class; each test works on pipeline ids of its own.</summary>
public sealed class RunEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory;

    private async Task<ApiClient> OperatorWithPipelineAsync(string json)
    {
        var editor = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);
        var created = await editor.PostAsync("/api/pipelines", json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await ApiClient.LoginAsync(_factory, "olga", ["data-eng"], ["operator"]);
    }

    private static async Task<string> TriggerAsync(ApiClient client, string pipeline, string? body = null)
    {
        var response = await client.PostAsync($"/api/pipelines/{pipeline}/runs", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task A_trigger_answers_202_in_the_durable_functions_style_and_the_run_succeeds()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Echo("re1-p1", "data-eng"));

        var response = await olga.PostAsync("/api/pipelines/re1-p1/runs", "{\"parameters\": {}}");

        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, response);
        var body = await ApiClient.JsonAsync(response);
        var runId = body.GetProperty("runId").GetString()!;
        Assert.StartsWith("re1-p1@manual-", runId, StringComparison.Ordinal);
        Assert.Equal(runId, body.GetProperty("id").GetString());
        Assert.Equal($"/api/runs/{Uri.EscapeDataString(runId)}/status", response.Headers.Location!.ToString());
        var statusUri = new Uri(body.GetProperty("statusQueryGetUri").GetString()!);
        Assert.True(statusUri.IsAbsoluteUri);
        Assert.Equal(response.Headers.Location!.ToString(), statusUri.AbsolutePath);
        Assert.EndsWith("/cancel", body.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);

        var status = await olga.Http.GetAsync(statusUri.PathAndQuery);
        Assert.Contains(status.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        var done = await olga.WaitForRunAsync(runId);
        Assert.Equal("succeeded", done.GetProperty("run").GetProperty("status").GetString());
        var tasks = done.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("succeeded", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Attempts_and_logs_read_as_a_range_and_as_a_tail()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Echo("re2-p1", "data-eng", "hello-log"));
        var runId = await TriggerAsync(olga, "re2-p1");
        await olga.WaitForRunAsync(runId);
        var run = Uri.EscapeDataString(runId);

        var attempts = await ApiClient.JsonAsync(await olga.GetAsync($"/api/runs/{run}/tasks/say/attempts"));
        var whole = await ApiClient.JsonAsync(await olga.GetAsync($"/api/runs/{run}/tasks/say/attempts/1/log"));
        var range = await ApiClient.JsonAsync(await olga.GetAsync(
            $"/api/runs/{run}/tasks/say/attempts/1/log?offset=0&maxBytes=5"));
        var tail = await ApiClient.JsonAsync(await olga.GetAsync($"/api/runs/{run}/tasks/say/attempts/1/log?tail=12"));

        var attempt = Assert.Single(attempts.EnumerateArray());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
        Assert.Equal("succeeded", attempt.GetProperty("status").GetString());
        var text = whole.GetProperty("text").GetString()!;
        Assert.Contains("hello-log", text, StringComparison.Ordinal);
        Assert.Contains("second line", text, StringComparison.Ordinal);
        Assert.Equal(text[..5], range.GetProperty("text").GetString());
        Assert.Equal(whole.GetProperty("totalBytes").GetInt64(), tail.GetProperty("totalBytes").GetInt64());
        Assert.EndsWith(tail.GetProperty("text").GetString()!, text, StringComparison.Ordinal);
        Assert.Equal(12, tail.GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public async Task A_negative_offset_is_refused_naming_it_and_a_tail_longer_than_a_chunk_reads_from_the_start()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Echo("re2b-p1", "data-eng", "tail-log"));
        var runId = await TriggerAsync(olga, "re2b-p1");
        await olga.WaitForRunAsync(runId);
        var log = $"/api/runs/{Uri.EscapeDataString(runId)}/tasks/say/attempts/1/log";

        var negative = await ApiClient.SingleErrorAsync(await olga.GetAsync($"{log}?offset=-5"));
        var both = await ApiClient.SingleErrorAsync(await olga.GetAsync($"{log}?offset=0&tail=5"));
        var whole = await ApiClient.JsonAsync(await olga.GetAsync(log));
        var longTail = await ApiClient.JsonAsync(await olga.GetAsync($"{log}?tail=5000000"));

        Assert.Equal("offset", negative.GetProperty("path").GetString());
        Assert.Contains("tail", negative.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal("tail", both.GetProperty("path").GetString());
        Assert.Equal(0, longTail.GetProperty("offset").GetInt64());
        Assert.Equal(whole.GetProperty("text").GetString(), longTail.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_delay_task_waiting_on_its_timer_shows_running_not_pending()
    {
        // Arrange: a delay beside a quick task; both start with the run, so once the quick one is over the delay is
        // waiting on its timer.
        var olga = await OperatorWithPipelineAsync("""
            { "id": "re-delay", "ownerGroup": "data-eng", "tasks": [
              { "id": "wait", "kind": "delay", "config": { "duration": "1h" } },
              { "id": "say", "kind": "process", "config": { "command": "sh", "args": ["-c", "echo hi"] } } ] }
            """);
        var runId = await TriggerAsync(olga, "re-delay");
        var path = $"/api/runs/{Uri.EscapeDataString(runId)}";

        // Act
        var run = await Poll.GetAsync(async () => await ApiClient.JsonAsync(await olga.GetAsync(path)),
            r => Status(r, "say") == "succeeded", "the quick task to finish");
        await olga.PostAsync($"{path}/cancel");

        // Assert
        Assert.Equal("running", Status(run, "wait"));
        Assert.Equal("running", run.GetProperty("run").GetProperty("status").GetString());
    }

    private static string? Status(JsonElement run, string taskKey) =>
        run.GetProperty("tasks").EnumerateArray().First(t => t.GetProperty("taskKey").GetString() == taskKey)
            .GetProperty("status").GetString();

    [Fact]
    public async Task Logs_of_an_unknown_task_or_attempt_answer_404()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Echo("re3-p1", "data-eng"));
        var runId = Uri.EscapeDataString(await TriggerAsync(olga, "re3-p1"));

        Assert.Equal(HttpStatusCode.NotFound, (await olga.GetAsync($"/api/runs/{runId}/tasks/nope/attempts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await olga.GetAsync($"/api/runs/{runId}/tasks/say/attempts/zero/log")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await olga.GetAsync("/api/runs/none@x")).StatusCode);
    }

    [Fact]
    public async Task The_runs_list_filters_by_pipeline_and_status_and_pages_with_a_continuation_token()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Echo("re4-p1", "data-eng"));
        var editor = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);
        await editor.PostAsync("/api/pipelines", Definitions.Echo("re4-p2", "data-eng"));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await TriggerAsync(olga, "re4-p1", """{ "overlap": "allow" }"""));
        }

        var other = await TriggerAsync(olga, "re4-p2");
        foreach (var id in ids.Append(other))
        {
            await olga.WaitForRunAsync(id);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var url = "/api/runs?pipeline=re4-p1&status=succeeded&limit=2" +
                      (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await ApiClient.JsonAsync(await olga.GetAsync(url));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!));
            token = page.TryGetProperty("continuationToken", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.InRange(pages, 3, 4);
        var failed = await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?pipeline=re4-p1&status=failed"));
        Assert.Equal(0, failed.GetProperty("items").GetArrayLength());
        var future = await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?pipeline=re4-p1&from=2999-01-01T00:00:00Z"));
        Assert.Equal(0, future.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/runs?status=done", "status")]
    [InlineData("/api/runs?limit=0", "limit")]
    [InlineData("/api/runs?from=yesterday", "from")]
    public async Task A_bad_runs_filter_answers_400_naming_it(string path, string name)
    {
        var olga = await ApiClient.LoginAsync(_factory, "olga", ["data-eng"], ["operator"]);

        var response = await olga.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(name, (await ApiClient.JsonAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Cancel_stops_a_running_run_and_a_second_cancel_is_a_conflict()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Slow("re6-slow", "data-eng"));
        var runId = await TriggerAsync(olga, "re6-slow");
        var run = Uri.EscapeDataString(runId);

        var cancel = await olga.PostAsync($"/api/runs/{run}/cancel", "{\"reason\": \"test\"}");
        var done = await olga.WaitForRunAsync(runId);
        var again = await olga.PostAsync($"/api/runs/{run}/cancel");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", done.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Rerun_failed_keeps_the_successful_task_and_runs_the_failed_one_again()
    {
        var marker = Path.Combine(_factory.DataDirectory, "flaky-marker");
        var olga = await OperatorWithPipelineAsync(Definitions.FailsOnce("re7-flaky", "data-eng", marker));
        var first = await TriggerAsync(olga, "re7-flaky");
        var failed = await olga.WaitForRunAsync(first);
        Assert.Equal("failed", failed.GetProperty("run").GetProperty("status").GetString());

        var rerun = await olga.PostAsync($"/api/runs/{Uri.EscapeDataString(first)}/rerun");

        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        var secondId = (await ApiClient.JsonAsync(rerun)).GetProperty("runId").GetString()!;
        Assert.NotEqual(first, secondId);
        Assert.Equal($"/api/runs/{Uri.EscapeDataString(secondId)}/status", rerun.Headers.Location!.ToString());
        var second = await olga.WaitForRunAsync(secondId);
        Assert.Equal("succeeded", second.GetProperty("run").GetProperty("status").GetString());
        var again = await olga.PostAsync($"/api/runs/{Uri.EscapeDataString(secondId)}/rerun");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Triggers_cancels_and_reruns_are_audited()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Slow("re8-slow", "data-eng"));
        var runId = await TriggerAsync(olga, "re8-slow");
        await olga.PostAsync($"/api/runs/{Uri.EscapeDataString(runId)}/cancel");

        var audit = await ApiClient.JsonAsync(await olga.GetAsync("/api/audit?limit=2"));

        Assert.Equal(["run.cancel", "run.trigger"],
            audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(audit.EnumerateArray(), e => Assert.Equal("olga", e.GetProperty("actor").GetString()));
        Assert.All(audit.EnumerateArray(), e => Assert.Equal(runId, e.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task A_trigger_with_parameters_that_are_not_an_object_is_refused_and_starts_nothing()
    {
        var olga = await OperatorWithPipelineAsync(Definitions.Echo("re9-p1", "data-eng"));

        var response = await olga.PostAsync("/api/pipelines/re9-p1/runs", "{\"parameters\": [1, 2]}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var runs = await ApiClient.JsonAsync(await olga.GetAsync("/api/runs?pipeline=re9-p1"));
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }
}
