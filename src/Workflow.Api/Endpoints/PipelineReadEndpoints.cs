using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Requests;
using Workflow.Api.Scheduling;
using Workflow.Contracts;
using Workflow.Json;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Api.Endpoints;

/// <summary>
/// Reading pipelines: the filtered list, one definition, its versions, its coming fire times, its tasks' expected
/// durations and its outline.
/// </summary>
internal static class PipelineReadEndpoints
{
    private const int RecentRuns = 10;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/pipelines", ListAsync).WithName("ListPipelines").Answers<IReadOnlyList<PipelineSummary>>();
        api.MapGet("/pipelines/{id}", GetAsync).WithName("GetPipeline")
            .Answers<PipelineDefinition>().ChecksQuery("version").Guarded().Versioned(StatusCodes.Status200OK);
        api.MapGet("/pipelines/{id}/versions", VersionsAsync).WithName("ListPipelineVersions")
            .Answers<IReadOnlyList<PipelineVersionInfo>>().Guarded();
        api.MapGet("/pipelines/{id}/schedule/preview", PreviewAsync).WithName("PreviewSchedule")
            .Answers<IReadOnlyList<SchedulePreviewItem>>().ChecksQuery("count").Guarded();
        api.MapGet("/pipelines/{id}/durations", DurationsAsync).WithName("ExpectedDurations")
            .Answers<ExpectedDurations>().Guarded();
        api.MapGet("/pipelines/{id}/outline", OutlineAsync).WithName("GetPipelineOutline")
            .Answers<PipelineOutline>().ChecksQuery("version").Guarded();
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var now = s.Time.GetUtcNow();
        var records = await s.Workflow.ListPipelinesAsync(ct);
        var rows = new List<PipelineSummary>();
        foreach (var record in records.Where(r => AccessPolicy.CanSee(caller, r.Definition.OwnerGroup))
                     .OrderBy(r => r.Definition.Id, StringComparer.Ordinal))
        {
            var recent = new RunQuery(PipelineId: record.Definition.Id, Limit: RecentRuns);
            var runs = await s.Workflow.ListRunsAsync(recent, ct);
            rows.Add(record.ToContract(runs.Items, now));
        }

        return TypedResults.Json(rows, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var read = await ReadAsync(id, http, s, ct);
        if (!read.Ok)
        {
            return read.Problem!;
        }

        var record = read.Value!;
        http.Response.Headers.ETag = ETags.For(record.Version);
        return TypedResults.Json(record.Definition with { Version = record.Version },
            WorkflowJsonContext.Default.PipelineDefinition);
    }

    /// <summary>The version <c>?version=</c> names (the current one without it), when the caller may read it.</summary>
    private static async Task<BodyResult<PipelineRecord>> ReadAsync(string id, HttpContext http, ApiServices s,
        CancellationToken ct)
    {
        if (!QueryValues.TryInt(http, "version", 1, int.MaxValue, out var version, out var bad))
        {
            return new(null, bad);
        }

        var record = await s.Workflow.GetPipelineAsync(id, version, ct);
        if (record is null)
        {
            return new(null, ApiProblems.NotFound("Pipeline", version is null ? id : $"{id}' version '{version}"));
        }

        return new(record, ApiServices.Check(s.CallerOf(http), AccessAction.Read, record.Definition.OwnerGroup,
            "Pipeline", id));
    }

    private static async Task<IResult> VersionsAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        var found = await s.FindPipelineAsync(caller, AccessAction.Read, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        // A version the pipeline had in another group (before a move) is that group's, as GET ?version= decides.
        var versions = await s.Workflow.ListPipelineVersionsAsync(id, ct);
        var rows = versions.Where(v => AccessPolicy.CanSee(caller, v.Definition.OwnerGroup))
            .OrderByDescending(v => v.Version)
            .Select(v => new PipelineVersionInfo(v.Version, v.UpdatedAt, v.UpdatedBy)).ToList();
        return TypedResults.Json(rows, ApiJson.Options);
    }

    /// <summary>What each task usually takes, from history: what <c>wf watch</c> bases its first ETA on.</summary>
    private static async Task<IResult> DurationsAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var found = await s.FindPipelineAsync(s.CallerOf(http), AccessAction.Read, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        var expected = await s.Workflow.ExpectedDurationsAsync(id, ct);
        return TypedResults.Json(PipelineMappings.ExpectedDurations(id, expected), ApiJson.Options);
    }

    /// <summary>
    /// The parameters and the tasks with their dependencies of the current version (or <c>?version=</c>), for a client
    /// that does not read the definition format (<c>wf runs trigger --param</c>, <c>wf watch</c>).
    /// </summary>
    private static async Task<IResult> OutlineAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var read = await ReadAsync(id, http, s, ct);
        return read.Ok ? TypedResults.Json(read.Value!.ToOutline(), ApiJson.Options) : read.Problem!;
    }

    private static async Task<IResult> PreviewAsync(string id, HttpContext http, ApiServices s, CancellationToken ct)
    {
        var caller = s.CallerOf(http);
        if (!QueryValues.TryInt(http, "count", 1, SchedulePreviewLimits.MaxCount, out var count, out var bad))
        {
            return bad;
        }

        var found = await s.FindPipelineAsync(caller, AccessAction.Read, id, ct);
        if (!found.Ok)
        {
            return found.Problem!;
        }

        var items = SchedulePreview.Next(found.Value!.Definition, s.Time.GetUtcNow(),
            count ?? SchedulePreviewLimits.DefaultCount);
        return TypedResults.Json(items, ApiJson.Options);
    }
}
