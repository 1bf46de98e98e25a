using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Requests;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// The URIs that starting a run, a rerun or a backfill names as <c>statusQueryGetUri</c>, answered as the Durable
/// Functions instance status is: 202 with <c>Location</c> (the URI itself) and <c>Retry-After</c> while the work is
/// active, 200 once it has ended, the same body either way. <c>GET /api/runs/{runId}</c> and the backfill resource
/// keep answering 200 whatever the state, for the dashboard and the CLI.
/// </summary>
internal static class StatusQueryEndpoints
{
    /// <summary>The seconds a poller waits between two reads, sent as <c>Retry-After</c> on every 202.</summary>
    public const int RetryAfterSeconds = 2;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/runs/{runId}/status", RunAsync).WithName("GetRunStatus")
            .PollsStatus<Workflow.Contracts.RunDetail>().Guarded();
        api.MapGet("/pipelines/{id}/backfills/{backfillId}/status", BackfillAsync).WithName("GetBackfillStatus")
            .PollsStatus<Workflow.Contracts.BackfillAccepted>().Guarded().Refuses(StatusCodes.Status501NotImplemented);
    }

    public static string RunPath(string runId) => $"/api/runs/{Uri.EscapeDataString(runId)}/status";

    public static string BackfillPath(string pipelineId, string backfillId) =>
        $"/api/pipelines/{Uri.EscapeDataString(pipelineId)}/backfills/{Uri.EscapeDataString(backfillId)}/status";

    /// <summary>
    /// A run is active until it has ended: queued, running and any state a run can pause in count as active, so a
    /// poller never stops before the outcome.
    /// </summary>
    public static bool HasEnded(RunStatus status) =>
        status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    private static async Task<IResult> RunAsync(string runId, HttpContext http, ApiServices s, CancellationToken ct)
    {
        runId = RouteRunId.Decode(runId);
        var run = await RunEndpoints.ReadVisibleAsync(runId, http, s, ct);
        return run.Ok
            ? Answer(http, RunPath(runId), run.Value!.ToContract(), HasEnded(run.Value!.Run.Status))
            : run.Problem!;
    }

    private static async Task<IResult> BackfillAsync(string id, string backfillId, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var backfill = await BackfillEndpoints.ReadAsync(id, backfillId, http, s, ct);
        return backfill.Ok
            ? Answer(http, BackfillPath(id, backfillId), backfill.Value!, backfill.Value!.Progress.Done)
            : backfill.Problem!;
    }

    /// <summary>The absolute form of an API path on this host, as the status URIs are given out.</summary>
    public static string Absolute(HttpContext http, string path) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";

    private static IResult Answer<T>(HttpContext http, string path, T body, bool ended)
    {
        if (!ended)
        {
            http.Response.Headers.Location = Absolute(http, path);
            AskToRetry(http);
        }

        return TypedResults.Json(body, ApiJson.Options,
            statusCode: ended ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    /// <summary>Sets <c>Retry-After</c>, for a 202 whose <c>Location</c> a client polls.</summary>
    public static void AskToRetry(HttpContext http) =>
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
