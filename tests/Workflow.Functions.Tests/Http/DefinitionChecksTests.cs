using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workflow.Functions.Http;
using Workflow.Functions.Tests.Support;

namespace Workflow.Functions.Tests.Http;

/// <summary>The Azure app refuses at save what it could not run, as the embedded host does.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DefinitionChecksTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_code_task_naming_a_handler_the_app_lacks_is_refused_at_save_and_not_stored()
    {
        // Arrange
        var name = "defs" + Guid.NewGuid().ToString("N")[..12];
        await using var durable = await DurableAppHost.StartAsync(azurite.ConnectionString, name);
        await using var app = await DashboardApp.StartAsync(azurite.ConnectionString, name,
            PrincipalHeader.For(("sub", "alice"), ("groups", "data-eng"), ("roles", "editor")), durable.Client);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add("Cookie", $"{DashboardApp.SessionCookie}=session");
        const string definition = """
            { "id": "needs-code", "ownerGroup": "data-eng",
              "tasks": [ { "id": "t", "kind": "code", "config": { "handler": "NoSuchHandler" } } ] }
            """;

        // Act
        using var content = new StringContent(definition, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var refused = await http.PostAsync("/api/pipelines", content);
        var stored = await http.GetAsync("/api/pipelines/needs-code");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("tasks[0].config.handler", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }
}
