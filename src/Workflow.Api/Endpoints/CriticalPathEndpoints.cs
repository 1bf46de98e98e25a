using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Requests;
using Workflow.Contracts;
using Workflow.Progress;

namespace Workflow.Api.Endpoints;

/// <summary>
/// A run's critical path, projected in the API from what <c>IWorkflowService</c> answers (the run, its pinned
/// definition and the duration history) so both hosts give the same one. Readable by whoever may read the run.
/// </summary>
internal static class CriticalPathEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{runId}/critical-path", GetAsync).WithName("GetCriticalPath")
            .Answers<RunCriticalPath>().Guarded();

    private static async Task<IResult> GetAsync(string runId, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var run = await RunEndpoints.ReadVisibleAsync(RouteRunId.Decode(runId), http, s, ct);
        if (!run.Ok)
        {
            return run.Problem!;
        }

        var detail = run.Value!;
        var pipeline = await s.Workflow.GetPipelineAsync(detail.Run.PipelineId, detail.Run.PipelineVersion, ct);
        var history = await s.Workflow.ExpectedDurationsAsync(detail.Run.PipelineId, ct);
        var now = s.Time.GetUtcNow();
        var estimates = RunProjection.Estimates(pipeline?.Definition, history);
        var projected = RunProjection.Project(detail.Tasks, estimates, now);
        var path = projected.CriticalPath
            .Select(t => new CriticalPathStep(t.TaskKey, t.Start!.Value, t.Finish!.Value, t.Projected)).ToList();
        return TypedResults.Json(new RunCriticalPath(detail.Run.RunId, now, path, projected.Finish,
            Math.Round(projected.Remaining.TotalSeconds, 3), projected.Unestimated, projected.Overdue,
            projected.EtaKnown, PipelineMappings.ExpectedDurations(detail.Run.PipelineId, estimates).Seconds),
            ApiJson.Options);
    }
}
