using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

public sealed class AuthenticationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string ForgedToken(string issuer = "workflow-dev") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "workflow",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "mallory",
                ["groups"] = new[] { "data-eng" },
                ["roles"] = new[] { "admin" }
            },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256),
        });

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("forged")]
    public async Task A_token_not_signed_by_the_issuer_is_refused_with_401(string kind)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", kind == "forged" ? ForgedToken() : kind);

        var response = await client.GetAsync("/api/pipelines");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Outside_development_there_is_no_dev_token_endpoint()
    {
        using var production = new ProductionApiFactory();
        var client = production.CreateClient();

        var response = await client.PostAsJsonAsync("/api/dev/token",
            new { user = "alice", groups = new[] { "data-eng" }, roles = new[] { "admin" } });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken());
        var withForged = await client.GetAsync("/api/pipelines");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withForged.StatusCode);
    }

    [Theory]
    [InlineData("{\"groups\": [\"data-eng\"], \"roles\": [\"viewer\"]}", "$.user")]
    [InlineData("{\"user\": \"a\", \"roles\": [\"superuser\"]}", "$.roles[0]")]
    [InlineData("{\"user\": \"a\", \"groups\": [\"\"]}", "$.groups[0]")]
    public async Task A_bad_dev_token_request_answers_400_naming_the_field(string json, string path)
    {
        var client = new ApiClient(factory.CreateClient(), "x");

        var response = await client.PostAsync("/api/dev/token", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, (await ApiClient.JsonAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Health_and_the_openapi_document_need_no_token()
    {
        var client = factory.CreateClient();

        var health = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/health");
        var openApi = await client.GetStringAsync("/openapi/v1.json");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Contains("/api/pipelines/{id}/runs", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/runs/{runId}/tasks/{taskKey}/attempts/{attempt}/log", openApi, StringComparison.Ordinal);
    }
}
