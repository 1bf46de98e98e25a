using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Api.Audit;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Contracts;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>Backfills: start one (202 with its progress resource) and read its progress.</summary>
internal static class BackfillEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/pipelines/{id}/backfills", StartAsync).WithName("StartBackfill").TakesJson<BackfillBody>()
            .StartsWork<BackfillAccepted>().Guarded().CallsEngine().Refuses(StatusCodes.Status501NotImplemented);
        api.MapGet("/pipelines/{id}/backfills/{backfillId}", GetAsync).WithName("GetBackfill")
            .Answers<BackfillAccepted>().Guarded().Refuses(StatusCodes.Status501NotImplemented);
    }

    private static async Task<IResult> StartAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var body = await JsonBody.ReadAsync(http.Request, ApiJson.TypeInfo<BackfillBody>(), s.Options,
            allowEmpty: false, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        var b = body.Value!;
        if (b.From is not { } from || b.To is not { } to)
        {
            var field = b.From is null ? "from" : "to";
            return ApiProblems.BadRequest($"'{field}' is required.", "$." + field, $"'{field}' is missing.",
                "Send {\"from\": \"2026-03-01T00:00:00Z\", \"to\": \"2026-03-03T23:59:59Z\"}.");
        }

        var found = await s.FindPipelineAsync(caller, AccessAction.Trigger, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        if (Service(http) is not { } backfills)
        {
            return NotHere();
        }

        var defaults = http.RequestServices.GetService<IOptions<BackfillOptions>>()?.Value ?? new BackfillOptions();
        var request = new BackfillRequest(id, from, to, b.Schedule, b.MaxActiveRuns ?? defaults.DefaultMaxActiveRuns,
            caller.User, b.Overlap);
        var started = await EngineCalls.RunAsync(() => backfills.StartAsync(request, ct));
        if (!started.Ok)
        {
            return started.Problem!;
        }

        var record = started.Value!;
        await s.AuditAsync(caller, AuditActions.BackfillStarted, record.BackfillId, found.Value!.Definition.OwnerGroup,
            $"pipeline {id}, {record.Progress.Total} runs from {from:O} to {to:O}", ct);
        http.Response.Headers.Location = StatusQueryEndpoints.BackfillPath(id, record.BackfillId);
        StatusQueryEndpoints.AskToRetry(http);
        return TypedResults.Json(Accepted(http, record), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(string id, string backfillId, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var backfill = await ReadAsync(id, backfillId, http, s, ct);
        return backfill.Ok ? TypedResults.Json(backfill.Value, ApiJson.Options) : backfill.Problem!;
    }

    /// <summary>The backfill and its progress when the caller may read its pipeline (also for its status URI).</summary>
    internal static async Task<BodyResult<BackfillAccepted>> ReadAsync(string id, string backfillId, HttpContext http,
        ApiServices s, CancellationToken ct)
    {
        var found = await s.FindPipelineAsync(s.CallerOf(http), AccessAction.Read, id, ct);
        if (!found.Ok)
        {
            return new(null, found.Problem);
        }

        if (Service(http) is not { } backfills)
        {
            return new(null, NotHere());
        }

        var record = await backfills.GetAsync(id, backfillId, ct);
        return record is null ? new(null, ApiProblems.NotFound("Backfill", backfillId)) : new(Accepted(http, record), null);
    }

    private static IBackfillService? Service(HttpContext http) => http.RequestServices.GetService<IBackfillService>();

    private static IResult NotHere() => ApiProblems.Problem(StatusCodes.Status501NotImplemented,
        "Backfills are not available", "This host does not run backfills.");

    private static BackfillAccepted Accepted(HttpContext http, BackfillRecord record) =>
        record.ToContract(
            StatusQueryEndpoints.Absolute(http, StatusQueryEndpoints.BackfillPath(record.PipelineId, record.BackfillId)));
}
