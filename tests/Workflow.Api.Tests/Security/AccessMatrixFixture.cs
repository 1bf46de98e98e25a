using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>
/// One host with pipeline <c>p1</c> of group data-eng, a finished run of it, and one logged-in client per user.
/// Shared by the matrix rows, which run one after another.
/// </summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public Dictionary<string, ApiClient> Users { get; } = new(StringComparer.Ordinal);

    public string RunId { get; private set; } = "";

    /// <summary>user -> (groups, roles).</summary>
    public static readonly Dictionary<string, (string[] Groups, string[] Roles)> People = new(StringComparer.Ordinal)
    {
        ["nobody"] = (["data-eng"], []),
        ["alice"] = (["data-eng"], ["viewer"]),
        ["oscar"] = (["data-eng"], ["operator"]),
        ["erin"] = (["data-eng", "ops"], ["editor"]),
        ["fred"] = (["finance"], ["editor"]),
        ["root"] = ([], ["admin"]),
    };

    public async Task InitializeAsync()
    {
        foreach (var (user, (groups, roles)) in People)
        {
            Users[user] = await ApiClient.LoginAsync(Factory, user, groups, roles);
        }

        var root = Users["root"];
        Assert.Equal(HttpStatusCode.Created,
            (await root.PostAsync("/api/pipelines", Definitions.Echo("p1", "data-eng"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await root.PostAsync("/api/pipelines", Definitions.Echo("fin", "finance"))).StatusCode);
        var trigger = await root.PostAsync("/api/pipelines/p1/runs");
        RunId = (await ApiClient.JsonAsync(trigger)).GetProperty("runId").GetString()!;
        await root.WaitForRunAsync(RunId);
        var finRun = await root.PostAsync("/api/pipelines/fin/runs");
        await root.WaitForRunAsync((await ApiClient.JsonAsync(finRun)).GetProperty("runId").GetString()!);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
