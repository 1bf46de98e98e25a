using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Workflow.Api.Tests.Infrastructure;

/// <summary>
/// Every status the API test hosts answered, by endpoint (method and route pattern), over the whole test run: a
/// middleware in front of each <see cref="ApiFactory"/> host records them, so the OpenAPI test can check that each
/// one is in the endpoint's description.
/// </summary>
public static class AnsweredStatuses
{
    private static readonly ConcurrentDictionary<(string Method, string Route), ConcurrentDictionary<int, byte>> Seen =
        new();

    /// <summary>What was answered so far: (method, route pattern) to the set of statuses.</summary>
    public static IReadOnlyDictionary<(string Method, string Route), IReadOnlySet<int>> Snapshot() =>
        Seen.ToDictionary(e => e.Key, e => (IReadOnlySet<int>)e.Value.Keys.ToHashSet());

    private static void Record(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            Seen.GetOrAdd((context.Request.Method, route), _ => new())[context.Response.StatusCode] = 0;
        }
    }

    /// <summary>Puts the recorder in front of the host's own middleware.</summary>
    public sealed class Recorder : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                try
                {
                    await inner(context);
                }
                finally
                {
                    Record(context);
                }
            });
            next(app);
        };
    }
}
