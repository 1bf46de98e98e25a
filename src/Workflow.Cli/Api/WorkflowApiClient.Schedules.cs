using System.Text.Json.Nodes;

namespace Workflow.Cli.Api;

/// <summary>Schedules: their states, and backfills of their past occurrences.</summary>
public sealed partial class WorkflowApiClient
{
    public Task<List<ScheduleStatusItem>> ListSchedulesAsync(string pipelineId, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}/schedules", null,
            Json.ListScheduleStatusItem, ct);

    public async Task<BackfillStatus> StartBackfillAsync(string pipelineId, JsonObject body, CancellationToken ct)
    {
        using var content = JsonContent(body.ToJsonString());
        return await SendForAsync(HttpMethod.Post, $"api/pipelines/{Segment(pipelineId)}/backfills", content,
            Json.BackfillStatus, ct);
    }

    public Task<BackfillStatus> GetBackfillAsync(string pipelineId, string backfillId, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/pipelines/{Segment(pipelineId)}/backfills/{Segment(backfillId)}", null,
            Json.BackfillStatus, ct);
}
