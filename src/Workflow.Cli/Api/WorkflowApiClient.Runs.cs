using System.Globalization;
using System.Text.Json.Nodes;

namespace Workflow.Cli.Api;

/// <summary>Runs: trigger, list, read, cancel, rerun, attempts and logs.</summary>
public sealed partial class WorkflowApiClient
{
    public async Task<RunStarted> TriggerRunAsync(string pipelineId, JsonObject? parameters, CancellationToken ct)
    {
        var body = new JsonObject();
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        using var content = JsonContent(body.ToJsonString());
        return await StartedAsync(HttpMethod.Post, $"api/pipelines/{Segment(pipelineId)}/runs", content, ct);
    }

    public Task<RunPage> ListRunsAsync(string? pipelineId, string? status, int? limit, CancellationToken ct)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(pipelineId))
        {
            query.Add("pipeline=" + Uri.EscapeDataString(pipelineId));
        }

        if (!string.IsNullOrEmpty(status))
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        if (limit is not null)
        {
            query.Add("limit=" + limit.Value.ToString(CultureInfo.InvariantCulture));
        }

        var path = query.Count == 0 ? "api/runs" : "api/runs?" + string.Join('&', query);
        return SendForAsync(HttpMethod.Get, path, null, Json.RunPage, ct);
    }

    public Task<RunDetail> GetRunAsync(string runId, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/runs/{Segment(runId)}", null, Json.RunDetail, ct);

    public Task<RunCriticalPath> GetCriticalPathAsync(string runId, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/runs/{Segment(runId)}/critical-path", null, Json.RunCriticalPath, ct);

    public async Task CancelRunAsync(string runId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/runs/{Segment(runId)}/cancel", null, null, ct);
    }

    /// <summary>
    /// Reruns on the run's pinned version, or on the pipeline's current one when <paramref name="latest"/>: the failed
    /// tasks, or <paramref name="fromTask"/> and everything downstream of it.
    /// </summary>
    public Task<RunStarted> RerunAsync(string runId, bool latest, string? fromTask, CancellationToken ct)
    {
        string[] query = [.. latest ? ["version=latest"] : Array.Empty<string>(),
            .. fromTask is null ? Array.Empty<string>() : ["fromTask=" + Uri.EscapeDataString(fromTask)]];
        return StartedAsync(HttpMethod.Post,
            $"api/runs/{Segment(runId)}/rerun" + (query.Length == 0 ? "" : "?" + string.Join('&', query)), null, ct);
    }

    public Task<List<AttemptInfo>> ListAttemptsAsync(string runId, string taskKey, CancellationToken ct) =>
        SendForAsync(HttpMethod.Get, $"api/runs/{Segment(runId)}/tasks/{Segment(taskKey)}/attempts", null,
            Json.ListAttemptInfo, ct);

    /// <summary>Reads up to <paramref name="maxBytes"/> from <paramref name="offset"/>; a negative offset reads the tail.</summary>
    public Task<LogChunk> ReadLogAsync(string runId, string taskKey, int attempt, long offset, int maxBytes,
        CancellationToken ct) =>
        SendForAsync(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture,
                $"api/runs/{Segment(runId)}/tasks/{Segment(taskKey)}/attempts/{attempt}/log?offset={offset}&maxBytes={maxBytes}"),
            null, Json.LogChunk, ct);

    /// <summary>
    /// Suspends (or, with <paramref name="suspend"/> false, resumes) a run: true when the server changed it (202), false
    /// when it already was so (200).
    /// </summary>
    public async Task<bool> SuspendRunAsync(string runId, bool suspend, string? reason, CancellationToken ct)
    {
        var body = new JsonObject();
        if (reason is not null)
        {
            body["reason"] = reason;
        }

        using var content = JsonContent(body.ToJsonString());
        using var response = await SendAsync(HttpMethod.Post,
            $"api/runs/{Segment(runId)}/{(suspend ? "suspend" : "resume")}", content, null, ct);
        return response.StatusCode == System.Net.HttpStatusCode.Accepted;
    }
}
