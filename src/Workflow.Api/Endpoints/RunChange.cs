using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Workflow.Api.Requests;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// What the endpoints that change a run (cancel, suspend, resume) read before they act: the run id from the route,
/// the optional body's reason, and the run, found only when the caller may do <see cref="AccessAction"/> to it.
/// </summary>
internal sealed record RunChange(string RunId, Caller Caller, RunDetail Detail, string? Reason)
{
    public static async Task<BodyResult<RunChange>> ReadAsync<TBody>(string routeRunId, AccessAction action,
        JsonTypeInfo<TBody> bodyType, Func<TBody, string?> reasonOf, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        var runId = RouteRunId.Decode(routeRunId);
        var caller = s.CallerOf(http);
        var body = await JsonBody.ReadAsync(http.Request, bodyType, s.Options, allowEmpty: true, ct);
        if (!body.Ok)
        {
            return new(null, body.Problem);
        }

        var reason = body.Value is { } b ? reasonOf(b) : null;
        if (ReasonText.Problem(reason) is { } badReason)
        {
            return new(null, badReason);
        }

        var found = await s.FindRunAsync(caller, action, runId, ct);
        return found.Ok
            ? new(new RunChange(runId, caller, found.Value!, reason), null)
            : new(null, found.Problem);
    }
}
