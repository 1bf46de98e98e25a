using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>
/// Users × roles × endpoints against one pipeline of group data-eng. The expected answers are written out here,
/// independently of the access policy the API uses: a role too low is 403, another group is 404, an allowed call
/// gets the endpoint's own answer.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    private static readonly Dictionary<string, int> Level = new(StringComparer.Ordinal)
    {
        ["nobody"] = 0,
        ["alice"] = 1,
        ["oscar"] = 2,
        ["erin"] = 3,
        ["root"] = 4,
        ["fred"] = -1,
    };

    /// <summary>name -> (method, path, body, least level, answer when allowed).</summary>
    private static readonly Dictionary<string, (string Method, string Path, string? Body, int Need, HttpStatusCode Ok)>
        Endpoints = new(StringComparer.Ordinal)
        {
            ["get pipeline"] = ("GET", "/api/pipelines/p1", null, 1, HttpStatusCode.OK),
            ["versions"] = ("GET", "/api/pipelines/p1/versions", null, 1, HttpStatusCode.OK),
            ["preview"] = ("GET", "/api/pipelines/p1/schedule/preview?count=3", null, 1, HttpStatusCode.OK),
            ["get run"] = ("GET", "/api/runs/{run}", null, 1, HttpStatusCode.OK),
            ["attempts"] = ("GET", "/api/runs/{run}/tasks/say/attempts", null, 1, HttpStatusCode.OK),
            ["log"] = ("GET", "/api/runs/{run}/tasks/say/attempts/1/log?tail=100", null, 1, HttpStatusCode.OK),
            ["trigger"] = ("POST", "/api/pipelines/p1/runs", "{}", 2, HttpStatusCode.Accepted),
            ["cancel finished"] = ("POST", "/api/runs/{run}/cancel", null, 2, HttpStatusCode.Conflict),
            ["rerun succeeded"] = ("POST", "/api/runs/{run}/rerun", null, 2, HttpStatusCode.Conflict),
            ["update"] = ("PUT", "/api/pipelines/p1", "{p1}", 3, HttpStatusCode.OK),
            ["disable"] = ("POST", "/api/pipelines/p1/disable", null, 3, HttpStatusCode.OK),
            ["enable"] = ("POST", "/api/pipelines/p1/enable", null, 3, HttpStatusCode.OK),
            ["delete"] = ("DELETE", "/api/pipelines/{del}", null, 3, HttpStatusCode.NoContent),
        };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in Level.Keys)
        {
            foreach (var endpoint in Endpoints.Keys)
            {
                data.Add(user, endpoint);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_user_gets_the_answer_their_group_and_role_allow(string user, string endpoint)
    {
        var (method, path, body, need, ok) = Endpoints[endpoint];
        var deleteTarget = $"del-{user}";
        var root = fixture.Users["root"];
        if (endpoint == "delete")
        {
            await root.PostAsync("/api/pipelines", Definitions.Echo(deleteTarget, "data-eng"));
        }

        var before = await ApiClient.JsonAsync(await root.GetAsync("/api/pipelines/p1/versions"));
        path = path.Replace("{run}", Uri.EscapeDataString(fixture.RunId), StringComparison.Ordinal)
            .Replace("{del}", deleteTarget, StringComparison.Ordinal);
        body = body == "{p1}" ? Definitions.Echo("p1", "data-eng", "changed-by-" + user) : body;

        var response = await fixture.Users[user].SendJsonAsync(new HttpMethod(method), path, body,
            ifMatch: method == "PUT" ? "*" : null);

        var expected = Level[user] < 0 ? HttpStatusCode.NotFound
            : Level[user] >= need ? ok
            : HttpStatusCode.Forbidden;
        Assert.Equal(expected, response.StatusCode);
        if (endpoint == "trigger" && expected == ok)
        {
            // p1 skips a run while another is active (the default overlap policy), and the cases run in no set order:
            // a run still going on a loaded machine would turn the next case's trigger into a 409.
            await root.WaitForRunAsync((await ApiClient.JsonAsync(response)).GetProperty("runId").GetString()!);
        }

        if (expected != ok)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var after = await ApiClient.JsonAsync(await root.GetAsync("/api/pipelines/p1/versions"));
            Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
        }
    }

    [Theory]
    [InlineData("fred", "fin")]
    [InlineData("erin", "p1")]
    [InlineData("alice", "p1")]
    public async Task Lists_show_only_the_callers_groups(string user, string visible)
    {
        var client = fixture.Users[user];

        var pipelines = await ApiClient.JsonAsync(await client.GetAsync("/api/pipelines"));
        var runs = await ApiClient.JsonAsync(await client.GetAsync("/api/runs?limit=500"));
        var audit = await ApiClient.JsonAsync(await client.GetAsync("/api/audit?limit=1000"));

        var ids = pipelines.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains(visible, ids);
        Assert.DoesNotContain(visible == "fin" ? "p1" : "fin", ids);
        Assert.NotEqual(0, runs.GetProperty("items").GetArrayLength());
        Assert.All(runs.GetProperty("items").EnumerateArray(),
            r => Assert.Equal(visible, r.GetProperty("pipelineId").GetString()));
        Assert.All(audit.EnumerateArray(), a => Assert.Equal(visible == "fin" ? "finance" : "data-eng",
            a.GetProperty("ownerGroup").GetString()));
    }

    [Fact]
    public async Task An_admin_lists_every_group()
    {
        var pipelines = await ApiClient.JsonAsync(await fixture.Users["root"].GetAsync("/api/pipelines"));

        var ids = pipelines.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("p1", ids);
        Assert.Contains("fin", ids);
    }

    [Fact]
    public async Task A_caller_without_a_role_lists_nothing()
    {
        var pipelines = await ApiClient.JsonAsync(await fixture.Users["nobody"].GetAsync("/api/pipelines"));

        Assert.Equal(0, pipelines.GetArrayLength());
    }

    [Theory]
    [InlineData("fred", HttpStatusCode.Forbidden)]
    [InlineData("alice", HttpStatusCode.Forbidden)]
    public async Task Creating_in_a_group_one_cannot_edit_is_refused_and_stores_nothing(string user,
        HttpStatusCode expected)
    {
        var response = await fixture.Users[user].PostAsync("/api/pipelines",
            Definitions.Echo($"sneaky-{user}", "data-eng"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await fixture.Users["root"].GetAsync($"/api/pipelines/sneaky-{user}")).StatusCode);
    }

    [Fact]
    public async Task An_editor_cannot_move_a_pipeline_to_a_group_they_are_not_in()
    {
        var erin = fixture.Users["erin"];

        var response = await erin.SendJsonAsync(HttpMethod.Put, "/api/pipelines/p1",
            Definitions.Echo("p1", "finance"), ifMatch: "*");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var current = await ApiClient.JsonAsync(await erin.GetAsync("/api/pipelines/p1"));
        Assert.Equal("data-eng", current.GetProperty("ownerGroup").GetString());
    }

    public static TheoryData<string, string> AllRoutes()
    {
        var data = new TheoryData<string, string>
        {
            { "GET", "/api/pipelines" },
            { "POST", "/api/pipelines" },
            { "GET", "/api/runs" },
            { "GET", "/api/audit" },
        };
        foreach (var (method, path, _, _, _) in Endpoints.Values)
        {
            data.Add(method, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllRoutes))]
    public async Task Every_endpoint_refuses_an_anonymous_call_with_401(string method, string path)
    {
        var anonymous = new ApiClient(fixture.Factory.CreateClient(), "anonymous");
        path = path.Replace("{run}", Uri.EscapeDataString(fixture.RunId), StringComparison.Ordinal)
            .Replace("{del}", "p1", StringComparison.Ordinal);

        var response = await anonymous.SendJsonAsync(new HttpMethod(method), path,
            method is "POST" or "PUT" ? Definitions.Echo("p1", "data-eng") : null, ifMatch: "*");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
