using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Workflow.Functions.Http;
using Workflow.Functions.Tests.Support;
using Workflow.Host.Hosting;

namespace Workflow.Functions.Tests.Http;

/// <summary>
/// The OpenAPI document as the Azure app serves it, under the Functions route prefix (<see
/// cref="ApiPipeline.OpenApiPattern"/>): the app's registrations and its <see cref="ApiPipeline"/> behind a real
/// listener on 127.0.0.1, compared with the document the embedded host serves at <c>/openapi/v1.json</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OpenApiDocumentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_azure_app_serves_without_sign_in_the_same_operations_as_the_embedded_host()
    {
        // Arrange: every optional part configured, as in the embedded host (nothing here contacts the vault).
        await using var azure = await ApiApp.StartAsync(azurite.ConnectionString,
            ("Workflow:Secrets:VaultUri", "https://workflow-test.vault.azure.net/"));
        var data = Directory.CreateTempSubdirectory("wf-openapi-");
        try
        {
            await using var embedded = WorkflowHost.Build(
                ["--urls", "http://127.0.0.1:0", "--data", data.FullName, "--Workflow:Samples", "false"]);
            await embedded.StartAsync();

            // Act: no caller header, no token.
            using var fromAzure = await GetAsync(azure, "/api/openapi/v1.json");
            using var fromEmbedded = await GetAsync(embedded, "/openapi/v1.json");

            // Assert
            var operations = Operations(fromAzure.RootElement);
            Assert.Contains("POST /api/pipelines/{id}/runs: 200 202 400 401 403 404 409 413 429 500", operations);
            Assert.Contains("GET /api/groups/{group}/secrets: 200 401 403 404 429 500", operations);
            Assert.Equal(Operations(fromEmbedded.RootElement), operations);
            Assert.Equal(SchemaNames(fromEmbedded.RootElement), SchemaNames(fromAzure.RootElement));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Each operation with the statuses it answers, for example <c>GET /api/runs/{runId}: 200 401 404</c>.</summary>
    private static List<string> Operations(JsonElement document) =>
    [
        .. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
                .Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}: " + string.Join(" ",
                    operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order())))
            .Order(StringComparer.Ordinal),
    ];

    private static List<string> SchemaNames(JsonElement document) =>
    [
        .. document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name)
            .Order(StringComparer.Ordinal),
    ];

    private static async Task<JsonDocument> GetAsync(WebApplication app, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
