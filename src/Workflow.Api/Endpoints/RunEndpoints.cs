using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Audit;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Contracts;
using Workflow.Execution;
using Workflow.Json;
using Workflow.Security;
using Workflow.Services;
using RunDetail = Workflow.Services.RunDetail;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Runs: trigger (202 in the Durable Functions style), list with paging, read, cancel, rerun-failed and rerun from a
/// task.
/// </summary>
internal static class RunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/pipelines/{id}/runs", TriggerAsync).WithName("TriggerRun").TakesJson<TriggerRequest>(optional: true)
            .StartsWork<RunAccepted>().Answers<RunAccepted>().Guarded().CallsEngine();
        api.MapGet("/runs", ListAsync).WithName("ListRuns").Answers<RunsPage>()
            .ChecksQuery("pipeline", "status", "from", "to", "limit", "continuationToken").CallsEngine();
        api.MapGet("/runs/{runId}", GetAsync).WithName("GetRun").Answers<Workflow.Contracts.RunDetail>().Guarded();
        api.MapPost("/runs/{runId}/cancel", CancelAsync).WithName("CancelRun").TakesJson<CancelRequest>(optional: true)
            .Answers<CancelAccepted>(StatusCodes.Status202Accepted).Guarded().CallsEngine();
        api.MapPost("/runs/{runId}/rerun", RerunAsync).WithName("RerunFailed")
            .StartsWork<RunAccepted>().ChecksQuery(RerunFrom.Field, "version").Guarded().CallsEngine();
    }

    private static async Task<IResult> TriggerAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var body = await JsonBody.ReadAsync(http.Request, ApiJson.TypeInfo<TriggerRequest>(), s.Options,
            allowEmpty: true, ct);
        if (!body.Ok)
        {
            return body.Problem!;
        }

        var pipeline = await s.Workflow.GetPipelineAsync(id, null, ct);
        if (pipeline is null)
        {
            return ApiProblems.NotFound("Pipeline", id);
        }

        var owner = pipeline.Definition.OwnerGroup;
        if (ApiServices.Check(caller, AccessAction.Trigger, owner, "Pipeline", id) is { } no)
        {
            return no;
        }

        var parameters = body.Value?.Parameters;
        if (parameters is { } p && p.ValueKind is not (System.Text.Json.JsonValueKind.Object or
                System.Text.Json.JsonValueKind.Null))
        {
            return ApiProblems.BadRequest("'parameters' must be a JSON object.", "$.parameters",
                $"'parameters' is a {p.ValueKind.ToString().ToLowerInvariant()}.", "Send {\"parameters\": {\"name\": value}}.");
        }

        var (keyedRunId, existing, keyProblem) = await IdempotentTrigger.ResolveAsync(id, http, caller, s, ct);
        if (keyProblem is not null || existing)
        {
            return keyProblem ?? Accepted(http, keyedRunId!, StatusCodes.Status200OK);
        }

        var started = await EngineCalls.RunAsync(() => s.Workflow.StartRunAsync(
            new StartRunRequest(id, RunTrigger.Manual, caller.User, parameters, keyedRunId,
                Overlap: body.Value?.Overlap), ct));
        if (!started.Ok)
        {
            return started.Problem!;
        }

        var run = started.Value!;
        await s.AuditAsync(caller, AuditActions.RunTriggered, run.RunId, owner, $"pipeline {id}", ct);
        return Accepted(http, run.RunId);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (!QueryValues.TryInt(http, "limit", 1, s.Options.MaxPageSize, out var limit, out var bad) ||
            !QueryValues.TryInstant(http, "from", out var from, out bad) ||
            !QueryValues.TryInstant(http, "to", out var to, out bad))
        {
            return bad;
        }

        if (InstantRange.Reversed(from, to) is { } reversed)
        {
            // An empty page would read as "no runs then", not as a range the wrong way round.
            return ApiProblems.BadRequest(reversed, "to", reversed, InstantRange.Hint);
        }

        var statusText = http.Request.Query["status"].ToString();
        RunStatus? status = null;
        if (statusText.Length > 0)
        {
            if (!WireNames.TryParse<RunStatus>(statusText, out var parsed))
            {
                return ApiProblems.BadRequest($"Query parameter 'status' is '{statusText}'.", "status",
                    $"'status' must be one of {string.Join(", ", RunStatusNames.All)}.", "For example ?status=failed.");
            }

            status = parsed;
        }

        var pipeline = http.Request.Query["pipeline"].ToString();
        var token = http.Request.Query["continuationToken"].ToString();
        if (caller.VisibleGroups is { Count: 0 })
        {
            return TypedResults.Json(new RunsPage([], null), ApiJson.Options);
        }

        var query = new RunQuery(pipeline.Length == 0 ? null : pipeline, status, from, to, caller.VisibleGroups,
            token.Length == 0 ? null : token, limit ?? 50);
        var page = await EngineCalls.RunAsync(() => s.Workflow.ListRunsAsync(query, ct));
        if (!page.Ok)
        {
            return page.Problem!;
        }

        var visible = page.Value!.Items.Where(r => AccessPolicy.CanSee(caller, r.OwnerGroup)).ToList();
        return TypedResults.Json((page.Value with { Items = visible }).ToContract(), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string runId, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var run = await ReadVisibleAsync(RouteRunId.Decode(runId), http, s, ct);
        return run.Ok ? TypedResults.Json(run.Value!.ToContract(), ApiJson.Options) : run.Problem!;
    }

    /// <summary>The run as the caller may read it, or the answer to give (also for its status URI).</summary>
    internal static async Task<BodyResult<RunDetail>> ReadVisibleAsync(string runId, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var run = await s.FindRunAsync(caller, AccessAction.Read, runId, ct);
        if (!run.Ok)
        {
            return run;
        }

        // A child run belongs to its own pipeline's group, which the caller may not see.
        return new(run.Value! with
        {
            Children = run.Value.Children?.Where(c => AccessPolicy.CanSee(caller, c.OwnerGroup)).ToList() ?? [],
        }, null);
    }

    private static async Task<IResult> CancelAsync(string runId, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var read = await RunChange.ReadAsync(runId, AccessAction.Cancel, ApiJson.TypeInfo<CancelRequest>(),
            b => b.Reason, http, s, ct);
        if (!read.Ok)
        {
            return read.Problem!;
        }

        var (id, caller, detail, reason) = read.Value!;
        if (!detail.Run.Status.IsActive())
        {
            return ApiProblems.Conflict($"Run '{id}' has already finished ({detail.Run.Status.WireName()}); " +
                                        "only a queued, running or suspended run can be cancelled.");
        }

        var cancelled = await EngineCalls.RunAsync(() => s.Workflow.CancelRunAsync(id, caller.User, reason, ct));
        if (!cancelled.Ok)
        {
            return cancelled.Problem!;
        }

        await s.AuditAsync(caller, AuditActions.RunCancelled, id, detail.Run.OwnerGroup, reason, ct);
        return TypedResults.Accepted(StatusQueryEndpoints.RunPath(id),
            new CancelAccepted(id, RunChangeStatusNames.Cancelling));
    }

    private static async Task<IResult> RerunAsync(string runId, HttpContext http, ApiServices s, CancellationToken ct)
    {
        runId = RouteRunId.Decode(runId);
        var caller = s.CallerOf(http);
        if (!TryRerunVersion(http, out var version, out var bad))
        {
            return bad;
        }

        var found = await s.FindRunAsync(caller, AccessAction.Rerun, runId, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        var detail = found.Value!;
        var owner = detail.Run.OwnerGroup;
        // ?fromTask=key reruns that task and its downstream (RerunFrom); a succeeded run can be rerun that way too.
        var fromTask = http.Request.Query.TryGetValue(RerunFrom.Field, out var chosen) ? chosen.ToString() : null;
        if (detail.Run.Status is not (RunStatus.Failed or RunStatus.Cancelled)
            && !(fromTask is not null && detail.Run.Status == RunStatus.Succeeded))
        {
            return ApiProblems.Conflict($"Run '{runId}' is {detail.Run.Status.WireName()}; " + (fromTask is null
                ? "only a failed or cancelled run can be rerun (a succeeded one from a task: ?fromTask=<task>)."
                : "only a finished run can be rerun from a task. Wait for it to finish, or cancel it."));
        }

        var rerun = await EngineCalls.RunAsync(() => fromTask is null
            ? s.Workflow.RerunFailedAsync(runId, version, caller.User, ct)
            : s.Workflow.RerunFromTaskAsync(runId, fromTask, version, caller.User, ct));
        if (!rerun.Ok)
        {
            return rerun.Problem!;
        }

        var detailText = (version == RerunVersion.Latest ? $"rerun of {runId} on the current version" : $"rerun of {runId}")
                         + (fromTask is null ? "" : $" from task {fromTask}");
        await s.AuditAsync(caller, AuditActions.RunRerun, rerun.Value!.RunId, owner, detailText, ct);
        return Accepted(http, rerun.Value.RunId);
    }

    /// <summary><c>?version=pinned</c> (the default: the run's own version) or <c>?version=latest</c>.</summary>
    private static bool TryRerunVersion(HttpContext http, out RerunVersion version, out IResult problem)
    {
        var text = http.Request.Query["version"].ToString();
        version = text == "latest" ? RerunVersion.Latest : RerunVersion.Pinned;
        problem = null!;
        if (text is "" or "pinned" or "latest")
        {
            return true;
        }

        problem = ApiProblems.BadRequest($"Query parameter 'version' is '{text}'.", "version",
            "'version' must be 'pinned' (the run's own version, the default) or 'latest' (the current version).",
            "For example ?version=latest to rerun the failed tasks on the fixed pipeline.");
        return false;
    }

    /// <summary>
    /// The Durable-style answer to a start: <c>Location</c> and <c>statusQueryGetUri</c> name the run's status URI,
    /// which answers 202 until the run ends.
    /// </summary>
    private static IResult Accepted(HttpContext http, string runId, int statusCode = StatusCodes.Status202Accepted)
    {
        var run = $"/api/runs/{Uri.EscapeDataString(runId)}";
        var status = StatusQueryEndpoints.RunPath(runId);
        var body = new RunAccepted(runId, runId, StatusQueryEndpoints.Absolute(http, status),
            StatusQueryEndpoints.Absolute(http, run + "/cancel"), StatusQueryEndpoints.Absolute(http, run + "/rerun"));
        StatusQueryEndpoints.AskToRetry(http);
        http.Response.Headers.Location = status;
        return TypedResults.Json(body, ApiJson.Options, statusCode: statusCode);
    }
}
