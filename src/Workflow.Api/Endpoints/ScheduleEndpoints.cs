using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Contracts;
using Workflow.Scheduling;
using Workflow.Security;

namespace Workflow.Api.Endpoints;

/// <summary>
/// A pipeline's schedules and where each stands (<see cref="ScheduleState"/>: active, pending, expired, disabled),
/// with its next fire time; the state is the core's, from the same window and rules the tick uses.
/// </summary>
internal static class ScheduleEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/pipelines/{id}/schedules", ListAsync).WithName("ListSchedules")
            .Answers<IReadOnlyList<ScheduleStatus>>().Guarded();

    private static async Task<IResult> ListAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var found = await s.FindPipelineAsync(s.CallerOf(http), AccessAction.Read, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        var now = s.Time.GetUtcNow();
        var rows = found.Value!.Definition.Schedules.Select(schedule => schedule.ToContract(now)).ToList();
        return TypedResults.Json(rows, ApiJson.Options);
    }
}
