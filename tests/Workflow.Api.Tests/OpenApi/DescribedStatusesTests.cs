using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Tests.Infrastructure;

namespace Workflow.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document against what the hosts really answer: every status any API test host answered (recorded by
/// <see cref="AnsweredStatuses"/>, after <see cref="EndpointDrive"/> called every endpoint) must be in that
/// endpoint's description, and every endpoint must be described with a success status.
/// </summary>
public sealed class DescribedStatusesTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task Every_status_an_endpoint_answers_is_in_its_description_and_every_endpoint_was_called()
    {
        // Arrange
        await new EndpointDrive(factory).RunAsync();
        var described = await DescribedAsync();

        // Act
        var answered = AnsweredStatuses.Snapshot();

        // Assert
        var excluded = Endpoints().Where(IsExcluded).Select(e => e.RoutePattern.RawText).ToHashSet();
        var undocumented = answered.Where(a => !excluded.Contains(a.Key.Route))
            .SelectMany(a => a.Value
                .Where(status => !(described.TryGetValue(a.Key, out var listed) && listed.Contains(status)))
                .Select(status => $"{a.Key.Method} {a.Key.Route} answered {status}"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Empty(undocumented);
        var notCalled = described.Keys.Where(k => !answered.ContainsKey(k)).Select(k => $"{k.Method} {k.Route}").ToList();
        Assert.Empty(notCalled);
    }

    [Fact]
    public async Task Every_endpoint_declares_a_success_status_and_is_in_the_document()
    {
        var described = await DescribedAsync();

        var endpoints = Endpoints().Where(e => !IsExcluded(e)).ToList();

        var undeclared = endpoints.Where(e => !e.Metadata.OfType<IProducesResponseTypeMetadata>()
            .Any(p => p.StatusCode is >= 200 and < 300)).Select(e => e.DisplayName).ToList();
        Assert.Empty(undeclared);
        var missing = endpoints.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Where(k => !described.TryGetValue(k, out var statuses) || !statuses.Any(s => s is >= 200 and < 300))
            .ToList();
        Assert.Empty(missing);
        Assert.Contains(("POST", "/api/pipelines/{id}/runs"), described.Keys);
    }

    /// <summary>The routes that answer HTTP methods; the document may leave out only those marked to be left out.</summary>
    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null ||
                        e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal));

    private static bool IsExcluded(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true };

    /// <summary>(method, route) to the statuses the OpenAPI document lists for it.</summary>
    private async Task<Dictionary<(string Method, string Route), HashSet<int>>> DescribedAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        await ApiClient.AssertStatusAsync(HttpStatusCode.OK, response);
        var document = await ApiClient.JsonAsync(response);
        var described = new Dictionary<(string Method, string Route), HashSet<int>>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object &&
                                                                            o.Value.TryGetProperty("responses", out _)))
            {
                described[(operation.Name.ToUpperInvariant(), path.Name)] = operation.Value.GetProperty("responses")
                    .EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture))
                    .ToHashSet();
            }
        }

        return described;
    }
}
