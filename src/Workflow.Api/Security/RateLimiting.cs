using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Api.Problems;

namespace Workflow.Api.Security;

/// <summary>
/// A fixed-window limit per user (the token's subject), or per client address before authentication, so one
/// busy script cannot starve everyone else. Refusals answer 429 with Retry-After. The limit is the setting
/// <c>Workflow:Api:RateLimitPermits</c> requests per <c>Workflow:Api:RateLimitWindow</c> (600 a minute by
/// default); a host that cannot start with a limit of zero or a window of no length says so at start-up.
/// </summary>
internal static class RateLimiting
{
    public static void AddWorkflowRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<WorkflowApiOptions>()
            .Validate(o => o.RateLimitPermits > 0,
                "Workflow:Api:RateLimitPermits must be at least 1 (requests per user per window); " +
                "raise it, for a load test for example, rather than setting it to 0.")
            .Validate(o => o.RateLimitWindow > TimeSpan.Zero,
                "Workflow:Api:RateLimitWindow must be a positive duration, such as 00:01:00.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<WorkflowApiOptions>>((o, api) =>
        {
            var limits = api.Value;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.RateLimitPermits,
                    Window = limits.RateLimitWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds))
                    : (int)Math.Ceiling(limits.RateLimitWindow.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var logger = http.RequestServices.GetRequiredService<ILogger<WorkflowApiOptions>>();
                Log.RateLimited(logger, PartitionKey(http));
                await ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                        $"More than {limits.RateLimitPermits} requests in {limits.RateLimitWindow}. " +
                        $"Retry after {seconds} seconds.")
                    .ExecuteAsync(http);
            };
        });
    }

    private static string PartitionKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "user:" + (context.User.FindFirst("sub")?.Value ?? context.User.Identity.Name ?? "?")
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
}
