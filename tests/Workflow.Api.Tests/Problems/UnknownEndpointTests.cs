using System.Net;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.Problems;

/// <summary>
/// A path under /api that no endpoint has is a 404 problem; a path that exists with another method is a 405 naming
/// the methods it takes, not a 404 saying there is no such endpoint.
/// </summary>
public sealed class UnknownEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("PATCH", "/api/runs", "GET")]
    [InlineData("PATCH", "/api/pipelines/any-id", "DELETE, GET, PUT")]
    [InlineData("GET", "/api/runs/r1/cancel", "POST")]
    public async Task A_known_path_with_another_method_is_a_405_naming_the_allowed_methods(string method,
        string path, string allowed)
    {
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);

        var response = await erin.SendJsonAsync(new HttpMethod(method), path, null);

        await ApiClient.AssertStatusAsync(HttpStatusCode.MethodNotAllowed, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
        var detail = (await ApiClient.JsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains($"{method} {path}", detail, StringComparison.Ordinal);
        Assert.Contains(allowed, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_no_endpoint_has_is_a_404_problem()
    {
        var erin = await ApiClient.LoginAsync(factory, "erin", ["data-eng"], ["editor"]);

        var response = await erin.GetAsync("/api/no-such-thing");

        await ApiClient.AssertStatusAsync(HttpStatusCode.NotFound, response);
        Assert.Contains("/api/no-such-thing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
