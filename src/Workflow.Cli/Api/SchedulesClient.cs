using System.Globalization;
using System.Text.Json.Nodes;
using static Workflow.Cli.Api.ApiConnection;

namespace Workflow.Cli.Api;

/// <summary>A pipeline's schedules: their coming fire times, their states, and backfills of past occurrences.</summary>
public sealed class SchedulesClient(ApiConnection api)
{
    public Task<List<SchedulePreviewItem>> PreviewAsync(string pipelineId, int count, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get,
            $"api/pipelines/{Segment(pipelineId)}/schedule/preview?count={count.ToString(CultureInfo.InvariantCulture)}",
            null, Json.ListSchedulePreviewItem, ct);

    public Task<List<ScheduleStatus>> ListAsync(string pipelineId, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}/schedules", null,
            Json.ListScheduleStatus, ct);

    /// <summary>
    /// Starts a backfill. The body stays JSON (<c>from</c>, <c>to</c>, <c>schedule</c>, <c>maxActiveRuns</c>,
    /// <c>overlap</c>): its overlap policy is the model's, which the server checks.
    /// </summary>
    public async Task<BackfillAccepted> StartBackfillAsync(string pipelineId, JsonObject body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var content = JsonContent(body.ToJsonString());
        return await api.SendForAsync(HttpMethod.Post, $"api/pipelines/{Segment(pipelineId)}/backfills", content,
            Json.BackfillAccepted, ct);
    }

    public Task<BackfillAccepted> GetBackfillAsync(string pipelineId, string backfillId, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}/backfills/{Segment(backfillId)}", null,
            Json.BackfillAccepted, ct);
}
