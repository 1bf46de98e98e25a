using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Workflow.Cli.Api.ApiConnection;

namespace Workflow.Cli.Api;

/// <summary>Runs: trigger, list, read, cancel, rerun, suspend and resume; a task's attempts and their logs.</summary>
public sealed class RunsClient(ApiConnection api)
{
    public async Task<RunAccepted> TriggerAsync(string pipelineId, JsonObject? parameters, CancellationToken ct)
    {
        var body = new JsonObject();
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        using var content = JsonContent(body.ToJsonString());
        return await AcceptedAsync($"api/pipelines/{Segment(pipelineId)}/runs", content, ct);
    }

    public Task<RunsPage> ListAsync(string? pipelineId, string? status, int? limit, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, WithQuery("api/runs", ("pipeline", pipelineId), ("status", status),
            ("limit", limit?.ToString(CultureInfo.InvariantCulture))), null, Json.RunsPage, ct);

    public Task<RunDetail> GetAsync(string runId, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, $"api/runs/{Segment(runId)}", null, Json.RunDetail, ct);

    public Task<RunCriticalPath> GetCriticalPathAsync(string runId, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, $"api/runs/{Segment(runId)}/critical-path", null, Json.RunCriticalPath, ct);

    public async Task CancelAsync(string runId, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Post, $"api/runs/{Segment(runId)}/cancel", null, ct);
    }

    /// <summary>
    /// Reruns on the run's pinned version, or on the pipeline's current one when <paramref name="latest"/>: the failed
    /// tasks, or <paramref name="fromTask"/> and everything downstream of it.
    /// </summary>
    public Task<RunAccepted> RerunAsync(string runId, bool latest, string? fromTask, CancellationToken ct)
    {
        string[] query = [.. latest ? ["version=latest"] : Array.Empty<string>(),
            .. fromTask is null ? Array.Empty<string>() : ["fromTask=" + Uri.EscapeDataString(fromTask)]];
        return AcceptedAsync(
            $"api/runs/{Segment(runId)}/rerun" + (query.Length == 0 ? "" : "?" + string.Join('&', query)), null, ct);
    }

    /// <summary>
    /// Suspends (or, with <paramref name="suspend"/> false, resumes) a run: true when the server changed it (202), false
    /// when it already was so (200).
    /// </summary>
    public async Task<bool> SuspendAsync(string runId, bool suspend, string? reason, CancellationToken ct)
    {
        using var content = JsonContent(new SuspendRequest(reason), Json.SuspendRequest);
        using var response = await api.SendAsync(HttpMethod.Post,
            $"api/runs/{Segment(runId)}/{(suspend ? "suspend" : "resume")}", content, ct);
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    public Task<List<AttemptInfo>> ListAttemptsAsync(string runId, string taskKey, CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get, $"api/runs/{Segment(runId)}/tasks/{Segment(taskKey)}/attempts", null,
            Json.ListAttemptInfo, ct);

    /// <summary>Reads up to <paramref name="maxBytes"/> from <paramref name="offset"/> (from the start, not negative).</summary>
    public Task<LogChunk> ReadLogAsync(string runId, string taskKey, int attempt, long offset, int maxBytes,
        CancellationToken ct) =>
        ReadLogAsync(runId, taskKey, attempt, string.Create(CultureInfo.InvariantCulture, $"offset={offset}"),
            maxBytes, ct);

    /// <summary>
    /// Reads up to <paramref name="maxBytes"/> from <paramref name="tail"/> bytes before the end (the start of a
    /// shorter log); the answer's offset says where that was.
    /// </summary>
    public Task<LogChunk> ReadLogTailAsync(string runId, string taskKey, int attempt, long tail, int maxBytes,
        CancellationToken ct) =>
        ReadLogAsync(runId, taskKey, attempt, string.Create(CultureInfo.InvariantCulture, $"tail={tail}"), maxBytes,
            ct);

    private Task<LogChunk> ReadLogAsync(string runId, string taskKey, int attempt, string from, int maxBytes,
        CancellationToken ct) =>
        api.SendForAsync(HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture,
                $"api/runs/{Segment(runId)}/tasks/{Segment(taskKey)}/attempts/{attempt}/log?{from}&maxBytes={maxBytes}"),
            null, Json.LogChunk, ct);

    /// <summary>
    /// The 202 of a start. The run id comes from the body, or else from <c>Location</c> (the run's status URI,
    /// <c>/api/runs/{id}/status</c>), so that a server answering with headers only still names its run.
    /// </summary>
    private async Task<RunAccepted> AcceptedAsync(string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await api.SendAsync(HttpMethod.Post, path, content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var accepted = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, Json.RunAccepted);
        var runId = accepted?.RunId ?? accepted?.Id ?? FromLocation(response.Headers.Location)
            ?? throw new ApiException($"The server started a run at POST /{path} but did not say its id.");
        return (accepted ?? new RunAccepted(null, runId, null, null, null)) with { RunId = runId };
    }

    private static string? FromLocation(Uri? location)
    {
        if (location is null)
        {
            return null;
        }

        var segments = location.OriginalString.TrimEnd('/').Split('/');
        var last = segments[^1] == "status" && segments.Length > 1 ? segments[^2] : segments[^1];
        return Uri.UnescapeDataString(last);
    }
}
