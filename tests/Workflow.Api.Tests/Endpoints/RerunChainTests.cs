using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Endpoints;

/// <summary>
/// Rerun failed, rerun from a task and child runs through real HTTP (Kestrel on 127.0.0.1) with real process tasks. Every task of these
/// pipelines appends its key to a file when it succeeds, so the file counts what really ran; a task fails while a
/// flag file <c>fail-{key}</c> exists.
/// </summary>
public sealed class RerunChainTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _factory = factory;

    private string Dir(string name)
    {
        var dir = Path.Combine(_factory.DataDirectory, name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A process task that fails while <c>{dir}/fail-{key}</c> exists and else appends its key to <c>{dir}/ran</c>.</summary>
    private static string Step(string id, string dir, string extra = "", string output = "") => $$"""
        { "id": "{{id}}", "kind": "process", {{extra}}
          "config": { "command": "sh", "args": ["-c",
            "if [ -e \"{{dir}}/fail-$WF_TASK_KEY\" ]; then echo failing $WF_TASK_KEY >&2; exit 3; fi; {{output}} echo ran $WF_TASK_KEY; echo \"$WF_TASK_KEY\" >> {{dir}}/ran"] } }
        """;

    private static string Pipeline(string id, params string[] tasks) =>
        $$"""{ "id": "{{id}}", "ownerGroup": "data-eng", "tasks": [{{string.Join(",", tasks)}}] }""";

    private async Task<ApiClient> EditorAsync() => await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);

    private static async Task CreateAsync(ApiClient editor, string json) =>
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, await editor.PostAsync("/api/pipelines", json));

    private static async Task<string> StartedAsync(HttpResponseMessage response)
    {
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, response);
        return (await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!;
    }

    private static string Path_(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}";

    private static string Status(JsonElement detail) => detail.GetProperty("run").GetProperty("status").GetString()!;

    private static string[] Ran(string dir) => [.. File.ReadAllLines(Path.Combine(dir, "ran")).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_rerun_of_a_rerun_runs_each_successful_task_once_over_the_chain_including_map_instances_and_a_child_run()
    {
        var dir = Dir("chain");
        var client = await EditorAsync();
        await CreateAsync(client, Pipeline("rc1-child", Step("c1", dir)));
        await CreateAsync(client, Pipeline("rc1-main",
            Step("list", dir, output: "echo '[\\\"a\\\",\\\"b\\\",\\\"c\\\"]' > \\\"$WF_OUTPUT_FILE\\\";"),
            Step("each", dir, """ "dependsOn": ["list"], "map": { "over": "list" }, """),
            Step("flaky", dir, """ "dependsOn": ["list"], """),
            """{ "id": "sub", "kind": "sub-pipeline", "config": { "pipelineId": "rc1-child" } }""",
            Step("final", dir, """ "dependsOn": ["each", "flaky", "sub"], """)));
        File.WriteAllText(Path.Combine(dir, "fail-each[1]"), "");
        File.WriteAllText(Path.Combine(dir, "fail-flaky"), "");

        var first = await StartedAsync(await client.PostAsync("/api/pipelines/rc1-main/runs"));
        var firstDone = await client.WaitForRunAsync(first);
        File.Delete(Path.Combine(dir, "fail-each[1]"));
        var second = await StartedAsync(await client.PostAsync(Path_(first) + "/rerun"));
        var secondDone = await client.WaitForRunAsync(second);
        File.Delete(Path.Combine(dir, "fail-flaky"));
        var third = await StartedAsync(await client.PostAsync(Path_(second) + "/rerun"));
        var thirdDone = await client.WaitForRunAsync(third);

        Assert.Equal(["failed", "failed", "succeeded"], [Status(firstDone), Status(secondDone), Status(thirdDone)]);
        Assert.Equal(["c1", "each[0]", "each[1]", "each[2]", "final", "flaky", "list"], Ran(dir));
        var child = Assert.Single(firstDone.GetProperty("children").EnumerateArray());
        Assert.Equal($"{first}/sub#1", child.GetProperty("runId").GetString());
        Assert.Equal(0, secondDone.GetProperty("children").GetArrayLength());
        Assert.Equal(0, thirdDone.GetProperty("children").GetArrayLength());
        Assert.Equal(second, thirdDone.GetProperty("run").GetProperty("rerunOf").GetString());
        var instances = secondDone.GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("taskId").GetString() == "each")
            .ToDictionary(t => t.GetProperty("taskKey").GetString()!, t => t.GetProperty("status").GetString());
        Assert.Equal(["each[0]", "each[1]", "each[2]"], instances.Keys.Order(StringComparer.Ordinal));
        Assert.All(instances.Values, status => Assert.Equal("succeeded", status));
    }

    [Fact]
    public async Task A_child_run_is_read_by_its_id_with_its_parent_and_its_log()
    {
        var dir = Dir("child");
        var client = await EditorAsync();
        await CreateAsync(client, Pipeline("rc2-child", Step("c1", dir)));
        await CreateAsync(client, Pipeline("rc2-main",
            """{ "id": "sub", "kind": "sub-pipeline", "config": { "pipelineId": "rc2-child" } }"""));
        var parent = await StartedAsync(await client.PostAsync("/api/pipelines/rc2-main/runs"));
        await client.WaitForRunAsync(parent);
        var childId = $"{parent}/sub#1";

        var child = await client.GetAsync(Path_(childId));
        var attempts = await client.GetAsync(Path_(childId) + "/tasks/c1/attempts");
        var log = await client.GetAsync(Path_(childId) + "/tasks/c1/attempts/1/log");
        var rerun = await client.PostAsync(Path_(childId) + "/rerun");

        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, child);
        var run = (await ApiClient.JsonAsync(child)).GetProperty("run");
        Assert.Equal(childId, run.GetProperty("runId").GetString());
        Assert.Equal(parent, run.GetProperty("parentRunId").GetString());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, attempts);
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, log);
        Assert.Contains("ran c1", (await ApiClient.JsonAsync(log)).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, rerun.StatusCode);
        Assert.Contains("only a failed", (await ApiClient.JsonAsync(rerun)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_parent_cancels_its_running_child_which_can_then_be_rerun()
    {
        var client = await EditorAsync();
        await CreateAsync(client, Pipeline("rc3-child",
            """{ "id": "wait", "kind": "process", "config": { "command": "sleep", "args": ["300"] } }"""));
        await CreateAsync(client, Pipeline("rc3-main",
            """{ "id": "sub", "kind": "sub-pipeline", "config": { "pipelineId": "rc3-child" } }"""));
        var parent = await StartedAsync(await client.PostAsync("/api/pipelines/rc3-main/runs"));
        var childId = $"{parent}/sub#1";
        await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(Path_(childId) + "/tasks/wait/attempts");
            return response.StatusCode == HttpStatusCode.OK
                   && (await ApiClient.JsonAsync(response)).EnumerateArray()
                       .Any(a => a.GetProperty("startedAt").ValueKind == JsonValueKind.String);
        }, "the child run's task to start");

        var cancel = await client.PostAsync(Path_(parent) + "/cancel");
        var parentDone = await client.WaitForRunAsync(parent);
        var childDone = await client.WaitForRunAsync(childId);
        var rerun = await client.PostAsync(Path_(childId) + "/rerun");

        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, cancel);
        Assert.Equal("cancelled", Status(parentDone));
        Assert.Equal("cancelled", Status(childDone));
        await ApiClient.AssertStatusAsync(HttpStatusCode.Accepted, rerun);
        await client.PostAsync(Path_((await ApiClient.JsonAsync(rerun)).GetProperty("runId").GetString()!) + "/cancel");
    }

    [Fact]
    public async Task Rerun_on_the_latest_version_runs_the_fixed_task_and_refuses_a_graph_that_no_longer_fits()
    {
        var dir = Dir("latest");
        var client = await EditorAsync();
        const string broken = """{ "id": "b", "kind": "process", "dependsOn": ["a"], "config": { "command": "sh", "args": ["-c", "exit 3"] } }""";
        await CreateAsync(client, Pipeline("rc4", Step("a", dir), broken));
        var first = await StartedAsync(await client.PostAsync("/api/pipelines/rc4/runs"));
        Assert.Equal("failed", Status(await client.WaitForRunAsync(first)));

        var bogus = await client.PostAsync(Path_(first) + "/rerun?version=newest");
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, await client.SendJsonAsync(HttpMethod.Put, "/api/pipelines/rc4",
            Pipeline("rc4", Step("x", dir), Step("a", dir, """ "dependsOn": ["x"], """), broken), "*"));
        var refused = await client.PostAsync(Path_(first) + "/rerun?version=latest");
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, await client.SendJsonAsync(HttpMethod.Put, "/api/pipelines/rc4",
            Pipeline("rc4", Step("a", dir), Step("b", dir, """ "dependsOn": ["a"], """)), "*"));
        var fixedRun = await StartedAsync(await client.PostAsync(Path_(first) + "/rerun?version=latest"));
        var fixedDone = await client.WaitForRunAsync(fixedRun);

        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Equal("version", (await ApiClient.JsonAsync(bogus)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("'a' depended on [] and depends on [x] now",
            (await ApiClient.JsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", Status(fixedDone));
        Assert.Equal(3, fixedDone.GetProperty("run").GetProperty("pipelineVersion").GetInt32());
        Assert.Equal(["a", "b"], Ran(dir));
    }

    [Fact]
    public async Task Rerun_from_a_task_reruns_it_and_its_downstream_keeps_the_rest_and_is_audited()
    {
        var dir = Dir("from");
        var client = await EditorAsync();
        var viewer = await ApiClient.LoginAsync(_factory, "vic", ["data-eng"], ["viewer"]);
        await CreateAsync(client, Pipeline("rc5", Step("extract", dir), Step("clean", dir, """ "dependsOn": ["extract"], """),
            Step("load", dir, """ "dependsOn": ["clean"], """), Step("audit", dir, """ "dependsOn": ["extract"], """)));
        var first = await StartedAsync(await client.PostAsync("/api/pipelines/rc5/runs"));
        Assert.Equal("succeeded", Status(await client.WaitForRunAsync(first)));
        File.Delete(Path.Combine(dir, "ran"));

        var failedOnly = await client.PostAsync(Path_(first) + "/rerun");
        var forbidden = await viewer.PostAsync(Path_(first) + "/rerun?fromTask=clean");
        var rerun = await client.PostAsync(Path_(first) + "/rerun?fromTask=clean");
        var second = await StartedAsync(rerun);
        var secondDone = await client.WaitForRunAsync(second);
        var audit = await ApiClient.JsonAsync(await client.GetAsync("/api/audit?limit=1"));

        Assert.Equal(HttpStatusCode.Conflict, failedOnly.StatusCode);
        Assert.Contains("?fromTask=", (await ApiClient.JsonAsync(failedOnly)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(Path_(second) + "/status", rerun.Headers.Location!.ToString());
        Assert.Equal("succeeded", Status(secondDone));
        Assert.Equal(first, secondDone.GetProperty("run").GetProperty("rerunOf").GetString());
        Assert.Equal(["clean", "load"], Ran(dir));
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal("run.rerun", entry.GetProperty("action").GetString());
        Assert.Equal(second, entry.GetProperty("target").GetString());
        Assert.Equal($"rerun of {first} from task clean", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rerun_from_a_task_on_the_latest_version_lets_the_downstream_change_and_refuses_an_unknown_task()
    {
        var dir = Dir("from-latest");
        var client = await EditorAsync();
        await CreateAsync(client, Pipeline("rc6", Step("extract", dir), Step("clean", dir, """ "dependsOn": ["extract"], """)));
        var first = await StartedAsync(await client.PostAsync("/api/pipelines/rc6/runs"));
        Assert.Equal("succeeded", Status(await client.WaitForRunAsync(first)));
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, await client.SendJsonAsync(HttpMethod.Put, "/api/pipelines/rc6",
            Pipeline("rc6", Step("extract", dir), Step("clean", dir, """ "dependsOn": ["extract"], """),
                Step("publish", dir, """ "dependsOn": ["clean"], """)), "*"));
        File.Delete(Path.Combine(dir, "ran"));

        var unknown = await client.PostAsync(Path_(first) + "/rerun?fromTask=publish");
        var empty = await client.PostAsync(Path_(first) + "/rerun?fromTask=");
        var latest = await StartedAsync(await client.PostAsync(Path_(first) + "/rerun?fromTask=clean&version=latest"));
        var latestDone = await client.WaitForRunAsync(latest);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("version 1 of pipeline 'rc6' has no task 'publish'",
            (await ApiClient.JsonAsync(unknown)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("'fromTask' is empty", (await ApiClient.JsonAsync(empty)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal("succeeded", Status(latestDone));
        Assert.Equal(2, latestDone.GetProperty("run").GetProperty("pipelineVersion").GetInt32());
        Assert.Equal(["clean", "publish"], Ran(dir));
    }
}
