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
using Workflow.Security;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Suspend and resume a run: the operator role in the run's group, audited with the actor and reason. 202 when the
/// run changes, 200 when it already was in the state asked for (suspending twice is idempotent), 404 for a run the
/// caller cannot see, 409 for a run that is queued or finished (the core's rule, <see cref="RunStatuses"/>).
/// </summary>
internal static class RunSuspendEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        Describe(api.MapPost("/runs/{runId}/suspend", (string runId, HttpContext http, ApiServices s,
            CancellationToken ct) => ChangeAsync(runId, suspend: true, http, s, ct)).WithName("SuspendRun"));
        Describe(api.MapPost("/runs/{runId}/resume", (string runId, HttpContext http, ApiServices s,
            CancellationToken ct) => ChangeAsync(runId, suspend: false, http, s, ct)).WithName("ResumeRun"));
    }

    /// <summary>
    /// The statuses it answers. The optional body is not declared: a consumes constraint would refuse an empty POST.
    /// </summary>
    private static void Describe(RouteHandlerBuilder endpoint) => endpoint
        .Answers<RunSuspension>(StatusCodes.Status202Accepted).Answers<RunSuspension>().Guarded().CallsEngine();

    private static async Task<IResult> ChangeAsync(string runId, bool suspend, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var read = await RunChange.ReadAsync(runId, AccessAction.Suspend, ApiJson.TypeInfo<SuspendRequest>(),
            b => b.Reason, http, s, ct);
        if (!read.Ok)
        {
            return read.Problem!;
        }

        // A queued or finished run is refused by the service (RunStatuses.SuspensionRefusal), answered as a 409.
        var (id, caller, detail, reason) = read.Value!;
        var changed = await EngineCalls.RunAsync(() => suspend
            ? s.Workflow.SuspendRunAsync(id, caller.User, reason, ct)
            : s.Workflow.ResumeRunAsync(id, caller.User, reason, ct));
        if (!changed.Ok)
        {
            return changed.Problem!;
        }

        if (!changed.Value)
        {
            var already = suspend ? RunStatusNames.Suspended : RunStatusNames.Running;
            return TypedResults.Json(new RunSuspension(id, already), ApiJson.Options);
        }

        await s.AuditAsync(caller, suspend ? AuditActions.RunSuspended : AuditActions.RunResumed, id,
            detail.Run.OwnerGroup, reason, ct);
        return TypedResults.Accepted(StatusQueryEndpoints.RunPath(id),
            new RunSuspension(id, suspend ? RunChangeStatusNames.Suspending : RunChangeStatusNames.Resuming));
    }
}
