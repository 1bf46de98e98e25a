using System.Net;
using System.Net.Http.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

public sealed class OverlapTriggerTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string Pipeline(string id, string overlap, string seconds) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "data-eng",
          "concurrency": { "overlap": "{{overlap}}" },
          "tasks": [ { "id": "wait", "kind": "process", "config": { "command": "sleep", "args": ["{{seconds}}"] } } ]
        }
        """;

    private async Task<ApiClient> OperatorWithAsync(string json)
    {
        var editor = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await editor.PostAsync("/api/pipelines", json));
        return await ApiClient.LoginAsync(factory, "olga", ["data-eng"], ["operator"]);
    }

    private static async Task<string> RunIdAsync(HttpResponseMessage response) =>
        (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;

    private static async Task<int> RunCountAsync(ApiClient client, string pipeline) =>
        (await ApiClient.JsonAsync(await client.GetAsync($"/api/runs?pipeline={pipeline}"))).GetProperty("items")
        .GetArrayLength();

    [Fact]
    public async Task Two_api_triggers_under_skip_start_one_run_and_the_second_is_a_conflict()
    {
        var olga = await OperatorWithAsync(Pipeline("ov1", "skip", "300"));

        var first = await olga.PostAsync("/api/pipelines/ov1/runs");
        var second = await olga.PostAsync("/api/pipelines/ov1/runs");

        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, first);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Conflict, second);
        Assert.Contains("'skip'", (await ApiClient.JsonAsync(second)).GetProperty("detail").GetString());
        Assert.Equal(1, await RunCountAsync(olga, "ov1"));
        await olga.PostAsync($"/api/runs/{Uri.EscapeDataString(await RunIdAsync(first))}/cancel");
    }

    [Fact]
    public async Task An_explicit_overlap_on_the_trigger_overrides_the_pipelines_policy()
    {
        var olga = await OperatorWithAsync(Pipeline("ov2", "skip", "300"));

        var first = await olga.PostAsync("/api/pipelines/ov2/runs");
        var second = await olga.PostAsync("/api/pipelines/ov2/runs", """{ "overlap": "cancel-previous" }""");

        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, second);
        var previous = await olga.WaitForRunAsync(await RunIdAsync(first));
        Assert.Equal("cancelled", previous.GetProperty("run").GetProperty("status").GetString());
        await olga.PostAsync($"/api/runs/{Uri.EscapeDataString(await RunIdAsync(second))}/cancel");
    }

    [Fact]
    public async Task Under_queue_the_second_trigger_waits_and_starts_after_the_first_has_finished()
    {
        // Arrange
        var olga = await OperatorWithAsync(Pipeline("ov3", "queue", "1"));

        // Act
        var first = await RunIdAsync(await olga.PostAsync("/api/pipelines/ov3/runs"));
        var queued = await olga.PostAsync("/api/pipelines/ov3/runs");
        var second = await RunIdAsync(queued);
        var whileWaiting = await ApiClient.JsonAsync(await olga.GetAsync($"/api/runs/{Uri.EscapeDataString(second)}"));
        var one = await olga.WaitForRunAsync(first);
        var two = await olga.WaitForRunAsync(second);

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, queued);
        Assert.Equal("queued", whileWaiting.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("succeeded", two.GetProperty("run").GetProperty("status").GetString());
        Assert.True(two.GetProperty("run").GetProperty("startedAt").GetDateTimeOffset() >=
                    one.GetProperty("run").GetProperty("finishedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_returns_the_same_run()
    {
        // Arrange
        var olga = await OperatorWithAsync(Pipeline("ov4", "skip", "300"));
        HttpRequestMessage Post(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/ov4/runs")
            {
                Content = JsonContent.Create(new { parameters = new { } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        // Act
        var first = await olga.Http.SendAsync(Post("order-17"));
        var retry = await olga.Http.SendAsync(Post("order-17"));
        var bad = await olga.Http.SendAsync(Post("has space"));

        // Assert
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, first);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, retry);
        var runId = await RunIdAsync(first);
        Assert.Equal(runId, await RunIdAsync(retry));
        Assert.Equal(1, await RunCountAsync(olga, "ov4"));
        await ApiClient.AssertStatusAsync(HttpStatusCode.BadRequest, bad);
        await olga.PostAsync($"/api/runs/{Uri.EscapeDataString(runId)}/cancel");
    }
}
