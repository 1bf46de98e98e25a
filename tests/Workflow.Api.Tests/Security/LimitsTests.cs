using System.Net;
using System.Text;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Security;

/// <summary>A host with small limits, shared by the class.</summary>
public sealed class LimitsFactory() : ApiFactory("Development", new Dictionary<string, string?>
{
    ["Workflow:Api:MaxRequestBodyBytes"] = "4096",
    ["Workflow:Api:MaxJsonDepth"] = "32",
});

public sealed class LimitsTests(LimitsFactory factory) : IClassFixture<LimitsFactory>
{
    private readonly ApiFactory _factory = factory;

    [Fact]
    public async Task A_body_over_the_size_limit_answers_413_and_stores_nothing()
    {
        var erin = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);
        var padding = new string('x', 5000);
        var json = Definitions.Echo("big", "data-eng").Replace("echo then count", padding, StringComparison.Ordinal);

        var response = await erin.PostAsync("/api/pipelines", json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/big")).StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_too()
    {
        var erin = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);
        var bytes = Encoding.UTF8.GetBytes(Definitions.Echo("big", "data-eng")
            .Replace("echo then count", new string('y', 6000), StringComparison.Ordinal));
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await erin.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/big")).StatusCode);
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_limit_answers_400_and_stores_nothing()
    {
        var erin = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);
        var deep = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            deep.Append("{\"a\":");
        }

        deep.Append('1').Append('}', 40);
        var json = $$"""
            {"id": "deep", "ownerGroup": "data-eng",
             "tasks": [{"id": "t", "kind": "process", "config": {{deep}} }]}
            """;

        var response = await erin.PostAsync("/api/pipelines", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Contains("32", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/api/pipelines/deep")).StatusCode);
    }

    [Fact]
    public async Task An_empty_body_where_one_is_needed_answers_400()
    {
        var erin = await ApiClient.LoginAsync(_factory, "erin", ["data-eng"], ["editor"]);

        var response = await erin.PostAsync("/api/pipelines", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$", (await ApiClient.JsonAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task An_unknown_api_path_answers_a_404_problem()
    {
        var response = await _factory.CreateClient().GetAsync("/api/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
