using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Http;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Json;
using Workflow.Services;

namespace Workflow.Functions.Tests.Http;

/// <summary>Pipeline saves as the Azure app serves them: the catalogue's refusal and the audit line of a save.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PipelineSaveApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_create_by_a_caller_of_another_group_is_refused_in_the_engines_words_and_audits_nothing()
    {
        // Arrange: the id is taken by a group the caller cannot see.
        await using var app = await ApiApp.StartAsync(azurite.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        await app.Services.GetRequiredService<BlobPipelineCatalog>().UpsertAsync(
            PipelineJson.Parse(Definition("sales", "owners")), null, "ana", CancellationToken.None);

        // Act
        using var created = await PostAsync(http, "others", Definition("sales", "others"));
        using var own = await PostAsync(http, "others", Definition("reports", "others"));
        var audit = await app.Services.GetRequiredService<BlobAuditLog>().ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, created.StatusCode);
        var detail = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal(PipelineIdTaken.Refusal("sales").Message, detail);
        Assert.DoesNotContain("owners", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("version", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(["reports"], audit.Select(e => e.Target));
    }

    private static string Definition(string id, string group) => $$$"""
        {"id": "{{{id}}}", "ownerGroup": "{{{group}}}", "tasks": [{"id": "a", "kind": "delay", "config": {"duration": "1s"}}]}
        """;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string group, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(AppServicePrincipal.HeaderName,
            PrincipalHeader.For(("sub", "bo"), ("groups", group), ("roles", "editor")));
        return await http.SendAsync(request);
    }
}
