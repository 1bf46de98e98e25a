using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Requests;

namespace Workflow.Api.Endpoints;

/// <summary>The audit trail, newest first, limited to the caller's groups (admins see all).</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/audit", ListAsync).WithName("ListAudit")
        .Answers<IReadOnlyList<Audit.AuditEntry>>().ChecksQuery("limit");

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (!QueryValues.TryInt(http, "limit", 1, 1000, out var limit, out var bad))
        {
            return bad;
        }

        if (caller.VisibleGroups is { Count: 0 })
        {
            return TypedResults.Json(Array.Empty<Audit.AuditEntry>(), ApiJson.Options);
        }

        var entries = await s.Audit.ListAsync(caller.VisibleGroups, limit ?? 100, ct);
        return TypedResults.Json(entries, ApiJson.Options);
    }
}
