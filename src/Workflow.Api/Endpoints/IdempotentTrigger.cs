using Microsoft.AspNetCore.Http;
using Workflow.Api.Problems;
using Workflow.Scheduling;
using Workflow.Security;

namespace Workflow.Api.Endpoints;

/// <summary>
/// The <c>Idempotency-Key</c> header of a trigger: the key names the run id (<see cref="IdempotencyKeys"/>), so a
/// retried POST finds the run the first one started and answers it with 200 instead of starting another.
/// </summary>
internal static class IdempotentTrigger
{
    /// <summary>
    /// The run id the key stands for (null without a key), or the answer to give at once: a bad key, the existing run
    /// of a key used within the window, or a refusal of a key older than that.
    /// </summary>
    public static async Task<(string? RunId, bool Existing, IResult? Problem)> ResolveAsync(string pipelineId,
        HttpContext http, Caller caller, ApiServices s, CancellationToken ct)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
        {
            return (null, false, null);
        }

        var key = values.ToString();
        if (IdempotencyKeys.Problem(key) is { } why)
        {
            return (null, false, ApiProblems.BadRequest(why, IdempotencyKeys.Header, why,
                "Send a short unique token per logical request, for example a UUID."));
        }

        var runId = IdempotencyKeys.RunId(pipelineId, caller.User, key);
        if (await s.Workflow.GetRunAsync(runId, ct) is not { } existing)
        {
            return (runId, false, null);
        }

        if (!IdempotencyKeys.StillHonoured(existing.Run.CreatedAt, s.Time.GetUtcNow()))
        {
            return (null, false, ApiProblems.Conflict(
                $"The {IdempotencyKeys.Header} '{key}' started run '{runId}' at {existing.Run.CreatedAt:O}, more than " +
                $"{IdempotencyKeys.Window.TotalHours:0} hours ago; a key is honoured for that long. Send a new key."));
        }

        return (runId, true, null);
    }
}
