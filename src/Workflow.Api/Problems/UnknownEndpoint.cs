using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Api.Problems;

/// <summary>
/// The answer to a request under /api that no endpoint took. The catch-all route that keeps the dashboard's page
/// out of the API also hides the framework's 405, so a path that exists with other methods (PATCH of a pipeline) is
/// answered here with 405 and <c>Allow</c>, and only a path no endpoint has with 404.
/// </summary>
internal static class UnknownEndpoint
{
    public static IResult Answer(HttpContext http)
    {
        var path = http.Request.Path;
        var allowed = AllowedMethods(http.RequestServices.GetRequiredService<EndpointDataSource>(), path);
        if (allowed.Count == 0)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No such endpoint",
                $"There is no endpoint {path}. See /openapi/v1.json for the API.");
        }

        var list = string.Join(", ", allowed);
        http.Response.Headers.Allow = list;
        return ApiProblems.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed",
            $"{http.Request.Method} {path} is not an endpoint; {path} takes {list}.");
    }

    private static SortedSet<string> AllowedMethods(EndpointDataSource endpoints, PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 } accepts &&
                endpoint.RoutePattern.RawText is { } pattern &&
                new TemplateMatcher(TemplateParser.Parse(pattern), []).TryMatch(path, []))
            {
                methods.UnionWith(accepts.HttpMethods);
            }
        }

        return methods;
    }
}
