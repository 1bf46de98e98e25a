using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// <c>GET /api/runs/{runId}/critical-path</c> on a real run behind Kestrel on loopback: projected while the first task
/// waits for a file the test creates, actual once the run has ended.
/// </summary>
public sealed class CriticalPathEndpointsTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    /// <summary>extract (1h, waits for <paramref name="marker"/>), then clean (10m) and enrich (2h), then load (no estimate).</summary>
    private static string Diamond(string id, string marker) => $$"""
        {
          "id": "{{id}}",
          "ownerGroup": "data-eng",
          "tasks": [
            { "id": "extract", "kind": "process", "expectedDuration": "1h",
              "config": { "command": "sh", "args": ["-c", "while [ ! -f '{{marker}}' ]; do sleep 0.1; done"] } },
            { "id": "clean", "kind": "process", "expectedDuration": "10m", "dependsOn": ["extract"], "config": { "command": "true" } },
            { "id": "enrich", "kind": "process", "expectedDuration": "2h", "dependsOn": ["extract"], "config": { "command": "true" } },
            { "id": "load", "kind": "process", "dependsOn": ["clean", "enrich"], "config": { "command": "true" } }
          ]
        }
        """;

    [Fact]
    public async Task A_running_run_has_its_projected_path_and_ETA_and_a_finished_run_its_actual_path()
    {
        // Arrange: a run whose first task runs until the test creates the marker.
        var marker = Path.Combine(factory.DataDirectory, "cp-release");
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await erin.PostAsync("/api/pipelines", Diamond("cp-diamond", marker)));
        var started = await erin.PostAsync("/api/pipelines/cp-diamond/runs");
        var runId = (await ApiClient.JsonAsync(started)).GetProperty("runId").GetString()!;
        var path = $"/api/runs/{Uri.EscapeDataString(runId)}/critical-path";
        var extractStarted = await Poll.GetAsync(async () => (await ApiClient.JsonAsync(
                await erin.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}"))).GetProperty("tasks")[0],
            task => task.GetProperty("status").GetString() == "running", "extract to run");

        // Act
        var running = await Read(erin, path);
        await File.WriteAllTextAsync(marker, "go");
        await erin.WaitForRunAsync(runId);
        var finished = await Read(erin, path);
        var other = await ApiClient.LoginAsync(factory, "otto", ["other"], ["editor"]);
        var hidden = await other.GetAsync(path);

        // Assert: while extract runs, extract (1h) then enrich (2h) then load (no estimate, counted as no time).
        var start = extractStarted.GetProperty("startedAt").GetDateTimeOffset();
        Assert.Equal(["extract", "enrich", "load"], Keys(running));
        Assert.All(Steps(running), s => Assert.True(s.GetProperty("projected").GetBoolean()));
        Assert.Equal(start, Steps(running)[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(start + TimeSpan.FromHours(3), running.GetProperty("projectedFinish").GetDateTimeOffset());
        Assert.Equal((start + TimeSpan.FromHours(3) - running.GetProperty("at").GetDateTimeOffset()).TotalSeconds,
            running.GetProperty("remainingSeconds").GetDouble(), tolerance: 0.001); // the answer rounds to ms
        Assert.Equal(["load"], running.GetProperty("unestimated").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([("clean", 600.0), ("enrich", 7200.0), ("extract", 3600.0)], running.GetProperty("expectedSeconds")
            .EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));

        // Once it has ended: the actual path, extract first and load last, each step starting after the one before.
        var steps = Steps(finished);
        Assert.Equal("extract", steps[0].GetProperty("taskKey").GetString());
        Assert.Equal("load", steps[^1].GetProperty("taskKey").GetString());
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.False(s.GetProperty("projected").GetBoolean()));
        Assert.All(steps.Zip(steps.Skip(1)), pair =>
            Assert.True(pair.First.GetProperty("finish").GetDateTimeOffset() <= pair.Second.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal(steps[^1].GetProperty("finish").GetDateTimeOffset(), finished.GetProperty("projectedFinish").GetDateTimeOffset());
        Assert.Equal(0, finished.GetProperty("remainingSeconds").GetDouble());
        Assert.Empty(finished.GetProperty("unestimated").EnumerateArray());
        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, hidden);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404()
    {
        var vic = await ApiClient.LoginAsync(factory, "vic", ["data-eng"], ["viewer"]);

        var response = await vic.GetAsync("/api/runs/cp-none/critical-path");

        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, response);
    }

    private static async Task<JsonElement> Read(ApiClient client, string path)
    {
        var response = await client.GetAsync(path);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, response);
        return await ApiClient.JsonAsync(response);
    }

    private static List<JsonElement> Steps(JsonElement answer) => [.. answer.GetProperty("path").EnumerateArray()];

    private static string[] Keys(JsonElement answer) => [.. Steps(answer).Select(s => s.GetProperty("taskKey").GetString()!)];
}
