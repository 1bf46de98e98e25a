using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>
/// A sub-pipeline task starts its child whenever the parent runs, so naming a child is triggering it: a definition
/// may name only a child its author may trigger, of the parent's own group (the rule each run applies again when it
/// starts the child). Otherwise an editor of one group could run another group's pipeline (with that group's secrets)
/// and read its output as the task's output.
/// </summary>
public sealed class SubPipelineAccessTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string Parent(string id, string child) => $$"""
        { "id": "{{id}}", "ownerGroup": "sp-eng",
          "tasks": [ { "id": "child", "kind": "sub-pipeline", "config": { "pipelineId": "{{child}}" } } ] }
        """;


    [Fact]
    public async Task A_child_of_a_group_where_the_author_may_not_trigger_is_refused_as_if_it_did_not_exist()
    {
        // Arrange: a pipeline of another group, and one id that names nothing.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var child = $"sp-ops-child-{suffix}";
        var admin = await ApiClient.LoginAsync(factory, "root", [], ["admin"]);
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await admin.PostAsync("/api/pipelines", Definitions.Echo(child, "sp-ops")));
        var outsider = await ApiClient.LoginAsync(factory, "alice", [], ["sp-eng:editor"]);
        var viewer = await ApiClient.LoginAsync(factory, "vera", [], ["sp-eng:editor", "sp-ops:viewer"]);
        var operatorThere = await ApiClient.LoginAsync(factory, "otto", [], ["sp-eng:editor", "sp-ops:operator"]);

        // Act
        var byOutsider = await outsider.PostAsync("/api/pipelines", Parent($"sp-a-{suffix}", child));
        var missing = await outsider.PostAsync("/api/pipelines", Parent($"sp-b-{suffix}", $"sp-none-{suffix}"));
        var byViewer = await viewer.PostAsync("/api/pipelines", Parent($"sp-c-{suffix}", child));
        var byOperator = await operatorThere.PostAsync("/api/pipelines", Parent($"sp-d-{suffix}", child));
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created,
            await outsider.PostAsync("/api/pipelines", Definitions.Echo($"sp-eng-child-{suffix}", "sp-eng")));
        var sameGroup = await outsider.PostAsync("/api/pipelines", Parent($"sp-e-{suffix}", $"sp-eng-child-{suffix}"));

        // Assert: the same refusal as for a child that does not exist, so it tells nothing about the other group.
        var refused = await ApiClient.SingleErrorAsync(byOutsider);
        var none = await ApiClient.SingleErrorAsync(missing);
        Assert.Equal("$.tasks[0].config.pipelineId", refused.GetProperty("path").GetString());
        Assert.Equal(none.GetProperty("message").GetString()!.Replace($"sp-none-{suffix}", child, StringComparison.Ordinal),
            refused.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/pipelines/sp-a-{suffix}")).StatusCode);
        await ApiClient.SingleErrorAsync(byViewer);
        // One the author may trigger is refused too when it is of another group: each run would refuse to start it.
        Assert.Equal(refused.GetProperty("message").GetString(),
            (await ApiClient.SingleErrorAsync(byOperator)).GetProperty("message").GetString());
        await ApiClient.AssertStatusAsync(HttpStatusCode.Created, sameGroup);
    }
}
