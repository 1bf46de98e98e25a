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

    [Fact]
    public async Task An_unchanged_put_answers_200_with_the_same_version_and_writes_no_version_or_audit_line()
    {
        // Arrange
        await using var app = await ApiApp.StartAsync(azurite.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var created = await PostAsync(http, "owners", Definition("sales", "owners"));

        // Act
        using var same = await SendAsync(http, HttpMethod.Put, "/api/pipelines/sales", "owners",
            Definition("sales", "owners"), "\"v1\"");
        var catalog = app.Services.GetRequiredService<BlobPipelineCatalog>();
        var versions = await catalog.VersionsAsync("sales", CancellationToken.None);
        var audit = await app.Services.GetRequiredService<BlobAuditLog>().ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("\"v1\"", same.Headers.ETag!.ToString());
        Assert.Equal("true", Assert.Single(same.Headers.GetValues("Workflow-Unchanged")));
        Assert.Equal([1], versions.Select(v => v.Version));
        Assert.Equal(["pipeline.create"], audit.Select(e => e.Action));
    }

    private static string Definition(string id, string group) => $$$"""
        {"id": "{{{id}}}", "ownerGroup": "{{{group}}}", "tasks": [{"id": "a", "kind": "delay", "config": {"duration": "1s"}}]}
        """;

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string group, string body) =>
        SendAsync(http, HttpMethod.Post, "/api/pipelines", group, body, null);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path,
        string group, string body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Headers.Add(AppServicePrincipal.HeaderName,
            PrincipalHeader.For(("sub", "bo"), ("groups", group), ("roles", "editor")));
        return await http.SendAsync(request);
    }
}
