using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Security;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Api.Endpoints;

/// <summary>
/// <c>GET /api/alerts</c> (filters: status, pipeline, run, kind, limit), <c>GET /api/alerts/{id}</c> and
/// <c>POST /api/alerts/{id}/ack</c>, scoped by group like everything else. Alert ids contain slashes
/// (<c>{runId}/{kind}/{task}</c>), so clients URL-encode them as one path segment.
/// </summary>
public static class AlertEndpoints
{
    public const string AckAction = "alert.ack";

    /// <summary>Maps the alert endpoints; the host calls it when it registers an <see cref="IAlertService"/>.</summary>
    public static IEndpointRouteBuilder MapWorkflowAlerts(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapWorkflowApiGroup();
        api.MapGet("/alerts", ListAsync).WithName("ListAlerts").Answers<IReadOnlyList<AlertSummary>>()
            .ChecksQuery("status", "pipeline", "run", "kind", "limit");
        api.MapGet("/alerts/{id}", GetAsync).WithName("GetAlert").Answers<AlertSummary>().Guarded();
        api.MapPost("/alerts/{id}/ack", AckAsync).WithName("AckAlert").Answers<AlertSummary>().Guarded();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (!QueryValues.TryInt(http, "limit", 1, 1000, out var limit, out var bad))
        {
            return bad;
        }

        var statusText = http.Request.Query["status"].ToString();
        AlertListStatus? status = statusText switch
        {
            "" or "all" => AlertListStatus.All,
            "open" => AlertListStatus.Open,
            "acked" => AlertListStatus.Acked,
            "cleared" => AlertListStatus.Cleared,
            "active" => AlertListStatus.Active,
            _ => null,
        };
        if (status is null)
        {
            return ApiProblems.BadRequest($"Query parameter 'status' is '{statusText}'.", "status",
                "'status' must be open, acked, active (not cleared), cleared or all.", "For example ?status=open.");
        }

        var kindText = http.Request.Query["kind"].ToString();
        AlertKind? kind = null;
        if (kindText.Length > 0)
        {
            kind = Enum.GetValues<AlertKind>().Cast<AlertKind?>().FirstOrDefault(k => AlertIds.Name(k!.Value) == kindText);
            if (kind is null)
            {
                return ApiProblems.BadRequest($"Query parameter 'kind' is '{kindText}'.", "kind",
                    "'kind' must be one of " + string.Join(", ", Enum.GetValues<AlertKind>().Select(AlertIds.Name)) + ".",
                    "For example ?kind=deadline-at-risk.");
            }
        }

        if (caller.VisibleGroups is { Count: 0 })
        {
            return TypedResults.Json(Array.Empty<AlertSummary>(), ApiJson.Options);
        }

        var pipeline = http.Request.Query["pipeline"].ToString();
        var run = http.Request.Query["run"].ToString();
        var query = new AlertQuery(status.Value, pipeline.Length > 0 ? pipeline : null, kind, caller.VisibleGroups,
            limit ?? 200, run.Length > 0 ? run : null);
        var alerts = await Alerts(http).ListAlertsAsync(query, ct);
        return TypedResults.Json(alerts.Select(AlertSummary.From).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        id = Uri.UnescapeDataString(id);
        var record = await Alerts(http).GetAlertAsync(id, ct);
        if (record is null)
        {
            return ApiProblems.NotFound("alert", id);
        }

        return ApiServices.Check(s.CallerOf(http), AccessAction.Read, record.Alert.OwnerGroup, "alert", id)
               ?? TypedResults.Json(AlertSummary.From(record), ApiJson.Options);
    }

    private static async Task<IResult> AckAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        id = Uri.UnescapeDataString(id);
        var caller = s.CallerOf(http);
        var alerts = Alerts(http);
        var record = await alerts.GetAlertAsync(id, ct);
        if (record is null)
        {
            return ApiProblems.NotFound("alert", id);
        }

        var owner = record.Alert.OwnerGroup;
        if (ApiServices.Check(caller, AccessAction.AcknowledgeAlert, owner, "alert", id) is { } refused)
        {
            return refused;
        }

        if (record.AckedAt is not null)
        {
            // The first acknowledgement wins and stays; a later one changes nothing, so it is not audited either.
            return TypedResults.Json(AlertSummary.From(record), ApiJson.Options);
        }

        await alerts.AcknowledgeAlertAsync(id, caller.User, ct);
        await s.AuditAsync(caller, AckAction, id, owner, record.Alert.Message, ct);
        var updated = await alerts.GetAlertAsync(id, ct);
        return TypedResults.Json(AlertSummary.From(updated ?? record), ApiJson.Options);
    }

    private static IAlertService Alerts(HttpContext http) => http.RequestServices.GetRequiredService<IAlertService>();
}
