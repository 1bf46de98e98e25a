using System.Net;
using System.Text.Json;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.OpenApi;

/// <summary>The OpenAPI document the host serves: schemas, the bearer scheme and the real statuses.</summary>
public sealed class OpenApiDocumentTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, response);
        return await ApiClient.JsonAsync(response);
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static string SchemaName(JsonElement content) =>
        content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!
            .Split('/')[^1];

    [Fact]
    public async Task A_pipelines_version_tag_its_location_the_mark_of_an_unchanged_put_and_warnings_are_described()
    {
        var document = await DocumentAsync();

        var put = Operation(document, "/api/pipelines/{id}", "put").GetProperty("responses");
        var create = Operation(document, "/api/pipelines", "post").GetProperty("responses");
        var get = Operation(document, "/api/pipelines/{id}", "get").GetProperty("responses");

        Assert.Equal(["ETag", "Warning", "Workflow-Unchanged"], HeaderNames(put, "200"));
        Assert.Equal(["ETag", "Location", "Warning"], HeaderNames(put, "201"));
        Assert.Equal(["ETag", "Location", "Warning"], HeaderNames(create, "201"));
        Assert.Equal(["ETag"], HeaderNames(get, "200"));
    }

    private static string[] HeaderNames(JsonElement responses, string status) =>
        [.. responses.GetProperty(status).GetProperty("headers").EnumerateObject().Select(h => h.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Starting_a_run_is_described_as_202_with_its_body_headers_and_refusals()
    {
        var document = await DocumentAsync();

        var trigger = Operation(document, "/api/pipelines/{id}/runs", "post");

        var responses = trigger.GetProperty("responses");
        Assert.Equal("RunAccepted", SchemaName(responses.GetProperty("202").GetProperty("content")));
        var headers = responses.GetProperty("202").GetProperty("headers");
        Assert.True(headers.TryGetProperty("Location", out _));
        Assert.True(headers.TryGetProperty("Retry-After", out _));
        Assert.Equal("TriggerRequest", SchemaName(trigger.GetProperty("requestBody").GetProperty("content")));
        Assert.False(trigger.GetProperty("requestBody").TryGetProperty("required", out var required) &&
                     required.GetBoolean());
        foreach (var status in new[] { "400", "401", "403", "404", "409", "413", "429" })
        {
            Assert.True(responses.TryGetProperty(status, out var problem), $"no {status}");
            Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }
    }

    [Fact]
    public async Task An_attempt_is_described_with_its_priority_and_timeout_and_an_expired_log_as_410()
    {
        var document = await DocumentAsync();

        var log = Operation(document, "/api/runs/{runId}/tasks/{taskKey}/attempts/{attempt}/log", "get");
        var attempt = document.GetProperty("components").GetProperty("schemas").GetProperty("AttemptInfo")
            .GetProperty("properties");

        Assert.True(log.GetProperty("responses").GetProperty("410").GetProperty("content")
            .TryGetProperty("application/problem+json", out _));
        Assert.True(attempt.TryGetProperty("priority", out _));
        Assert.True(attempt.TryGetProperty("timeoutSeconds", out _));
    }

    [Fact]
    public async Task Request_and_response_schemas_are_in_the_components()
    {
        var document = await DocumentAsync();

        var create = Operation(document, "/api/pipelines", "post");
        var put = Operation(document, "/api/pipelines/{id}", "put");
        var status = Operation(document, "/api/runs/{runId}/status", "get");

        Assert.Equal("PipelineDefinition", SchemaName(create.GetProperty("requestBody").GetProperty("content")));
        Assert.Equal("PipelineDefinition",
            SchemaName(create.GetProperty("responses").GetProperty("201").GetProperty("content")));
        Assert.True(put.GetProperty("responses").TryGetProperty("412", out _));
        Assert.True(put.GetProperty("responses").TryGetProperty("428", out _));
        Assert.Equal("RunDetail", SchemaName(status.GetProperty("responses").GetProperty("202").GetProperty("content")));
        Assert.Equal("RunDetail", SchemaName(status.GetProperty("responses").GetProperty("200").GetProperty("content")));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var definition = schemas.GetProperty("PipelineDefinition").GetProperty("properties");
        Assert.True(definition.TryGetProperty("tasks", out _));
        Assert.True(definition.TryGetProperty("ownerGroup", out _));
        Assert.True(schemas.GetProperty("RunAccepted").GetProperty("properties").TryGetProperty("statusQueryGetUri", out _));
    }

    [Fact]
    public async Task The_bearer_scheme_is_required_by_operations_that_need_a_token_and_by_no_anonymous_one()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("Bearer", RequiredScheme(Operation(document, "/api/runs", "get")));
        Assert.Equal("Bearer", RequiredScheme(Operation(document, "/api/pipelines/{id}/runs", "post")));
        Assert.True(Operation(document, "/api/runs", "get").GetProperty("responses").TryGetProperty("401", out _));
        Assert.False(Operation(document, "/api/health", "get").TryGetProperty("security", out _));
        Assert.False(Operation(document, "/api/dev/token", "post").TryGetProperty("security", out _));
        Assert.False(Operation(document, "/api/health", "get").GetProperty("responses").TryGetProperty("401", out _));
    }

    private static string RequiredScheme(JsonElement operation) =>
        operation.GetProperty("security")[0].EnumerateObject().Single().Name;
}
